/**
 * Cases found in review: each would have let a side double-count, read what it should not, or
 * crash on a user's scenario or save.
 */
import { describe, expect, it } from 'vitest';
import { createRun, createSave, parseSave, parseScenario } from '../../src/sim';
import { applyAction } from '../../src/sim/actions';
import { signContract } from '../../src/sim/rules/contracts';
import { paybackYears, termsProblem } from '../../src/sim/rules/terms';
import { bareProcedure, dijon, freshState, movedCents, scratch, terms, variant } from './helpers';
import { stepInPlace } from '../../src/sim/step';

describe('review cases', () => {
  it('refuses an offer that names the same grant call twice', () => {
    const sc = dijon();
    const s = freshState(sc);
    s.grantCalls.push({ id: 'dsil', funder: 'state', openTick: 0, deadlineTick: 3, budgetLeftEur: 5e6, rate: 0.3, pilotOnly: false, minCommunes: 1, sustainabilityOnly: false });
    expect(termsProblem(s, sc, terms({ grantCalls: ['dsil'] }))).toBeNull();
    expect(termsProblem(s, sc, terms({ grantCalls: ['dsil', 'dsil'] }))).toMatchObject({ code: 'grantCallTwice' });
  });

  it('judges a concession\u2019s lawful length on public figures, whatever the partner\u2019s true costs', () => {
    const sc = dijon();
    const a = freshState(sc);
    const b = freshState(sc);
    b.partner.trueCostFactor = 1.4;
    const t = terms({ form: 'concession', cityCapitalShare: 0, annualPaymentEur: 2e6, durationYears: 10 });
    expect(paybackYears(a, sc, t)).toBe(paybackYears(b, sc, t));
  });

  it('the partner pays the running costs from the first month of operation', () => {
    const sc = dijon();
    const s = freshState(sc);
    const c = signContract(s, sc, terms({ projects: ['wasteSensors'], durationYears: 3 }), 'partner');
    const months = sc.projects.catalogue.wasteSensors!.buildMonths;
    for (let i = 0; i < months + 1; i++) stepInPlace(s, sc, [], { city: null, partner: null });
    expect(c.status).toBe('running');
    expect(movedCents(s, 'city>suppliers:operation')).toBe(0);
    expect(movedCents(s, 'partner>suppliers:operation (true cost)')).toBeGreaterThan(0);
  });

  it('refuses duplicate mayor ids in a scenario', () => {
    const raw = JSON.parse(JSON.stringify(dijon())) as { politics: { mayors: { id: string }[] } };
    for (const m of raw.politics.mayors) m.id = 'builder';
    const r = parseScenario(raw, 'dup.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/duplicate mayor id "builder"/);
  });

  it('keeps costs and the State grant non-negative whatever the event sizes', () => {
    const sc = variant({});
    const big = { ...sc, events: sc.events.map((e) => ({ ...e, probPerYear: e.kind === 'partnerMerger' || e.kind === 'stateTransferCut' ? 1 : e.probPerYear, magnitude: 10 })) };
    // Both events fire every month: check every month (a sign could flip back and forth).
    const run = createRun(big, { seed: 3, years: 2, agents: 300 });
    while (!run.isOver()) {
      run.advanceTick();
      expect(run.state.partner.trueCostFactor).toBeGreaterThan(0);
      expect(run.state.city.stateGrantEur).toBeGreaterThanOrEqual(0);
    }
  });

  it('a save that names a partner personality for the city is refused with a message', () => {
    const sc = dijon();
    const save = { ...createSave(sc, { seed: 1, city: 'infrastructure-partner', partner: 'infrastructure-partner', years: 1, actions: [] }, ['0123456789abcdef']) };
    const r = parseSave(JSON.parse(JSON.stringify(save)), 'wrong-side.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/city: found the string "infrastructure-partner", expected one of .*steady-mayor/);
  });

  it('no offer beyond the round limit, and no third move in the month of the offer', () => {
    const sc = bareProcedure();
    const s = freshState(sc);
    const scratch0 = scratch(s);
    expect(applyAction(s, sc, scratch0, { type: 'propose', by: 'city', terms: terms() })).toEqual({ ok: true });
    // One offer and its answer a month (issue 11): the partner answers, the city may not move again.
    expect(applyAction(s, sc, scratch0, { type: 'propose', by: 'partner', terms: terms({ annualPaymentEur: 600_000 }) })).toEqual({ ok: true });
    expect(applyAction(s, sc, scratch0, { type: 'accept', by: 'city' })).toMatchObject({ ok: false, code: 'oneRoundAMonth' });
    s.negotiation!.round = s.negotiation!.maxRounds;
    s.tick += 1;
    expect(applyAction(s, sc, scratch(s), { type: 'propose', by: 'city', terms: terms({ annualPaymentEur: 550_000 }) })).toMatchObject({ ok: false, reason: expect.stringMatching(/rounds/) });
  });
});
