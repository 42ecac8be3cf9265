/**
 * Property tests (fast-check, fixed seed) of a person bargaining against a computer personality.
 *
 * One side is played by a person (policy `none`; its actions are given from outside at random
 * ticks, as `runSimulation`'s `actions` are), the other by a computer personality drawn from
 * CITY_PERSONALITIES or PARTNER_PERSONALITIES. The person's actions are random offers (terms
 * usually near the lawful range, sometimes with one field plainly out of range), acceptances and
 * walk-aways, often out of turn or during a ratification. The run is stepped tick by tick
 * (`createRun`, exactly what `runSimulation` does; a check at the end compares the two), with a
 * clone of the state kept before each tick (300 agents: cheap). Checked:
 * - the ledger balances to the cent after every tick, and at every year end nothing in the state is
 *   NaN or infinite and every invariant of helpers.ts holds;
 * - every contract signed with the partner satisfied the law at signature (its form, the
 *   envelope, the real balance and the lenders' limit): `termsProblem(stateBeforeTheTick, terms, { atAcceptance: true })` is null;
 * - a refused action returns ok:false with a readable reason and changes nothing: replaying the tick
 *   from the clone without the refused actions gives the same state hash;
 * - an offer with a field out of range is always refused; the generator reaches refusals out of
 *   turn, out of range and during ratification, and signed contracts.
 *
 * Mutation checks (scratch copy, see the closing report): dropping the `termsProblem` check of
 * `propose` in actions.ts fails the out-of-range property; dropping the re-check at acceptance
 * (the `accept` action and `concludeDeal`) fails the signature property (a 20-year solar contract
 * signed after ratification although the golden rule no longer allowed it).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRun, groupByTick, runSimulation, stateHash } from '../../src/sim';
import { resolvePolicy } from '../../src/sim/agents';
import { CITY_PERSONALITIES, PARTNER_PERSONALITIES } from '../../src/sim/agents/personalities';
import { termsProblem } from '../../src/sim/rules/terms';
import { cloneState } from '../../src/sim/serialize';
import { step, type Policies } from '../../src/sim/step';
import type { ActionResult, ContractTerms, TimedAction } from '../../src/sim/types';
import { dijon, invariantViolations, ledgerSum } from './helpers';

const sc = dijon();
const YEARS = 3;
const TICKS = YEARS * 12;
const AGENTS = 300;
const ND = sc.territory.districts.length;
const PROJECTS = ['streetLighting', 'solarRoofs', 'buildingEnergy', 'leakDetection'].filter((p) => p in sc.projects.catalogue);

/**
 * Terms near the lawful range (most are lawful; some break the envelope, the real balance or the
 * lenders' limit). A global performance contract has no deferred payment (CCP L2191-5): its share
 * is 1; a concession's may be lower.
 */
const nearLawful: fc.Arbitrary<ContractTerms> = fc
  .record({
    form: fc.constantFrom('performance', 'performance', 'concession'),
    project: fc.constantFrom(...PROJECTS),
    districts: fc.uniqueArray(fc.integer({ min: 0, max: ND - 1 }), { minLength: 1, maxLength: 3 }),
    durationYears: fc.integer({ min: 1, max: 25 }),
    cityCapitalShare: fc.integer({ min: 0, max: 20 }).map((x) => x / 20),
    annualPaymentEur: fc.oneof(fc.integer({ min: 0, max: 6_000_000 }), fc.integer({ min: 6_000_000, max: 40_000_000 })),
    guaranteedSavingShare: fc.constantFrom(0, 0, 0.5, 0.7),
    terminationCompensation: fc.constantFrom(0, 0.5, 1),
    savingsShareToPartner: fc.constantFrom(0, 0, 0.2),
  })
  .map(
    (x): ContractTerms => ({
      form: x.form as ContractTerms['form'],
      projects: [x.project],
      districts: x.districts,
      pilot: false,
      durationYears: x.durationYears,
      cityCapitalShare: x.form === 'performance' ? 1 : x.cityCapitalShare,
      annualPaymentEur: x.annualPaymentEur,
      guaranteedSavingShare: x.guaranteedSavingShare,
      penaltyRate: x.guaranteedSavingShare > 0 ? 1 : 0,
      terminationCompensation: x.terminationCompensation,
      dataOwnership: 'city',
      savingsShareToPartner: x.savingsShareToPartner,
      grantCalls: [],
    }),
  );

/** One field plainly out of its range, whatever the state. */
const BREAKS: [string, (t: ContractTerms) => unknown][] = [
  ['capital share 1.5', (t) => ({ ...t, cityCapitalShare: 1.5 })],
  ['negative payment', (t) => ({ ...t, annualPaymentEur: -5 })],
  ['NaN payment', (t) => ({ ...t, annualPaymentEur: NaN })],
  ['45 years', (t) => ({ ...t, durationYears: 45 })],
  ['compensation 2', (t) => ({ ...t, terminationCompensation: 2 })],
  ['district 99', (t) => ({ ...t, districts: [99] })],
  ['guarantee −0.1', (t) => ({ ...t, guaranteedSavingShare: -0.1 })],
  ['savings share Infinity', (t) => ({ ...t, savingsShareToPartner: Infinity })],
  ['unknown project', (t) => ({ ...t, projects: ['teleporter'] })],
];

interface Move {
  tick: number;
  action: Record<string, unknown>;
  /** Set when the offer has a field out of range: it must be refused. */
  outOfRange?: string;
}

const moveArb = (by: 'city' | 'partner'): fc.Arbitrary<Move> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ tick: fc.integer({ min: 0, max: TICKS - 1 }), terms: nearLawful }).map(({ tick, terms }) => ({ tick, action: { type: 'propose', by, terms } })) },
    {
      weight: 2,
      arbitrary: fc
        .record({ tick: fc.integer({ min: 0, max: TICKS - 1 }), terms: nearLawful, k: fc.integer({ min: 0, max: BREAKS.length - 1 }) })
        .map(({ tick, terms, k }) => ({ tick, action: { type: 'propose', by, terms: BREAKS[k]![1](terms) }, outOfRange: BREAKS[k]![0] })),
    },
    { weight: 5, arbitrary: fc.integer({ min: 0, max: TICKS - 1 }).map((tick) => ({ tick, action: { type: 'accept', by } })) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: TICKS - 1 }).map((tick) => ({ tick, action: { type: 'walkAway', by } })) },
  );

const caseArb = fc
  .record({
    person: fc.constantFrom('city' as const, 'partner' as const),
    personality: fc.integer({ min: 0, max: 2 }),
    seed: fc.integer({ min: 1, max: 10_000 }),
  })
  .chain(({ person, personality, seed }) =>
    fc.record({
      person: fc.constant(person),
      computer: fc.constant(person === 'city' ? PARTNER_PERSONALITIES[personality % PARTNER_PERSONALITIES.length]!.id : CITY_PERSONALITIES[personality % CITY_PERSONALITIES.length]!.id),
      seed: fc.constant(seed),
      moves: fc.array(moveArb(person), { minLength: 24, maxLength: 72 }),
    }),
  );

interface Tally {
  signed: number;
  refused: number;
  outOfTurn: number;
  outOfRange: number;
  ratification: number;
  ok: number;
  runs: number;
}

function check(c: { person: 'city' | 'partner'; computer: string; seed: number; moves: Move[] }, tally: Tally): void {
  const aiSide = c.person === 'city' ? 'partner' : 'city';
  const policies: Policies = { city: null, partner: null };
  policies[aiSide] = resolvePolicy(c.computer, aiSide)!;
  const opts = { seed: c.seed, years: YEARS, agents: AGENTS, [c.person]: 'none', [aiSide]: c.computer };
  const run = createRun(sc, opts);
  const movesAt = groupByTick(c.moves);
  const where = (t: number) => `${c.person} (person) vs ${c.computer}, seed ${c.seed}, tick ${t}`;
  tally.runs++;
  while (!run.isOver()) {
    const t = run.state.tick;
    const moves = movesAt(t);
    const before = cloneState(run.state);
    const results: ActionResult[] = run.advanceTick(moves.map((m) => m.action));
    const s = run.state;
    expect(ledgerSum(s), `${where(t)}: ledger`).toBe(0);

    // Contracts signed with the partner this tick: lawful on the state just before it.
    for (const k of s.contracts.slice(before.contracts.length)) {
      if (k.builder !== 'partner') continue;
      tally.signed++;
      expect(termsProblem(before, sc, k.terms, { atAcceptance: true }), `${where(t)}: contract ${k.id} ${JSON.stringify(k.terms)}`).toBeNull();
    }

    // Refusals: a reason; out-of-range offers always refused; a refused action changes nothing.
    results.forEach((r, i) => {
      const m = moves[i]!;
      if (m.outOfRange) expect(r.ok, `${where(t)}: offer with ${m.outOfRange} accepted`).toBe(false);
      if (r.ok) {
        tally.ok++;
        return;
      }
      tally.refused++;
      expect(r.reason.trim().length, `${where(t)}: empty reason`).toBeGreaterThan(5);
      if (m.outOfRange) tally.outOfRange++;
      else if (/ratification/.test(r.reason)) tally.ratification++;
      else if (/turn|own offer|no offer|only counter|one round a month/.test(r.reason)) tally.outOfTurn++;
    });
    if (results.some((r) => !r.ok)) {
      const kept = moves.filter((_, i) => results[i]!.ok).map((m) => m.action);
      const replay = step(before, sc, kept, policies);
      expect(stateHash(replay.state), `${where(t)}: a refused action changed the state`).toBe(stateHash(s));
    }

    if (s.tick % 12 === 0) expect(invariantViolations(s), `${where(t)}: invariants`).toEqual([]);
  }
  // The same script through runSimulation gives the same game.
  const timed: TimedAction[] = c.moves.map((m) => ({ tick: m.tick, action: m.action as unknown as TimedAction['action'] }));
  const sorted = [...timed].sort((a, b) => a.tick - b.tick);
  expect(runSimulation(sc, { ...opts, actions: sorted }).summary.stateHash).toBe(stateHash(run.state));
}

describe('a person against a computer personality: random offers and answers', () => {
  it('keep the ledger, the numbers and the law; illegal offers are refused and change nothing', () => {
    const tally: Tally = { signed: 0, refused: 0, outOfTurn: 0, outOfRange: 0, ratification: 0, ok: 0, runs: 0 };
    fc.assert(
      fc.property(caseArb, (c) => check(c, tally)),
      { seed: 20260, numRuns: 30, endOnFailure: true },
    );
    // The generator reaches every kind of refusal and signs contracts.
    // Since an offer lapses after four months unanswered (rules/negotiation.ts), a person moving at
    // random months lets most negotiations lapse: with 24 to 72 moves a run (8 to 40 before) the 30
    // runs sign 12 contracts (7 with 8 to 40).
    expect(tally.signed, JSON.stringify(tally)).toBeGreaterThan(10);
    expect(tally.outOfRange, JSON.stringify(tally)).toBeGreaterThan(20);
    expect(tally.outOfTurn, JSON.stringify(tally)).toBeGreaterThan(50);
    expect(tally.ratification, JSON.stringify(tally)).toBeGreaterThan(5);
    expect(tally.ok, JSON.stringify(tally)).toBeGreaterThan(30);
  });
});
