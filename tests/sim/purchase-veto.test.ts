/**
 * A purchase the city makes alone above the EU threshold of its object goes to the council, whose
 * majority may split by the partner deals' rule (rules/negotiation.ts `ratifyPurchase`, MODEL
 * §13.1): R − 1 months of internal agreement added to its procedure, and each award month may break
 * it with `vetoChance`. Below the threshold (an adapted procedure, under delegation) nothing is drawn.
 * A need the council refused is not put to it again in the same mandate unless its scope or funding
 * changed (`purchaseBarred`): put again, it is refused without a vote. The need is valued whole:
 * every purchase alone of the family signed in this mandate and still under works or in service
 * counts (contracts.ts `purchaseProcedure`, procedure.ts `sameNeedEur`).
 */
import { describe, expect, it } from 'vitest';
import { applyAction } from '../../src/sim/actions';
import { purchaseBarred, ratificationMonths, roundsNeeded, vetoChance } from '../../src/sim/rules/negotiation';
import { purchaseProcedure } from '../../src/sim/rules/contracts';
import { setLang, t as tr } from '../../src/i18n';
import { renderRefusal } from '../../src/i18n/refusals';
import { launchAloneTerms } from '../../src/sim/rules/alone-price';
import { awardProcedure } from '../../src/sim/rules/procedure';
import { procedureMonths } from '../../src/sim/rules/lead-times';
import { yearlyDecisions } from '../../src/sim/agents/rule-based-city';
import type { GrantCallState } from '../../src/sim/types';
import { dijon, freshState, scratch, variant } from './helpers';

/** A badly aligned territory: a = 0.1, so R = 1 + round(6 × 0.9) = 6 rounds and a 9 % veto chance a month. */
const sc = variant({ 'coordination.alignment': 0.1 });
const ALL = sc.territory.districts.map((_, i) => i);
const lighting = { type: 'launchAlone' as const, project: 'streetLighting', districts: ALL, pilot: false };
const small = { type: 'launchAlone' as const, project: 'buildingEnergy', districts: [0], pilot: false };
const SEEDS = Array.from({ length: 40 }, (_, i) => i + 1);
/** An open grant call, for every project unless told otherwise. */
const call = (id: string, more: Partial<GrantCallState> = {}): GrantCallState => ({ id, funder: 'state', openTick: 0, deadlineTick: 999, budgetLeftEur: 1e9, rate: 0.3, pilotOnly: false, minCommunes: 1, sustainabilityOnly: false, ...more });

describe('a purchase alone above the EU threshold meets the veto players', () => {
  it('street lighting in every district (an open call for tenders): some seeds vetoed, the others wait R − 1 more months', () => {
    const t = launchAloneTerms(sc, lighting);
    expect(awardProcedure(sc, t, 'suppliers')).toBe('open');
    let vetoed = 0;
    for (const seed of SEEDS) {
      const s = freshState(sc, seed, 50);
      s.city.envelopeLeftEur = 1e9;
      const rounds = roundsNeeded(s, sc);
      expect(rounds).toBe(6);
      // The purchase's monthly chance is the partner deals' (no grant named: the whole of it).
      expect(vetoChance(s, sc, t, 'suppliers')).toBeCloseTo(0.09, 10);
      expect(applyAction(s, sc, scratch(s), lighting)).toEqual({ ok: true });
      const veto = s.log.find((e) => e.kind === 'purchaseVetoed');
      if (veto) {
        vetoed += 1;
        // Nothing signed, nothing spent; the months its award would have taken are the deal's rule at round 1.
        expect(s.contracts).toHaveLength(0);
        expect(s.city.envelopeLeftEur).toBe(1e9);
        expect(veto.data).toMatchObject({ project: 'streetLighting', months: ratificationMonths(sc, 'open', rounds, 1) });
      } else {
        const c = s.contracts[0]!;
        expect(s.deployments[c.deployments[0]! - 1]!.worksStartTick).toBe(s.tick + procedureMonths(sc, 'open') + rounds - 1);
      }
    }
    // Award 1 + 5 months: 1 − 0.91⁶ ≈ 43 % of the seeds, between a quarter and three quarters of 40.
    expect(vetoed).toBeGreaterThan(10);
    expect(vetoed).toBeLessThan(30);
  });

  it('below the threshold (building energy in one district, an adapted procedure) nothing is drawn and nothing added', () => {
    const t = launchAloneTerms(sc, small);
    expect(awardProcedure(sc, t, 'suppliers')).toBe('adapted');
    for (const seed of SEEDS) {
      const s = freshState(sc, seed, 50);
      s.city.envelopeLeftEur = 1e9;
      const rng = JSON.stringify(s.rng.city);
      expect(applyAction(s, sc, scratch(s), small)).toEqual({ ok: true });
      expect(s.log.some((e) => e.kind === 'purchaseVetoed')).toBe(false);
      expect(JSON.stringify(s.rng.city)).toBe(rng);
      const c = s.contracts[0]!;
      expect(s.deployments[c.deployments[0]! - 1]!.worksStartTick).toBe(s.tick + procedureMonths(sc, 'adapted'));
    }
  });

  it('a refused need is not put to the same council again in its mandate, even split below the threshold: refused, no vote, no second entry', () => {
    const seed = SEEDS.find((k) => {
      const s = freshState(sc, k, 50);
      s.city.envelopeLeftEur = 1e9;
      applyAction(s, sc, scratch(s), lighting);
      return s.log.some((e) => e.kind === 'purchaseVetoed');
    })!;
    const s = freshState(sc, seed, 50);
    s.city.envelopeLeftEur = 1e9;
    applyAction(s, sc, scratch(s), lighting);
    const one = launchAloneTerms(sc, { ...lighting, districts: [0] });
    expect(purchaseBarred(s, sc, launchAloneTerms(sc, lighting))).toBe(true);
    expect(purchaseBarred(s, sc, launchAloneTerms(sc, small))).toBe(false);
    // One district of lighting (below the works threshold) is part of the same need: refused, no vote drawn, nothing logged.
    expect(awardProcedure(sc, one, 'suppliers')).toBe('adapted');
    const rng = JSON.stringify(s.rng.city);
    const logged = s.log.length;
    expect(applyAction(s, sc, scratch(s), { ...lighting, districts: [0] })).toMatchObject({ ok: false, code: 'purchaseRefusedByCouncil', params: { project: 'streetLighting' } });
    expect(s.contracts).toHaveLength(0);
    expect(s.log.length).toBe(logged);
    expect(s.log.filter((e) => e.kind === 'purchaseVetoed')).toHaveLength(1);
    expect(JSON.stringify(s.rng.city)).toBe(rng);
    // A year later, at the next yearly decision, the same council: still refused (the procedure's months are long past).
    s.tick += 12;
    expect(s.tick).toBeLessThan(s.nextElectionTick);
    expect(applyAction(s, sc, scratch(s), lighting)).toMatchObject({ ok: false, code: 'purchaseRefusedByCouncil' });
    expect(JSON.stringify(s.rng.city)).toBe(rng);
    // A new funding (an open grant call the refused purchase did not name, for which it is eligible) is a new deliberation.
    s.grantCalls = [call('newMoney')];
    expect(purchaseBarred(s, sc, { ...one, grantCalls: ['newMoney'] })).toBe(false);
    // A new council (after the election) may be asked again.
    s.tick = s.nextElectionTick;
    s.nextElectionTick += 72;
    expect(purchaseBarred(s, sc, one)).toBe(false);
    expect(applyAction(s, sc, scratch(s), { ...lighting, districts: [0] })).toEqual({ ok: true });
    expect(s.contracts).toHaveLength(1);
  });

  it('the council refusal reads as its majority splitting, not as a commune or a département blocking (FR and EN)', () => {
    try {
      setLang('fr');
      const fr = tr('screens.log.purchaseVetoed', { project: 'Éclairage' });
      expect(fr).toContain('majorité');
      expect(fr).not.toMatch(/commune|département/);
      setLang('en');
      const en = tr('screens.log.purchaseVetoed', { project: 'Lighting' });
      expect(en).toContain('majority');
      expect(en).not.toMatch(/commune|department/);
    } finally {
      setLang('fr');
    }
  });

  it('a need bought one district a year is valued whole: last year\'s lighting still under works counts, and the second district goes to a call for tenders', () => {
    const aligned = variant({ 'coordination.alignment': 1 });
    const s = freshState(aligned, 1, 50);
    s.city.envelopeLeftEur = 1e9;
    // One district of lighting alone is below the works threshold, two are above.
    expect(awardProcedure(aligned, launchAloneTerms(aligned, { ...lighting, districts: [0] }), 'suppliers')).toBe('adapted');
    expect(awardProcedure(aligned, launchAloneTerms(aligned, { ...lighting, districts: [0, 1] }), 'suppliers')).toBe('open');
    expect(applyAction(s, aligned, scratch(s), { ...lighting, districts: [0] })).toEqual({ ok: true });
    s.tick += 12;
    s.city.envelopeLeftEur = 1e9;
    expect(purchaseProcedure(s, aligned, launchAloneTerms(aligned, { ...lighting, districts: [1] }))).toBe('open');
    expect(applyAction(s, aligned, scratch(s), { ...lighting, districts: [1] })).toEqual({ ok: true });
    const tendered = s.log.filter((e) => e.kind === 'purchaseTendered').map((e) => (e.data as { procedure: string }).procedure);
    expect(tendered).toEqual(['adapted', 'open']);
    // Another family is another need.
    expect(purchaseProcedure(s, aligned, launchAloneTerms(aligned, small))).toBe('adapted');
  });

  it('a renewal is not summed with the equipment it replaces: the district it covers is ending, not added to', () => {
    const aligned = variant({ 'coordination.alignment': 1 });
    const s = freshState(aligned, 1, 50);
    s.city.envelopeLeftEur = 1e9;
    expect(applyAction(s, aligned, scratch(s), { ...lighting, districts: [0] })).toEqual({ ok: true });
    // The same district again (its replacement) is valued alone; a neighbour is valued with it.
    expect(purchaseProcedure(s, aligned, launchAloneTerms(aligned, { ...lighting, districts: [0] }))).toBe('adapted');
    expect(purchaseProcedure(s, aligned, launchAloneTerms(aligned, { ...lighting, districts: [1] }))).toBe('open');
  });

  it('an aligned territory (a = 1) ratifies at once: no month added, no veto', () => {
    const aligned = variant({ 'coordination.alignment': 1 });
    for (const seed of SEEDS.slice(0, 10)) {
      const s = freshState(aligned, seed, 50);
      s.city.envelopeLeftEur = 1e9;
      expect(applyAction(s, aligned, scratch(s), lighting)).toEqual({ ok: true });
      const c = s.contracts[0]!;
      expect(s.deployments[c.deployments[0]! - 1]!.worksStartTick).toBe(s.tick + procedureMonths(aligned, 'open'));
    }
  });

  it('the computer city does not put a refused need to the same council again in its mandate: it buys its next best', () => {
    const ref = dijon();
    const s = freshState(ref, 1, 50);
    s.city.envelopeLeftEur = 20e6;
    // No partner yet: its decision is a purchase alone.
    s.partner.activeFromTick = 999;
    const first = yearlyDecisions(s, ref, false).find((a) => a.type === 'launchAlone');
    expect(first).toBeDefined();
    const project = (first as { project: string }).project;
    s.vetoedPurchases = [{ tick: s.tick, project, districts: [...(first as { districts: number[] }).districts], grantCalls: [...((first as { grantCalls?: string[] }).grantCalls ?? [])], electionTick: s.nextElectionTick }];
    const next = yearlyDecisions(s, ref, false).find((a) => a.type === 'launchAlone');
    expect(next).toBeDefined();
    expect((next as { project: string }).project).not.toBe(project);
    // A year later, the same mandate: still not put again; after the election it may be.
    s.tick += 12;
    expect((yearlyDecisions(s, ref, false).find((a) => a.type === 'launchAlone') as { project: string }).project).not.toBe(project);
    s.nextElectionTick += 72;
    expect((yearlyDecisions(s, ref, false).find((a) => a.type === 'launchAlone') as { project: string }).project).toBe(project);
  });
  it('a grant call lifts the bar only if the purchase is eligible for it and no refused request named it; the requests are compared with the union of the refusals', () => {
    const s = freshState(sc, 1, 50);
    s.grantCalls = [call('pilots', { pilotOnly: true }), call('named'), call('fresh')];
    s.vetoedPurchases = [
      { tick: s.tick, project: 'streetLighting', districts: [0, 1], grantCalls: ['named'], electionTick: s.nextElectionTick },
      { tick: s.tick, project: 'streetLighting', districts: [2, 3], grantCalls: [], electionTick: s.nextElectionTick },
    ];
    const t = (districts: number[], grantCalls: string[]) => ({ ...launchAloneTerms(sc, { ...lighting, districts }), grantCalls });
    // A pilots-only call brings nothing to a purchase at scale: still barred (the exploit: 48 of 52 relaunched so).
    expect(purchaseBarred(s, sc, t([0, 1], ['pilots']))).toBe(true);
    // A call a refused request of this mandate named, even in another refusal: not new funding.
    expect(purchaseBarred(s, sc, t([2, 3], ['named']))).toBe(true);
    // Districts of two refusals together are within their union: barred.
    expect(purchaseBarred(s, sc, t([1, 2], []))).toBe(true);
    expect(purchaseBarred(s, sc, t([0, 1, 2, 3], []))).toBe(true);
    // An eligible call no refusal named, or a district outside the union: a new deliberation.
    expect(purchaseBarred(s, sc, t([0, 1], ['fresh']))).toBe(false);
    expect(purchaseBarred(s, sc, t([1, 4], []))).toBe(false);
    // The refusal names the districts refused in this mandate.
    expect(applyAction(s, sc, scratch(s), { ...lighting, districts: [1, 2], grantCalls: ['pilots'] })).toMatchObject({ ok: false, code: 'purchaseRefusedByCouncil', params: { project: 'streetLighting', districts: 'centre, nord, est, ouest' } });
  });

  it('the need is valued within the mandate (R2121-5: a period of time): a purchase of the family signed in an earlier mandate does not count, one of this mandate does', () => {
    const aligned = variant({ 'coordination.alignment': 1 });
    const s = freshState(aligned, 1, 50);
    s.city.envelopeLeftEur = 1e9;
    expect(applyAction(s, aligned, scratch(s), { ...lighting, districts: [0] })).toEqual({ ok: true });
    const second = launchAloneTerms(aligned, { ...lighting, districts: [1] });
    expect(purchaseProcedure(s, aligned, second)).toBe('open');
    // The same equipment in service, but signed before the last election: another operation.
    s.contracts[0]!.signedTick = s.nextElectionTick - aligned.politics.termYears * 12 - 1;
    expect(purchaseProcedure(s, aligned, second)).toBe('adapted');
  });
  it('the bar reads as the council not being asked again, not as its second refusal, and names the refused districts; the clock speaks of the council\'s majority, not of vetoes (FR and EN)', () => {
    const problem = { code: 'purchaseRefusedByCouncil' as const, params: { project: 'streetLighting', districts: 'centre, nord' }, message: '' };
    try {
      setLang('fr');
      const fr = renderRefusal(problem);
      expect(fr).toMatch(/^Achat refusé : il n’est pas soumis au conseil, qui a rejeté/);
      expect(fr).toContain('quartiers centre, nord');
      expect(fr.match(/refus/g)).toHaveLength(1);
      expect(`${tr('negotiation.clock.veto')} ${tr('negotiation.clock.ratificationTip')}`).not.toMatch(/veto/i);
      setLang('en');
      const en = renderRefusal(problem);
      expect(en).toMatch(/^Purchase refused: it is not put to the council, which rejected/);
      expect(en).toContain('districts centre, nord');
      expect(en.match(/refus/g)).toHaveLength(1);
      expect(`${tr('negotiation.clock.veto')} ${tr('negotiation.clock.ratificationTip')}`).not.toMatch(/veto/i);
    } finally {
      setLang('fr');
    }
  });
});
