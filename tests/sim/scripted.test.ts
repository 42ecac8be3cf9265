/**
 * The scripted strategies (src/sim/agents/scripted.ts): offered by name for their side, they do
 * what their name says, and they act only through lawful actions — over 30-year runs the model
 * refuses none of their actions (a refused action of a computer player is logged, step.ts).
 */
import { describe, expect, it } from 'vitest';
import { POLICY_NAMES_BY_SIDE, resolvePolicy, runSimulation, type Action, type Policy, type RunResult } from '../../src/sim';
import type { Observation } from '../../src/sim/types';
import { scriptedStrategies } from '../../src/sim/agents/scripted';
import { shortestLife, termsLawful } from '../../src/sim/rules/terms';
import { dijon, variant } from './helpers';
import { newGame } from '../state/game-helpers';

const sc = dijon();
/** One bidder: no competitive bound, so that the partner's own asks decide the price (C2's setting). */
const single = variant({ 'procurement.bidders': 1 });
const AGENTS = 200;

/** Refused actions of the computer players in a run. */
const refused = (r: RunResult) => r.state.log.filter((e) => e.kind === 'refused');

/** The policy, with each action it takes noted by `note` at the moment it takes it (the state moves on after). */
function recorded<T = Action>(name: string, side: 'city' | 'partner', note: (obs: Observation, action: Action) => T = (_, a) => a as T) {
  const inner = resolvePolicy(name, side)!;
  const taken: T[] = [];
  const policy: Policy = (obs) => {
    const actions = inner(obs);
    for (const action of actions) taken.push(note(obs, action));
    return actions;
  };
  return { policy, taken };
}

describe('the scripted strategies are offered like the personalities', () => {
  it('each is a policy of its own side only', () => {
    expect(scriptedStrategies().map((s) => s.id)).toEqual(['buy-everything-city', 'do-nothing-city', 'accept-everything-city', 'refuse-everything-city', 'cancel-everything-city', 'abandon-everything-city', 'long-contract-city', 'tax-cut-city', 'gouge-partner', 'cheap-partner']);
    for (const s of scriptedStrategies()) {
      const other = s.side === 'city' ? 'partner' : 'city';
      expect(POLICY_NAMES_BY_SIDE[s.side]).toContain(s.id);
      expect(POLICY_NAMES_BY_SIDE[other]).not.toContain(s.id);
      expect(resolvePolicy(s.id, s.side)).toBe(s.policy);
      expect(resolvePolicy(s.id, other)).toBeUndefined();
      for (const lang of ['fr', 'en'] as const) expect(s.name[lang].length * s.describe[lang].length).toBeGreaterThan(0);
    }
  });
});

describe('no action of a scripted strategy is refused over 30 years', () => {
  const cities = scriptedStrategies().filter((s) => s.side === 'city').map((s) => s.id);
  const partners = scriptedStrategies().filter((s) => s.side === 'partner').map((s) => s.id);
  // Each city against the default partner and the gouging one (which counters, so that the city answers); each partner against the default city, with four bidders and with one.
  const games = [
    ...cities.flatMap((city) => [
      { city, partner: sc.policies.partner, scenario: sc, label: '4 bidders' },
      { city, partner: 'gouge-partner', scenario: single, label: '1 bidder' },
    ]),
    ...partners.flatMap((partner) => [
      { city: sc.policies.city, partner, scenario: sc, label: '4 bidders' },
      { city: sc.policies.city, partner, scenario: single, label: '1 bidder' },
    ]),
  ];
  it.each(games)('city $city, partner $partner, $label', ({ city, partner, scenario }) => {
    for (const seed of [1, 2]) {
      const r = runSimulation(scenario, { seed, years: 30, agents: AGENTS, city, partner });
      expect(refused(r), `seed ${seed}`).toEqual([]);
    }
  });
});

describe('each does what its name says', () => {
  it('do-nothing-city takes no action: no budget vote, no purchase, no negotiation', () => {
    const { policy, taken } = recorded('do-nothing-city', 'city');
    const r = runSimulation(sc, { seed: 3, years: 18, agents: AGENTS, city: policy });
    expect(taken).toEqual([]);
    expect(r.state.contracts).toEqual([]);
    expect(r.state.counters.negotiationsOpened).toBe(0);
  });

  it('buy-everything-city never negotiates and buys alone far more than the steady mayor does', () => {
    const buy = runSimulation(sc, { seed: 3, years: 18, agents: AGENTS, city: 'buy-everything-city' });
    const steady = runSimulation(sc, { seed: 3, years: 18, agents: AGENTS, city: 'steady-mayor' });
    expect(buy.state.counters.negotiationsOpened).toBe(0);
    const alone = (r: RunResult) => r.state.contracts.filter((c) => c.builder === 'suppliers' && !c.terms.pilot).length;
    expect(buy.state.contracts.every((c) => c.builder === 'suppliers' && !c.terms.pilot)).toBe(true);
    expect(alone(buy)).toBeGreaterThan(2 * Math.max(1, alone(steady)));
    // More of the catalogue's projects, too.
    const projects = (r: RunResult) => new Set(r.state.contracts.filter((c) => c.builder === 'suppliers' && !c.terms.pilot).flatMap((c) => c.terms.projects)).size;
    expect(projects(buy)).toBeGreaterThan(projects(steady));
  });

  it('refuse-everything-city signs nothing with the partner and walks away from every offer', () => {
    const { policy, taken } = recorded('refuse-everything-city', 'city');
    const r = runSimulation(single, { seed: 3, years: 18, agents: AGENTS, city: policy, partner: 'gouge-partner' });
    expect(r.state.contracts.filter((c) => c.builder === 'partner')).toEqual([]);
    expect(taken.filter((a) => a.type === 'propose' || a.type === 'accept')).toEqual([]);
    // It still buys alone.
    expect(r.state.contracts.length).toBeGreaterThan(0);
  });

  it('accept-everything-city accepts every offer it has to answer that it may still sign', () => {
    // What it answers when an offer awaits it, and whether the rules let it sign that offer then.
    const { policy, taken } = recorded('accept-everything-city', 'city', (obs, a) => {
      const n = obs.state.negotiation;
      const answering = obs.trigger.mustAnswer && n?.turn === 'city' && (a.type === 'accept' || a.type === 'walkAway' || a.type === 'propose');
      return answering ? { answer: a.type, lawful: termsLawful(obs.state, obs.scenario, n.offer, { atAcceptance: true }) } : null;
    });
    runSimulation(single, { seed: 3, years: 18, agents: AGENTS, city: policy, partner: 'gouge-partner' });
    const answers = taken.filter((t) => t !== null);
    expect(answers.filter((t) => t.lawful).length).toBeGreaterThan(0);
    for (const t of answers) expect(t.answer).toBe(t.lawful ? 'accept' : 'walkAway');
  });

  it('cancel-everything-city ends every partner contract within its first two years', () => {
    const r = runSimulation(sc, { seed: 3, years: 30, agents: AGENTS, city: 'cancel-everything-city' });
    const partner = r.state.contracts.filter((c) => c.builder === 'partner');
    expect(partner.length).toBeGreaterThan(0);
    const cancelled = r.state.log.filter((e) => e.kind === 'contractCancelled');
    // Signed in the playable years (after them no decision is taken, so nothing is signed either),
    // a year or more before their end: the last decision is taken in the month before
    // playableYears × 12, so a contract signed later runs past it.
    const endable = partner.filter((c) => c.signedTick + 12 < sc.playableYears * 12);
    expect(endable.length).toBeGreaterThan(0);
    for (const c of endable) {
      expect(c.status, `contract ${c.id}`).toBe('cancelled');
      const end = cancelled.find((e) => e.data.id === c.id)!;
      expect(end.tick - c.signedTick).toBeGreaterThanOrEqual(12);
      expect(end.tick - c.signedTick).toBeLessThan(24);
    }
  });

  it('long-contract-city signs most partner contracts at the longest lawful length, none past its equipment', () => {
    const r = runSimulation(sc, { seed: 2, years: 18, agents: AGENTS, city: 'long-contract-city' });
    const signed = r.state.contracts.filter((c) => c.builder === 'partner' && !c.terms.pilot && c.terms.form !== 'concession');
    expect(signed.length).toBeGreaterThan(2);
    const lifeOf = (c: (typeof signed)[number]) => Math.min(...c.terms.projects.map((p) => sc.projects.catalogue[p]!.lifetimeYears));
    // Where the longest is not lawful (a partnership's value for money, its budget), it plays the steady mayor.
    expect(signed.filter((c) => c.terms.durationYears >= Math.min(25, lifeOf(c)) - 1e-9).length).toBeGreaterThanOrEqual(signed.length / 2);
    for (const c of signed) expect(c.terms.durationYears, `contract ${c.id}`).toBeLessThanOrEqual(lifeOf(c) + 1e-9);
    // What it does of its own: once the bids are in, each of its answers asks or accepts the
    // longest length the rules allow for the scope. (Compared with the steady mayor's contracts on
    // one seed, the lengths were a path's accident: the partner asks the longest lawful length for
    // both, MODEL §18, so the two differ by which deals they sign, not by their lengths.)
    const { policy, taken } = recorded('long-contract-city', 'city', (obs, a) =>
      (a.type === 'propose' || a.type === 'accept') && a.by === 'city' && a.reason?.startsWith('long-contract-city') ? { asked: a.type === 'propose' ? a.terms.durationYears : obs.state.negotiation!.offer.durationYears, longest: Math.min(25, shortestLife(obs.scenario, obs.state.negotiation!.offer.projects).years) } : null,
    );
    runSimulation(sc, { seed: 2, years: 18, agents: AGENTS, city: policy });
    const own = taken.filter((t) => t !== null);
    expect(own.length).toBeGreaterThan(0);
    for (const t of own) expect(t.asked).toBe(t.longest);
  });

  it('tax-cut-city votes the steady mayor\u2019s budgets with the rates cut as far as the rules allow', () => {
    // Its budgets at the year starts (a supplementary budget later in the year moves no rate).
    const { policy, taken } = recorded('tax-cut-city', 'city', (obs, a) => (a.type === 'setBudget' && obs.trigger.yearStart ? a.taxChange : null));
    const r = runSimulation(sc, { seed: 3, years: 18, agents: AGENTS, city: policy });
    const votes = taken.filter((t) => t !== null);
    expect(votes.length).toBeGreaterThan(0);
    // It cuts whenever the rules allow (not where a cut would leave the budget unfinanced).
    expect(votes.filter((v) => v < 0).length).toBeGreaterThan(3);
    expect(r.state.city.taxLevel).toBeLessThan(0.9);
    // It still plays the steady mayor's projects.
    expect(r.state.contracts.length).toBeGreaterThan(0);
  });

  it('gouge-partner asks the highest lawful payment: €1,000 more would be refused', () => {
    const { policy, taken } = recorded('gouge-partner', 'partner', (obs, a) =>
      a.type === 'propose' ? { lawful: termsLawful(obs.state, obs.scenario, a.terms), more: termsLawful(obs.state, obs.scenario, { ...a.terms, annualPaymentEur: a.terms.annualPaymentEur + 1000 }) } : null,
    );
    const r = runSimulation(single, { seed: 3, years: 18, agents: AGENTS, partner: policy });
    expect(refused(r)).toEqual([]);
    const asks = taken.filter((t) => t !== null);
    expect(asks.length).toBeGreaterThan(0);
    expect(asks.every((t) => t.lawful && !t.more)).toBe(true);
  });

  // Skipped since competition sets the global price from rivals around the market's cost (issue 9,
  // irr helper): the bound now sits near the partner's costs, and the at-cost partner, who walks
  // away less, signs more deals: partner NPV at 18 years, seeds 1–8 (300 agents), cheap − default
  // +€0.48 M on average (seed 1: €3.40 M against €0.49 M; 5 higher, 1 equal, 2 lower). The 32-seed
  // no-cheap-win test still finds no significant win on the partner's score. Measured, not forced.
  // oxlint-disable-next-line vitest/no-disabled-tests -- a premise not met under the global price (issue 9); its figures are above
  it.skip('cheap-partner signs for less than the default partner: its deals cover its costs and no margin', () => {
    // With the reference competition (4 bidders). With one bidder, since the city weighs its
    // commitments at the public rate alone (issue 9), its opening offers sit at what either partner
    // accepts at once, and both partners sign the same deals (seeds 1–8, 18 years: equal NPVs).
    const cheap = runSimulation(sc, { seed: 1, years: 18, agents: AGENTS, partner: 'cheap-partner' });
    const usual = runSimulation(sc, { seed: 1, years: 18, agents: AGENTS });
    expect(refused(cheap)).toEqual([]);
    expect(cheap.summary.partnerNpvEur as number).toBeLessThan(usual.summary.partnerNpvEur as number);
  });
});

describe('the game offers them where it offers the personalities', () => {
  it('the menu lists a start against each, and the start action takes it for the computer side', () => {
    const g = newGame();
    const starts = g.api.actions().filter((a) => a.type === 'start' && a.scenario === 'dijon-like');
    for (const s of scriptedStrategies()) {
      const role = s.side === 'city' ? 'partner' : 'city';
      expect(starts, s.id).toContainEqual(expect.objectContaining({ type: 'start', role, [s.side]: s.id }));
    }
    expect(g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'watch', seed: 3, city: 'cancel-everything-city', partner: 'gouge-partner' })).toEqual({ ok: true });
    const refusedStart = newGame().api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 3, partner: 'napoleon' });
    expect(refusedStart).toMatchObject({ ok: false, code: 'fieldUnknownValue' });
    for (const s of scriptedStrategies().filter((x) => x.side === 'partner')) expect(JSON.stringify(refusedStart)).toContain(s.id);
  });
});
