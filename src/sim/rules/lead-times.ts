/**
 * How long a procedure lasts, from the scenario alone: the months of each fixed phase of an award
 * procedure and the months of a competitive dialogue. A leaf module (types only), so that
 * rules/services.ts, which the monthly phases import, can read them without importing the
 * procedure rules (rules/procedure.ts, which imports the valuation and the projects).
 */
import type { Scenario } from '../scenario-schema';
import type { ProcedureKind, ProjectFamily } from '../types';

/** Months from the notice to signature in a procedure of this kind (publication, bids, award, standstill). */
export function procedureMonths(scenario: Scenario, kind: ProcedureKind): number {
  const m = scenario.procurement.months[kind];
  return m.publication + m.bids + m.award + m.standstill;
}

/** Families whose main object is works (buildings, networks, public space); the others are supplies or services (CCP L1111-2 to -4). */
export const WORKS_FAMILIES: readonly string[] = ['streetLighting', 'buildingEnergy', 'smartTraffic', 'solarRoofs', 'greenInfrastructure', 'pedestrianPriority'];

/**
 * The months from its launch to its works of a purchase the city makes alone, of works of `family`
 * worth `valueEur` (procedure.ts `awardProcedure`): below the EU threshold of its object an adapted
 * procedure (R2123-1); above it an open call for tenders (R2124-2) and the council's deliberation,
 * whose R − 1 rounds of internal agreement add to it (negotiation.ts `ratifyPurchase`, at this
 * alignment: `vetoRounds`).
 */
export function purchaseProcedureMonths(scenario: Scenario, alignment: number, family: ProjectFamily, valueEur: number): number {
  const threshold = scenario.procurement.euThresholdsEur[WORKS_FAMILIES.includes(family) ? 'works' : 'suppliesServices'];
  return valueEur < threshold ? procedureMonths(scenario, 'adapted') : procedureMonths(scenario, 'open') + vetoRounds(scenario, alignment) - 1;
}

/** Months of dialogue per project family and veto round when the scenario does not say (an assumption: see MODEL.md §13). */
const DIALOGUE_MONTHS_PER_ROUND = 1;

/**
 * The months a competitive dialogue or a concession procedure spends with the candidates on a scope
 * of `families` project families (procedure.ts `dialogueMonths`): each family's specifications go
 * through the R rounds of internal agreement of the city's veto players (R = 1 +
 * round(vetoPlayers × (1 − alignment)), negotiation.ts `roundsNeeded`), `dialogueMonthsPerRound`
 * months each.
 */
export function dialogueMonthsOf(scenario: Scenario, alignment: number, families: number): number {
  const perRound = scenario.procurement.dialogueMonthsPerRound ?? DIALOGUE_MONTHS_PER_ROUND;
  return Math.round(families * vetoRounds(scenario, alignment) * perRound);
}

/** Rounds of internal agreement the city side needs before it can sign (C4 veto players; negotiation.ts `roundsNeeded`). */
export function vetoRounds(scenario: Scenario, alignment: number): number {
  return 1 + Math.round(scenario.coordination.vetoPlayers * (1 - alignment));
}

/**
 * The longest a procedure may take from its notice to signature, by the procedure rules: the
 * longest fixed phases of any kind (`procedureMonths`), a competitive dialogue over `families`
 * families (`dialogueMonthsOf`), every round of offers a negotiation may have before it fails
 * (`negotiation.maxRoundsPerYear`, one a month, negotiation.ts) and the ratification's extra
 * months (one per veto round left after the first, negotiation.ts `acceptOffer`).
 */
export function longestProcedureMonths(scenario: Scenario, alignment: number, families: number): number {
  let fixed = 0;
  for (const kind of PROCEDURE_KINDS) fixed = Math.max(fixed, procedureMonths(scenario, kind));
  return fixed + dialogueMonthsOf(scenario, alignment, families) + scenario.negotiation.maxRoundsPerYear + vetoRounds(scenario, alignment) - 1;
}

const PROCEDURE_KINDS: readonly ProcedureKind[] = ['adapted', 'open', 'dialogue', 'concession'];
