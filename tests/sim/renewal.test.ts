/**
 * Renewal ahead of the end (src/sim/rules/services.ts): a service whose equipment ends within its
 * renewal lead may be replaced (a deal at scale over it), not before; the replacement's works are
 * scheduled so that it enters service the month after the old equipment's last, so the service
 * neither lapses nor runs twice; and the slot stays held against anything else.
 */
import { describe, expect, it } from 'vitest';
import { createRun, REPORTERS, tryAction } from '../../src/sim';
import { networkUpkeepEur } from '../../src/sim/rules/catalogue';
import { purchaseProcedure, signContract } from '../../src/sim/rules/contracts';
import { launchAloneTerms } from '../../src/sim/rules/alone-price';
import { vetoRounds } from '../../src/sim/rules/lead-times';
import { awardProcedure } from '../../src/sim/rules/procedure';
import { procedureMonths } from '../../src/sim/rules/lead-times';
import { pendingCapitalEur } from '../../src/sim/rules/legality';
import { renewalLeadMonths } from '../../src/sim/rules/services';
import { stepInPlace } from '../../src/sim/step';
import type { Deployment, SimState } from '../../src/sim/types';
import { advance, dijon, freshState, NO_POLICIES, terms } from './helpers';

const servicesDelivered = REPORTERS.find((r) => r.key === 'servicesDelivered')!.compute;
const alone = (project: string, districts: number[], pilot = false) => ({ type: 'launchAlone', project, districts, pilot });
const sc = dijon();

/** A state where the city runs the citizen app (6-year life, 9 months of works) in district 0, bought alone. */
function runningApp(): { s: SimState; d: Deployment } {
  const s = freshState(sc);
  const c = signContract(s, sc, { ...terms({ annualPaymentEur: 0, projects: ['citizenApp'], districts: [0] }), form: 'procurement' }, 'suppliers');
  const d = s.deployments[c.deployments[0]! - 1]!;
  while (d.stage === 'building') advance(s, sc, 1);
  return { s, d };
}

/** Ages the equipment so that `left` months of its life remain. */
function withLifeLeft(d: Deployment, left: number): void {
  d.ageMonths = d.lifetimeMonths - left;
}

describe('a replacement may be tendered within the renewal lead, and not before', () => {
  it('the lead is the deal\'s own procedure, the works and a year of decisions (citizen app: months the code counts)', () => {
    const { s, d } = runningApp();
    // With the partner, the longest procedure: 7 fixed months of a dialogue, 1 family × 4 veto rounds of
    // dialogue (alignment 0.55), 8 rounds of offers, 3 months of ratification; 9 months of works, a year.
    expect(s.alignment).toBeCloseTo(0.55, 10);
    expect(renewalLeadMonths(s, sc, d, 'partner')).toBe(7 + 4 + 8 + 3 + 9 + 12);
    // Bought alone, above the EU threshold of supplies and services: an open call for tenders' months and
    // the council's deliberation (3 rounds of internal agreement after the first), 9 months of works, a year.
    expect(d.capexEur).toBeGreaterThan(sc.procurement.euThresholdsEur.suppliesServices);
    const open = sc.procurement.months.open;
    expect(renewalLeadMonths(s, sc, d, 'suppliers')).toBe(open.publication + open.bids + open.award + open.standstill + 3 + 9 + 12);
    expect(renewalLeadMonths(s, sc, d, 'suppliers')).toBeLessThan(renewalLeadMonths(s, sc, d, 'partner'));
    expect(renewalLeadMonths(s, sc, d, 'partner')).toBeLessThan(d.lifetimeMonths);
  });

  it('a purchase alone or an offer to the partner over it is refused one month before its own lead and lawful within it', () => {
    const { s, d } = runningApp();
    const offer = { type: 'propose', by: 'city', terms: terms({ projects: ['citizenApp'], districts: [0], annualPaymentEur: 50_000, durationYears: 6 }) };
    const purchaseLead = renewalLeadMonths(s, sc, d, 'suppliers');
    const partnerLead = renewalLeadMonths(s, sc, d, 'partner');
    withLifeLeft(d, partnerLead + 1);
    const early = tryAction(s, sc, alone('citizenApp', [0]));
    expect(early.ok).toBe(false);
    expect(!early.ok && early.code).toBe('familyUnderContract');
    expect(tryAction(s, sc, offer).ok).toBe(false);
    // Within the partner's lead, a purchase alone is still early: its award would wait years for its works.
    withLifeLeft(d, partnerLead);
    expect(tryAction(s, sc, offer).ok).toBe(true);
    const tooEarly = tryAction(s, sc, alone('citizenApp', [0]));
    expect(!tooEarly.ok && tooEarly.code).toBe('familyUnderContract');
    withLifeLeft(d, purchaseLead + 1);
    expect(tryAction(s, sc, alone('citizenApp', [0])).ok).toBe(false);
    withLifeLeft(d, purchaseLead);
    expect(tryAction(s, sc, alone('citizenApp', [0])).ok).toBe(true);
  });

  it('within the lead it stays held against a pilot, and against a second replacement once one is signed', () => {
    const { s, d } = runningApp();
    withLifeLeft(d, renewalLeadMonths(s, sc, d, 'suppliers'));
    const pilot = tryAction(s, sc, alone('citizenApp', [0], true));
    expect(!pilot.ok && pilot.code).toBe('familyUnderContract');
    const r = stepInPlace(s, sc, [alone('citizenApp', [0])], NO_POLICIES)[0]!;
    expect(r.ok).toBe(true);
    const second = tryAction(s, sc, alone('citizenApp', [0]));
    expect(!second.ok && second.code).toBe('familyUnderContract');
    expect(tryAction(s, sc, { type: 'propose', by: 'city', terms: terms({ projects: ['citizenApp'], districts: [0], annualPaymentEur: 50_000, durationYears: 6 }) }).ok).toBe(false);
  });
});

describe('the service neither lapses nor runs twice', () => {
  it('tendered at the start of its lead, the replacement enters service in the old equipment\'s last month and retires it: one runs every month', () => {
    const { s, d } = runningApp();
    withLifeLeft(d, renewalLeadMonths(s, sc, d, 'suppliers'));
    expect(stepInPlace(s, sc, [alone('citizenApp', [0])], NO_POLICIES)[0]!.ok).toBe(true);
    const next = s.deployments.find((x) => x !== d && x.family === 'citizenApp')!;
    let months = 0;
    while (next.stage !== 'operating' || d.stage !== 'ended') {
      advance(s, sc, 1);
      months += 1;
      const running = s.deployments.filter((x) => x.family === 'citizenApp' && !x.pilot && x.stage === 'operating');
      // One running, every month: never none (a lapse), never two (two operations paid).
      expect(running, `month ${months}`).toHaveLength(1);
      expect(servicesDelivered(s, sc)).toBe(1);
      expect(months).toBeLessThan(200);
    }
    // The old equipment ran its whole life but the month its replacement took over.
    expect(d.ageMonths).toBe(d.lifetimeMonths - 1);
    expect(next.replaces).toBe(d.uid);
  });
});

describe('what waits and what is taken over', () => {
  it('a replacement whose works start beyond the next 12 months is not this year\'s spending', () => {
    const { s, d } = runningApp();
    // Tendered 24 months before the end: its 9 months of works start 15 months from now.
    withLifeLeft(d, 24);
    expect(renewalLeadMonths(s, sc, d, 'suppliers')).toBeGreaterThanOrEqual(24);
    expect(stepInPlace(s, sc, [alone('citizenApp', [0])], NO_POLICIES)[0]!.ok).toBe(true);
    const next = s.deployments.find((x) => x !== d && x.family === 'citizenApp')!;
    expect(next.worksStartTick! - s.tick).toBeGreaterThanOrEqual(12);
    const pending = pendingCapitalEur(s);
    expect(pending.totalEur).toBeGreaterThan(0);
    expect(pending.next12Eur).toBe(0);
    expect(pending.earlierNext12Eur).toBe(0);
  });

  it('a renewal contract with the partner takes over the network maintenance of the contract it succeeds', () => {
    const s = freshState(sc);
    const t = terms({ projects: ['smartTraffic'], districts: [0], durationYears: 15 });
    const upkeep = networkUpkeepEur(sc, t, []);
    expect(upkeep).toBeGreaterThan(0);
    const first = signContract(s, sc, t, 'partner');
    expect(first.networkUpkeepEur).toBe(upkeep);
    const d = s.deployments[first.deployments[0]! - 1]!;
    while (d.stage === 'building') advance(s, sc, 1);
    withLifeLeft(d, renewalLeadMonths(s, sc, d, 'partner'));
    const second = signContract(s, sc, t, 'partner');
    expect(s.deployments[second.deployments[0]! - 1]!.replaces).toBe(d.uid);
    expect(second.networkUpkeepEur).toBe(upkeep);
  });
});

describe('the default computer city plans its renewals', () => {
  it('replaces some services with no month without them (seed 1, 16 years)', () => {
    const run = createRun(sc, { seed: 1, years: 16, agents: 300 });
    let seamless = 0;
    const last = new Map<string, number>();
    while (!run.isOver()) {
      run.advanceTick();
      const running = new Map<string, number>();
      for (const x of run.state.deployments) if (!x.pilot && x.stage === 'operating') running.set(`${x.family}@${x.district}`, x.uid);
      for (const [slot, uid] of running) {
        const before = last.get(slot);
        if (before !== undefined && before !== uid && run.state.deployments[before - 1]!.stage === 'ended') seamless += 1;
      }
      last.clear();
      for (const [slot, uid] of running) last.set(slot, uid);
    }
    expect(seamless).toBeGreaterThan(0);
    expect(run.state.log.filter((e) => e.kind === 'refused')).toEqual([]);
  });
  it('a purchase\'s lead values its replacement as the purchase will be: a network bought alone over every district, renewing one, waits for the open call and the council', () => {
    const s = freshState(sc);
    const all = sc.territory.districts.map((_, i) => i);
    const c = signContract(s, sc, { ...terms({ annualPaymentEur: 0, projects: ['streetLighting'], districts: all }), form: 'procurement' }, 'suppliers');
    for (const uid of c.deployments) s.deployments[uid - 1]!.stage = 'operating';
    const d = s.deployments[c.deployments[0]! - 1]!;
    const replacement = launchAloneTerms(sc, { project: 'streetLighting', districts: [d.district], pilot: false });
    // One district alone is below the works threshold, but the other districts of this mandate's network count with it.
    expect(awardProcedure(sc, replacement, 'suppliers')).toBe('adapted');
    expect(purchaseProcedure(s, sc, replacement)).toBe('open');
    expect(renewalLeadMonths(s, sc, d, 'suppliers')).toBe(procedureMonths(sc, 'open') + vetoRounds(sc, s.alignment) - 1 + d.buildMonths + 12);
    // Bought in an earlier mandate, the network is another operation: the replacement is adapted, and so is its lead.
    c.signedTick = s.nextElectionTick - sc.politics.termYears * 12 - 1;
    expect(purchaseProcedure(s, sc, replacement)).toBe('adapted');
    expect(renewalLeadMonths(s, sc, d, 'suppliers')).toBe(procedureMonths(sc, 'adapted') + d.buildMonths + 12);
  });
});
