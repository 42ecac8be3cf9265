/**
 * Coordination: the alignment index a ∈ [0, 1] between the city's departments, the communes of
 * the metropole and the citizens.
 *
 * Each month a moves toward its target by `adjustmentPerYear ÷ 12` of the gap, where
 *   target = a₀ + (1 − a₀) · Σ gains of the governance measures kept (smart-city office,
 *            inter-communal agreement, shared data policy)
 *            + concertationGain · (concertation − the scenario's concertation),
 * clamped to [0, 1], and a₀ = `coordination.alignment`, the territory's structural alignment.
 * Without measures it returns to a₀; events (cyber-attack, protest) and a change of majority
 * knock it down for a while. Its effects live where they act: the data platform's synergies
 * (projects), duplicated pilots (contracts), grant success (funding), veto players
 * (negotiation).
 */
import type { Scenario } from '../scenario-schema';
import type { SimState } from '../types';

export function alignmentTarget(state: SimState, scenario: Scenario): number {
  const c = scenario.coordination;
  const g = state.city.governance;
  let gains = 0;
  if (g.smartCityOffice) gains += c.measures.smartCityOffice.gain;
  if (g.interCommunalAgreement) gains += c.measures.interCommunalAgreement.gain;
  if (g.sharedDataPlatform) gains += c.measures.sharedDataPlatform.gain;
  const target = c.alignment + (1 - c.alignment) * gains + c.concertationGain * (state.city.concertation - scenario.city.concertation);
  return Math.min(1, Math.max(0, target));
}

export function coordinationPhase(state: SimState, scenario: Scenario): void {
  const target = alignmentTarget(state, scenario);
  state.alignment += (target - state.alignment) * (scenario.coordination.adjustmentPerYear / 12);
  state.alignment = Math.min(1, Math.max(0, state.alignment));
}
