/**
 * Failed consultations (rules/relaunch.ts) and the grant applications of the computer city
 * (agents/rule-based-city.ts): the city does not publish again, in the same mandate, a notice whose
 * negotiation failed with nothing changed (the same scope, form, capital share, and no new grant
 * call), and it names no grant call where it bears none of the works (rules/terms.ts,
 * `grantWithoutCityShare`).
 */
import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../src/sim';
import { resolvePolicy } from '../../src/sim/agents';
import { callOpen, grantIneligibility } from '../../src/sim/rules/funding';
import { recordFailedNotice, relaunchesFailedNotice } from '../../src/sim/rules/relaunch';
import type { Action, ContractTerms, Negotiation, Observation } from '../../src/sim/types';
import type { Scenario } from '../../src/sim/scenario-schema';
import { freshState, terms, variant } from './helpers';

function negotiation(notice: ContractTerms, phase: Negotiation['procedure']['phase']): Negotiation {
  return {
    id: 1, openedTick: 0, procedure: { kind: 'dialogue', phase, monthsLeft: 0, bidders: 2, rivalCostFactor: 0.9 }, turn: 'city', offer: notice, offeredBy: 'partner',
    round: 3, roundsNeeded: 1, maxRounds: 12, lastMoveTick: 0, ratificationMonthsLeft: 0, history: [{ tick: 0, by: 'city', kind: 'offer', terms: notice, reason: 'notice' }],
  };
}

describe('a failed consultation is not published again unchanged', () => {
  const notice = terms({ form: 'partnership', projects: ['streetLighting'], districts: [0, 1, 2], cityCapitalShare: 0, grantCalls: [] });

  it('the same scope, form and share, in the same mandate and with no new call, is a relaunch; a revision or a new fact is not', () => {
    const s = freshState();
    recordFailedNotice(s, negotiation(notice, 'negotiation'), 'partner');
    // The length and the price are the bargaining's, not the consultation's.
    const other: ContractTerms = { ...notice, districts: [2, 1, 0], durationYears: 20, annualPaymentEur: 1 };
    expect(relaunchesFailedNotice(s, other)).toBe(true);
    // Revised: the scope, the form, the financing.
    expect(relaunchesFailedNotice(s, { ...notice, districts: [0, 1] })).toBe(false);
    expect(relaunchesFailedNotice(s, { ...notice, projects: ['streetLighting', 'dataPlatform'] })).toBe(false);
    expect(relaunchesFailedNotice(s, { ...notice, form: 'performance', cityCapitalShare: 1 })).toBe(false);
    expect(relaunchesFailedNotice(s, { ...notice, cityCapitalShare: 0.2 })).toBe(false);
    // New funding: a call the failed notice did not name.
    expect(relaunchesFailedNotice(s, { ...notice, cityCapitalShare: 0, grantCalls: ['dsil'] })).toBe(false);
    // A new mandate.
    s.nextElectionTick += 72;
    expect(relaunchesFailedNotice(s, notice)).toBe(false);
  });

  it('a failure during the award (a veto, the re-check at signature) is not a failed consultation', () => {
    const s = freshState();
    recordFailedNotice(s, negotiation(notice, 'award'), 'city');
    expect(relaunchesFailedNotice(s, notice)).toBe(false);
  });
});

// Against the rule-based partner, which walks away when no lawful terms cover its costs: since the
// computer city keeps its deals' credits before its purchases alone (MODEL §13.8), no consultation
// fails in its negotiation phase against the default partner on these seeds, and the rule has
// nothing to act on.
describe('the computer city (steady mayor) against the rule-based partner in a dear market, seeds 1–8, 18 years', () => {
  // A market whose costs exceed the buyer's estimate (partner.trueCostFactor 1.1 against catalogue
  // prices): negotiations fail, and the rule has failures to act on. In the reference market none
  // fails in its negotiation phase since the bids are sealed (issue 9, tenth round, procedure.ts):
  // the walk-aways the rule was written for came from a drawn next bidder below the partner's floor.
  const sc = variant({ 'partner.trueCostFactor': 1.1 });
  const base = resolvePolicy(sc.policies.city, 'city')!;
  const play = (sc: Scenario) => [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => {
    const openings: { tick: number; terms: ContractTerms; callsOpen: boolean }[] = [];
    const city = (obs: Observation): Action[] => {
      const actions = base(obs);
      for (const a of actions) {
        if (a.type !== 'propose' || obs.state.negotiation !== null) continue;
        const callsOpen = obs.state.grantCalls.some((c) => callOpen(obs.state, c) && grantIneligibility(obs.state, sc, c, a.terms) === null);
        openings.push({ tick: obs.state.tick, terms: a.terms, callsOpen });
      }
      return actions;
    };
    return { openings, run: runSimulation(sc, { seed, years: 18, agents: 300, city, partner: 'rule-based' }) };
  });
  const runs = play(sc);

  // Since a signature books only its year's works (AP/CP, issue 9's eighteenth round) the city
  // pays a large deal's first months from its €8 M envelope and opens no partnership the partner
  // finances alone on these seeds; a city with half that envelope does (seeds 2 and 7).
  it('names no grant call in a partnership the partner finances alone, and still opens such partnerships while calls are open (a €4 M envelope)', () => {
    const alone = play(variant({ 'partner.trueCostFactor': 1.1, 'city.smartCityEnvelopeEur': 4e6 })).flatMap((r) => r.openings).filter((o) => o.terms.form !== 'procurement' && o.terms.cityCapitalShare === 0);
    expect(alone.filter((o) => o.callsOpen).length).toBeGreaterThan(0);
    expect(alone.filter((o) => o.terms.grantCalls.length > 0)).toEqual([]);
  });

  it('does not open again, in the same mandate, a notice whose negotiation failed, unless a new call funds it', () => {
    let repeats = 0;
    let failures = 0;
    for (const { openings, run } of runs) {
      const elections = run.state.log.filter((e) => e.kind === 'election').map((e) => e.tick);
      const mandate = (tick: number) => elections.filter((t) => t <= tick).length;
      const failed = run.state.log.filter((e) => e.kind === 'procedureClosed' && e.data.outcome === 'failed' && e.data.phase === 'negotiation').map((e) => (e.data as { openedTick: number }).openedTick);
      failures += failed.length;
      for (const o of openings) {
        const same = openings.filter((p) => p.tick < o.tick && failed.includes(p.tick) && mandate(p.tick) === mandate(o.tick) && p.terms.form === o.terms.form && p.terms.cityCapitalShare === o.terms.cityCapitalShare
          && [...p.terms.projects].sort().join() === [...o.terms.projects].sort().join() && [...p.terms.districts].sort().join() === [...o.terms.districts].sort().join());
        if (same.length > 0 && o.terms.grantCalls.every((id) => same.some((p) => p.terms.grantCalls.includes(id)))) repeats++;
      }
    }
    expect(failures).toBeGreaterThan(0);
    expect(repeats).toBe(0);
  });
});
