/**
 * Politics: municipal elections every `termYears`, in the scenario's election month.
 *
 * Voting is retrospective: each citizen agent casts for the incumbent its probability
 *   σ(B + voteSensitivity · (s_i − s̄_d⁰) + swing)
 * where B is `incumbentShift` (the incumbency bias, the visible new services of the term with
 * diminishing returns, less the cost of ruling), s_i its satisfaction, s̄_d⁰ its district's mean
 * satisfaction when the term began (did things get better?), and swing ~ Normal(0, swingSd) one
 * draw per election (national mood, the campaign). Every agent has the same weight. Over half →
 * re-elected. Otherwise a new
 * mayor takes office, drawn from the other profiles of `politics.mayors`: new priorities, a new
 * horizon; alignment loses `electionReset` of its value; each governance measure survives with
 * probability ½. What the new majority does with the contracts it inherits is its decision, not a
 * rule of this phase: it may end one in the public interest, paying the compensation the law owes
 * (contracts.ts), or propose an amendment the partner may refuse (a computer city weighs these in
 * agents/contract-review.ts; `dislike` measures how far a contract's projects fall outside its
 * priorities: a green mayor dislikes digital projects, a digital mayor low-tech ones).
 */
import type { TickScratch } from '../money';
import { withStream } from '../rng';
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

/** A citizen's probability of voting for the incumbent: σ(L), L its log-odds (the district's shift, `voteSensitivity × (s_i − s̄_d⁰)` and the swing). */
export function voteProbability(logit: number): number {
  return 1 / (1 + detExp(-logit));
}

/**
 * The incumbent's votes: each citizen agent stands for a few hundred voters, so it casts its
 * probability (`voteProbability`), not a draw: the result of a metropole of 255,000 people has no
 * sampling noise (the law of large numbers over the voters an agent stands for): the agent count
 * moves it only through the citizens it draws. `byDistrict` receives each district's votes (for the log).
 */
function countVotes(cit: Readonly<CitizenArrays>, shift: Float64Array, sensitivity: number, byDistrict: Float64Array): number {
  const { district, satisfaction } = cit;
  const n = satisfaction.length;
  let votes = 0;
  for (let i = 0; i < n; i++) {
    const k = district[i]!;
    const vote = voteProbability(shift[k]! + sensitivity * satisfaction[i]!);
    votes += vote;
    byDistrict[k]! += vote;
  }
  return votes;
}

/** The politics phase: an election in its month; after a defeat, a new mayor and majority. */
export function politicsPhase(state: SimState, scenario: Scenario, _scratch: TickScratch): void {
  if (state.tick !== state.nextElectionTick) return;
  const p = scenario.politics;
  const cit = state.citizens;
  // The politics stream draws the swing alone: the same draw at every election whatever the results
  // before (common random numbers, types.ts `STREAMS`); the citizens cast probabilities, no draw.
  const swing = withStream(state, 'politics', (rng) => p.swingSd * rng.normal());
  const shift = new Float64Array(state.districts.length);
  state.districts.forEach((d, k) => (shift[k] = incumbentShift(state, p, d.visibleThisTerm) + swing - p.voteSensitivity * d.satisfactionAtTermStart));
  const byDistrict = new Float64Array(state.districts.length);
  const votesFor = countVotes(cit, shift, p.voteSensitivity, byDistrict);
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
    // What a defeat brings is drawn from its own stream, so that the politics stream's swings do
    // not depend on the results before.
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
  for (const d of state.districts) {
    d.visibleThisTerm = 0;
    d.satisfactionAtTermStart = d.satisfaction;
  }
  state.nextElectionTick += p.termYears * 12;
}
