/**
 * Property tests of the invariants (DESIGN §8) over random action sequences: legal and illegal
 * actions of both sides, garbage objects, at random ticks, with the rule-based computer players
 * and with none. After every simulated year: the ledger balances to the cent, nothing is NaN or
 * infinite, indices are within bounds, contracts are honoured or explicitly ended, and every
 * deployment belongs to a contract that exists (see `invariantViolations` in helpers.ts); the
 * city's cash is never negative in a yearly row (real balance, CGCT L1612-4), no row holds NaN,
 * and a month with a new loan never ends past the ratio lenders accept.
 * An illegal action is refused with a reason and changes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionsByTick, createRun, stateHash } from '../../src/sim';
import { resolvePolicy } from '../../src/sim/agents';
import { procedureKind } from '../../src/sim/rules/procedure';
import { CONTRACT_FORMS } from '../../src/sim/scenario-schema';
import { step, type Policies } from '../../src/sim/step';
import type { ActionResult, ContractTerms, SimState, TimedAction } from '../../src/sim/types';
import { dijon, invariantViolations, NO_POLICIES } from './helpers';

const sc = dijon();
const PROJECTS = Object.keys(sc.projects.catalogue);
const CALLS = [...sc.funding.calls.map((c) => c.id), 'state-extra-12', 'nope'];
const MEASURES = ['smartCityOffice', 'interCommunalAgreement', 'sharedDataPlatform'] as const;
const MAX_TICK = 6 * 12;

const share = (lo = -0.1, hi = 1.1) => fc.oneof({ weight: 8, arbitrary: fc.double({ min: lo, max: hi, noNaN: true }) }, { weight: 1, arbitrary: fc.constantFrom(0, 1, NaN, Infinity, -1) });
const side = fc.oneof({ weight: 9, arbitrary: fc.constantFrom('city', 'partner') }, { weight: 1, arbitrary: fc.constantFrom('mayor', '', 3) });
const districts = fc.oneof(
  { weight: 8, arbitrary: fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.integer({ min: -2, max: 12 }), fc.double(), fc.string()), { maxLength: 3 }) },
);

const termsArb: fc.Arbitrary<ContractTerms> = fc
  .record({
    form: fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...CONTRACT_FORMS) }, { weight: 1, arbitrary: fc.constantFrom('leasing', '') }),
    projects: fc.oneof(
      { weight: 8, arbitrary: fc.uniqueArray(fc.constantFrom(...PROJECTS), { minLength: 1, maxLength: 2 }) },
      { weight: 1, arbitrary: fc.array(fc.constantFrom('bogus', 'toString', 'streetLighting'), { maxLength: 3 }) },
    ),
    districts,
    pilot: fc.boolean(),
    durationYears: fc.oneof(fc.integer({ min: 0, max: 32 }), fc.double({ min: -1, max: 40, noNaN: true })),
    cityCapitalShare: share(),
    annualPaymentEur: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 25_000_000 }), fc.constantFrom(-5, NaN, 1e11)),
    guaranteedSavingShare: share(),
    penaltyRate: fc.double({ min: -0.5, max: 3.5, noNaN: true }),
    terminationCompensation: share(),
    dataOwnership: fc.constantFrom('city', 'partner', 'shared', 'nobody'),
    savingsShareToPartner: share(),
    grantCalls: fc.uniqueArray(fc.constantFrom(...CALLS), { maxLength: 2 }),
  })
  .map((t) => {
    // Make pilots lawful-looking half the time (otherwise they are almost always refused).
    if (t.pilot && t.form === 'pilot') return { ...t, districts: t.districts.slice(0, 1), durationYears: Math.min(3, Math.max(1, Math.round(Number(t.durationYears)) || 1)) };
    return t;
  }) as fc.Arbitrary<ContractTerms>;

const actionArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ type: fc.constant('setBudget'), envelopeEur: fc.oneof(fc.double({ min: -1e6, max: 3e7, noNaN: true }), fc.constantFrom(NaN, Infinity)), taxChange: fc.oneof(fc.constant(0), fc.double({ min: -0.08, max: 0.08, noNaN: true })) }) }, // rates move once a year: an envelope-only vote is lawful any month
  { weight: 2, arbitrary: fc.record({ type: fc.constant('setConcertation'), level: fc.oneof(share(-0.5, 1.5), fc.string()) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('governance'), measure: fc.constantFrom(...MEASURES, 'mayorsClub'), on: fc.oneof({ weight: 5, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constant('yes') }) }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('launchAlone'), project: fc.constantFrom(...PROJECTS, 'bogus'), districts, pilot: fc.boolean(), grantCalls: fc.uniqueArray(fc.constantFrom(...CALLS), { maxLength: 2 }) }) },
  { weight: 6, arbitrary: fc.record({ type: fc.constant('propose'), by: side, terms: termsArb, reason: fc.string({ maxLength: 10 }) }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('accept'), by: side }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('walkAway'), by: side }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('cancelContract'), contractId: fc.oneof(fc.integer({ min: -1, max: 10 }), fc.constantFrom(1.5, '1', NaN)) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('renegotiateContract'), contractId: fc.integer({ min: 0, max: 10 }), paymentCut: fc.double({ min: -0.2, max: 0.8, noNaN: true }) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('scalePilot'), deployment: fc.integer({ min: 0, max: 20 }) }) },
  { weight: 2, arbitrary: fc.anything() },
  { weight: 1, arbitrary: fc.record({ type: fc.string({ maxLength: 12 }) }) },
);

/** Any month, or a budget month (the first of a budget year, when rates may move: CGI 1639 A). */
const tickArb = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: MAX_TICK - 1 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: Math.floor((MAX_TICK - 1) / 12) }).map((y) => 12 * y) });
const timed = fc.record({ tick: tickArb, action: actionArb }) as fc.Arbitrary<TimedAction>;

/** Terms that are usually lawful: one or two projects, a few districts, moderate money. */
const lawfulTerms: fc.Arbitrary<ContractTerms> = fc
  .record({
    kind: fc.constantFrom('performance', 'concession', 'procurement', 'pilot'),
    project: fc.constantFrom(...PROJECTS.filter((p) => p !== 'dataPlatform')),
    districts: fc.uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 3 }),
    durationYears: fc.integer({ min: 1, max: 15 }),
    cityCapitalShare: fc.double({ min: 0.2, max: 1, noNaN: true }),
    annualPaymentEur: fc.integer({ min: 0, max: 3_000_000 }),
    guaranteedSavingShare: fc.double({ min: 0, max: 0.9, noNaN: true }),
    penaltyRate: fc.double({ min: 0, max: 2, noNaN: true }),
    terminationCompensation: fc.double({ min: 0, max: 1, noNaN: true }),
    savingsShareToPartner: fc.double({ min: 0, max: 0.5, noNaN: true }),
  })
  .map((x): ContractTerms => {
    const pilot = x.kind === 'pilot';
    const proc = x.kind === 'procurement';
    return {
      form: x.kind,
      projects: [x.project],
      districts: pilot ? x.districts.slice(0, 1) : x.districts,
      pilot,
      durationYears: pilot ? Math.min(3, x.durationYears) : proc ? 0 : x.durationYears,
      // A global performance contract has no deferred payment (CCP L2191-5): the city pays the works.
      cityCapitalShare: proc || pilot || x.kind === 'performance' ? 1 : x.cityCapitalShare,
      annualPaymentEur: proc ? 0 : x.annualPaymentEur,
      guaranteedSavingShare: x.guaranteedSavingShare,
      penaltyRate: x.penaltyRate,
      terminationCompensation: x.terminationCompensation,
      dataOwnership: 'city',
      savingsShareToPartner: x.savingsShareToPartner,
      grantCalls: [],
    };
  });

/**
 * A deal: the city proposes, the partner accepts a month or more later (with 'none' policies, this
 * signs contracts). The partner answers when the procedure first allows it, after its publication
 * and bids (scenario `procurement.months`), or a month early or late, when it is refused.
 */
const deal = fc
  .record({ tick: fc.integer({ min: 0, max: MAX_TICK - 6 }), terms: fc.oneof({ weight: 4, arbitrary: lawfulTerms }, { weight: 1, arbitrary: termsArb }), slip: fc.constantFrom(0, 0, 0, -1, 1) })
  .map(({ tick, terms, slip }): TimedAction[] => {
    const m = sc.procurement.months[procedureKind(terms.form)];
    const lag = Math.max(1, (m ? m.publication + m.bids : 1) + slip);
    return [
      { tick, action: { type: 'propose', by: 'city', terms } },
      { tick: tick + lag, action: { type: 'accept', by: 'partner' } },
    ];
  });

/** What follows contracts: cancellations and renegotiations of the first few. */
const later = fc.record({
  tick: fc.integer({ min: 6, max: MAX_TICK - 1 }),
  action: fc.oneof(
    fc.record({ type: fc.constant('cancelContract'), contractId: fc.integer({ min: 1, max: 6 }) }),
    fc.record({ type: fc.constant('renegotiateContract'), contractId: fc.integer({ min: 1, max: 6 }), paymentCut: fc.double({ min: 0, max: 0.5, noNaN: true }) }),
  ),
}) as fc.Arbitrary<TimedAction>;

const scriptArb = fc
  .tuple(fc.array(timed, { minLength: 5, maxLength: 40 }), fc.array(deal, { minLength: 1, maxLength: 6 }), fc.array(later, { maxLength: 4 }))
  .map(([xs, deals, ends]) => [...xs, ...deals.flat(), ...ends].sort((a, b) => a.tick - b.tick));

const ruleBased = resolvePolicy('rule-based')!;

/** Runs a script, checking the invariants at the end of every year; returns what it saw. */
function runChecked(script: TimedAction[], seed: number, years: number, agents: number, policies: 'rule-based' | 'none') {
  const run = createRun(sc, { seed, years, agents, city: policies, partner: policies });
  const actionsAt = actionsByTick(script);
  const results: ActionResult[] = [];
  while (!run.isOver()) {
    const loans = run.state.ledger.totalsCents['lenders>city:loan'] ?? 0;
    results.push(...run.advanceTick(actionsAt(run.state.tick)));
    // The debt ratio's rule: a month with a new loan ends within what lenders accept.
    if ((run.state.ledger.totalsCents['lenders>city:loan'] ?? 0) > loans && run.state.city.debtCapacityYears > sc.funding.lendersRefuseYears + 1e-9) {
      throw new Error(`tick ${run.state.tick}, seed ${seed}, ${policies}: borrowed up to a ratio of ${run.state.city.debtCapacityYears} years`);
    }
    if (run.state.tick % 12 === 0) {
      const v = invariantViolations(run.state);
      if (v.length > 0) throw new Error(`year ${run.state.tick / 12}, seed ${seed}, ${policies}: ${v.join('; ')}`);
      // The real balance: the city's cash is never negative at a year end (CGCT L1612-4).
      const row = run.state.yearly[run.state.yearly.length - 1]!;
      if (!(row.cityCashEur! >= 0)) throw new Error(`year ${run.state.tick / 12}, seed ${seed}, ${policies}: cityCashEur ${row.cityCashEur}`);
      for (const [k, x] of Object.entries(row)) if (!Number.isFinite(x)) throw new Error(`year ${run.state.tick / 12}, seed ${seed}: ${k} = ${x}`);
    }
  }
  for (const r of results) {
    if (r.ok) expect(r).toEqual({ ok: true });
    else {
      expect(typeof r.reason).toBe('string');
      expect(r.reason.trim().length).toBeGreaterThan(0);
    }
  }
  return { state: run.state, results };
}

const runArb = fc.record({
  script: scriptArb,
  seed: fc.integer({ min: 1, max: 10_000 }),
  years: fc.integer({ min: 3, max: 6 }),
  agents: fc.integer({ min: 300, max: 500 }),
});

describe('invariants over random action sequences', () => {
  for (const policies of ['rule-based', 'none'] as const) {
    it(`hold every year with ${policies} policies`, () => {
      let signed = 0;
      let ended = 0;
      let refused = 0;
      let accepted = 0;
      fc.assert(
        fc.property(runArb, ({ script, seed, years, agents }) => {
          const { state, results } = runChecked(script, seed, years, agents, policies);
          signed += state.contracts.filter((c) => c.builder === 'partner').length;
          ended += state.contracts.filter((c) => c.status === 'cancelled' || c.status === 'completed').length;
          refused += results.filter((r) => !r.ok).length;
          accepted += results.filter((r) => r.ok).length;
        }),
        { seed: 42, numRuns: 30 },
      );
      // The generator reaches both sides of the rules: lawful actions, refusals and contracts. (Since
      // issue 9 a random script's second purchase of a service it holds is refused, familyUnderContract:
      // 8 of the rule-based runs' actions are, leaving 49 accepted where about 57 were.)
      expect(signed).toBeGreaterThan(10);
      expect(ended).toBeGreaterThan(3);
      expect(refused).toBeGreaterThan(100);
      expect(accepted).toBeGreaterThan(40);
    });
  }
});

describe('illegal actions', () => {
  /** States worth acting on: an open negotiation, running contracts, an election past. */
  const bases: SimState[] = (() => {
    const out: SimState[] = [];
    const run = createRun(sc, { seed: 3, agents: 300, years: 8 });
    for (const stop of [0, 13, 30, 50, 75, 95]) {
      while (run.state.tick < stop) run.advanceTick([]);
      out.push(structuredClone(run.state));
    }
    return out;
  })();
  const policiesOf: Record<string, Policies> = { none: NO_POLICIES, 'rule-based': { city: ruleBased, partner: ruleBased } };

  it('the bases cover negotiations and contracts', () => {
    expect(bases.some((s) => s.negotiation !== null)).toBe(true);
    expect(bases.some((s) => s.contracts.some((c) => c.status === 'running'))).toBe(true);
  });

  it('are refused with a reason and leave the state exactly as with no action', () => {
    let refusedCount = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bases.length - 1 }), actionArb, fc.constantFrom('none', 'rule-based'), (i, action, p) => {
        const base = bases[i]!;
        const policies = policiesOf[p]!;
        const withAction = step(base, sc, [action], policies);
        const [r] = withAction.results;
        if (r!.ok) return; // a lawful action: not this property's business
        refusedCount++;
        expect(r!.reason.trim()).not.toBe('');
        const without = step(base, sc, [], policies);
        expect(stateHash(withAction.state)).toBe(stateHash(without.state));
      }),
      { seed: 42, numRuns: 300 },
    );
    expect(refusedCount).toBeGreaterThan(150);
  });

  it('a fixed list of illegal actions is refused with readable reasons', () => {
    const base = bases[3]!;
    const cases: [unknown, RegExp][] = [
      [null, /object with a "type"/],
      [[], /object with a "type"/],
      [{ type: 'teleport' }, /unknown action type .*"teleport"/],
      [{ type: 'setBudget', envelopeEur: NaN, taxChange: 0 }, /envelopeEur: found .*NaN, expected a number/],
      [{ type: 'setBudget', envelopeEur: 1e6, taxChange: 0.5 }, /taxChange: found 0.5/],
      [{ type: 'setConcertation', level: 2 }, /level: found 2/],
      [{ type: 'governance', measure: 'mayorsClub', on: true }, /measure/],
      [{ type: 'governance', measure: 'smartCityOffice', on: 'yes' }, /on: found .*, expected true or false/],
      [{ type: 'launchAlone', project: 'bogus', districts: [0], pilot: false }, /unknown .*"bogus"/],
      [{ type: 'launchAlone', project: 'streetLighting', districts: [9], pilot: false }, /district 9 does not exist/],
      [{ type: 'propose', by: 'mayor', terms: {} }, /by: found .*, expected/],
      [{ type: 'cancelContract', contractId: 999 }, /not a contract with the partner/],
      [{ type: 'renegotiateContract', contractId: 1, paymentCut: 0.9 }, /paymentCut|not running|not a contract/],
      [{ type: 'scalePilot', deployment: 1 }, /proposing a contract/],
    ];
    const without = stateHash(step(base, sc, [], NO_POLICIES).state);
    for (const [action, reason] of cases) {
      const r = step(base, sc, [action], NO_POLICIES);
      expect(r.results[0], JSON.stringify(action)).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
      expect(stateHash(r.state), JSON.stringify(action)).toBe(without);
    }
  });
});
