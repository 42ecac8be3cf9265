/**
 * The industrial partner: its private costs, its experience, its cash and its NPV.
 *
 * Experience (DESIGN C8): each earlier deployment elsewhere counts in proportion to the similarity
 * of that territory's governance profile with this one (1 − mean absolute difference of the three
 * profile traits); each contract completed here counts 1 (a pilot 0.3), and a failure halves it. The fit f = E / (E + 4) ∈ [0, 1)
 * lowers its true costs by `learningMax × f` and raises the expected benefit realisation of what it
 * builds from 0.85 to 0.85 + 0.15 f: a package copied onto an unlike territory costs more and
 * delivers less. The partner's NPV is that of its actual flows with this city, discounted at its
 * cost of capital to the start of the run.
 */
import { detPow } from '../det-math';
import type { Scenario } from '../scenario-schema';
import type { Contract, SimState } from '../types';

/** How well the partner's experience fits this territory, 0–1. */
export function partnerFit(state: SimState): number {
  const e = state.partner.transferableExperience;
  return e / (e + 4);
}

/** The partner's true cost factor after learning (private to the partner). */
export function partnerCostFactor(state: SimState, scenario: Scenario): number {
  return state.partner.trueCostFactor * (1 - scenario.partner.learningMax * partnerFit(state));
}

/** Books this tick's change of the partner's balance into its NPV, at its own rate. */
export function updatePartnerNpv(state: SimState, scenario: Scenario, balanceAtStartEur: number): void {
  const delta = state.ledger.balancesCents.partner / 100 - balanceAtStartEur;
  if (delta !== 0) state.partner.npvEur += delta * detPow(1 + scenario.partner.discountRate, -(state.tick + 1) / 12);
}

/**
 * Books a cash flow of the partner on a contract (euros, + received, − paid), in the month since
 * the contract's signature: the series its realised rate of return reads (irr.ts, contract-records.ts); the ledger moves the money, this only records it.
 */
export function bookPartnerFlow(state: SimState, c: Contract, eur: number): void {
  if (eur === 0 || c.builder !== 'partner') return;
  const k = state.tick - c.signedTick;
  const flows = c.partnerFlowsEur;
  while (flows.length <= k) flows.push(0);
  flows[k] = flows[k]! + eur;
}

/** Is the partner able to sign now (it may have failed and not been replaced yet)? */
export function partnerActive(state: SimState): boolean {
  return state.tick >= state.partner.activeFromTick;
}
