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

/**
 * What one governance measure does to the alignment, as the decisions screen says it: the target
 * with the measure kept and without it (the others as they are), and the share of the gap the
 * alignment closes each month. A measure's `gain` is a share of the way from the structural level
 * a₀ to 1, not points: 0.15 at a₀ = 0.55 raises the target by 6.75 points.
 */
export function governanceEffect(state: SimState, scenario: Scenario, measure: keyof SimState['city']['governance']): { targetWith: number; targetWithout: number; monthlyShare: number } {
  const withMeasure = (on: boolean) => alignmentTarget({ ...state, city: { ...state.city, governance: { ...state.city.governance, [measure]: on } } }, scenario);
  return { targetWith: withMeasure(true), targetWithout: withMeasure(false), monthlyShare: scenario.coordination.adjustmentPerYear / 12 };
}
