/**
 * Politics: municipal elections every `termYears`, in the scenario's election month.
 *
 * Voting is retrospective: each citizen agent votes for the incumbent with probability
 *   σ(incumbencyBias + voteSensitivity · (s_i − s̄_d⁰) + visibilityWeight · V_d + swing)
 * where s_i is its satisfaction, s̄_d⁰ its district's mean satisfaction when the term began (did
 * things get better?), V_d the visible new services delivered in its district during the term, and
 * swing ~ Normal(0, swingSd) one draw per election (national mood, the campaign). Every agent has
 * the same weight. Over half → re-elected. Otherwise a new
 * mayor takes office, drawn from the other profiles of `politics.mayors`: new priorities, a new
 * horizon; alignment loses `electionReset` of its value; each governance measure survives with
 * probability ½. What the new majority does with the contracts it inherits is its decision, not a
 * rule of this phase: it may end one in the public interest, paying the compensation the law owes
 * (contracts.ts), or propose an amendment the partner may refuse (a computer city weighs these in
 * agents/contract-review.ts; `dislike` measures how far a contract's projects fall outside its
 * priorities: a green mayor dislikes digital projects, a digital mayor low-tech ones).
 */
import type { TickScratch } from '../money';
import { withStream, type Stream } from '../rng';
import { detExp } from '../det-math';
import type { Scenario } from '../scenario-schema';
import type { CitizenArrays, SimState } from '../types';
import { priorityWeight } from './valuation';

/** How much a mayor dislikes a contract's projects, 0–1 (priority weights run from 0.6 to 1.4). */
export function dislike(state: Readonly<SimState>, scenario: Scenario, projects: string[]): number {
  const w = projects.reduce((a, p) => a + priorityWeight(state, scenario, p), 0) / Math.max(1, projects.length);
  return Math.min(1, Math.max(0, (1.4 - w) / 0.8));
}

/**
 * The part of the incumbent's log-odds that is not the voters' satisfaction nor the swing: the
 * incumbency bias, the visible new services of the term with diminishing returns
 * (`visibilityWeight × h_V × (1 − exp(−V ÷ h_V))`, h_V = `visibilitySaturation`: the first opening counts fully, the next less, all together never more than `visibilityWeight × h_V`; linear when h_V is 0),
 * less the cost of ruling for each term the mayor has served.
 */
export function incumbentShift(state: Readonly<SimState>, p: Scenario['politics'], visible: number): number {
  const v = p.visibilitySaturation > 0 ? p.visibilitySaturation * (1 - detExp(-visible / p.visibilitySaturation)) : visible;
  return p.incumbencyBias + p.visibilityWeight * v - p.costOfRuling * state.city.mayor.terms;
}

/**
 * Each citizen's vote: one draw u per citizen, for the incumbent when u < σ(logit), logit = the
 * district's shift + voteSensitivity × its satisfaction. σ(logit) = 1 ÷ (1 + detExp(−logit)) is at
 * least ½ when logit ≥ 0 and at most ½ when logit ≤ 0, exactly (detExp(x) ≤ 1 for x ≤ 0 and ≥ 1
 * for x ≥ 0, det-math test): a draw on the far side of ½ is decided without the exponential. Same
 * draws, same votes. `byDistrict` receives each district's votes for the incumbent (for the log).
 */
function countVotes(cit: Readonly<CitizenArrays>, shift: Float64Array, sensitivity: number, rng: Stream, byDistrict: Float64Array): number {
  const { district, satisfaction } = cit;
  const n = satisfaction.length;
  let votes = 0;
  // One draw per citizen, in the citizens' order (drawn at once: the same numbers).
  const draws = new Float64Array(n);
  rng.fill(draws);
  for (let i = 0; i < n; i++) {
    const k = district[i]!;
    const logit = shift[k]! + sensitivity * satisfaction[i]!;
    const u = draws[i]!;
    const vote = u < 0.5 ? logit >= 0 || u < 1 / (1 + detExp(-logit)) : logit > 0 && u < 1 / (1 + detExp(-logit));
    if (vote) {
      votes += 1;
      byDistrict[k]! += 1;
    }
  }
  return votes;
}

/** The politics phase: an election in its month; after a defeat, a new mayor and majority. */
export function politicsPhase(state: SimState, scenario: Scenario, _scratch: TickScratch): void {
  if (state.tick !== state.nextElectionTick) return;
  const p = scenario.politics;
  const cit = state.citizens;
  let votesFor = 0;
  withStream(state, 'politics', (rng) => {
    const swing = p.swingSd * rng.normal();
    const shift = new Float64Array(state.districts.length);
    state.districts.forEach((d, k) => (shift[k] = incumbentShift(state, p, d.visibleThisTerm) + swing - p.voteSensitivity * d.satisfactionAtTermStart));
    const byDistrict = new Float64Array(state.districts.length);
    votesFor = countVotes(cit, shift, p.voteSensitivity, rng, byDistrict);
    const share = cit.satisfaction.length > 0 ? votesFor / cit.satisfaction.length : 0;
    state.lastVoteShare = share;
    state.counters.elections += 1;
    const reelected = share > 0.5;
    // Each district's share of its own citizens' votes, and the swing, rounded as the share is:
    // what the election screen shows (the shares weighted by the districts' citizens give the result).
    const starts = state.citizenDistrictStart;
    const districtShares = state.districts.map((_, k) => {
      const voters = starts[k + 1]! - starts[k]!;
      return voters > 0 ? Math.round((byDistrict[k]! / voters) * 1000) / 1000 : 0;
    });
    state.log.push({ tick: state.tick, kind: 'election', data: { voteShare: Math.round(share * 1000) / 1000, reelected, mayor: state.city.mayor.profile.id, districtShares, swing: Math.round(swing * 1000) / 1000 } });
    if (reelected) {
      state.counters.incumbentReelections += 1;
      state.city.mayor.terms += 1;
    } else {
      // What a defeat brings is drawn from its own stream, so that the politics stream draws the
      // same at every election whatever the results before (the swing and the votes: common random
      // numbers, types.ts `STREAMS`).
      withStream(state, 'politicsDetails', (after) => {
        const others = p.mayors.filter((m) => m.id !== state.city.mayor.profile.id);
        const next = others[after.int(others.length)]!;
        state.city.mayor = { profile: structuredClone(next), sinceTick: state.tick, terms: 1 };
        state.city.newMayorTick = state.tick;
        state.alignment *= 1 - scenario.coordination.electionReset;
        const g = state.city.governance;
        g.smartCityOffice = g.smartCityOffice && after.chance(0.5);
        g.interCommunalAgreement = g.interCommunalAgreement && after.chance(0.5);
        g.sharedDataPlatform = g.sharedDataPlatform && after.chance(0.5);
        state.log.push({ tick: state.tick, kind: 'newMayor', data: { mayor: next.id } });
      });
    }
  });
  for (const d of state.districts) {
    d.visibleThisTerm = 0;
    d.satisfactionAtTermStart = d.satisfaction;
  }
  state.nextElectionTick += p.termYears * 12;
}
