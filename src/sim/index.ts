/**
 * The public API of the simulation: what the CLI, the tests, the store and the game call.
 * The headless runner (`runSimulation`) is the main entry point; the game is one client of it.
 */
export {  PROJECT_FAMILIES, CONTRACT_FORMS,  type Scenario } from './scenario-schema';
export { parseScenario, applySet,   type Result } from './scenario';
export { runSimulation, createRun, actionsByTick, groupByTick,   type RunResult, type Run } from './run';
export { SUMMARY_KEYS, REPORTERS,  } from './metrics';
export { contractRecords, type ContractRecord } from './contract-records';
export { stateHash } from './hash';
export { isBudgetMonth } from './calendar';
export { tryAction, actorOf, inPlayableYears, concertationCostEur } from './actions';
export { GOVERNANCE_MEASURES, sideToAnswer, mustAnswerNow, openGrantCalls,  amendableContracts, servicesToGiveUp, grantRepaymentNowEur, pendingAmendments, amendmentAnswerDeadline, partnershipStudies, PROCEDURE_PHASES, competitiveCapEur, projectedDebtYears, answerDue } from './queries';
export { termsProblem } from './rules/terms';
export { openingTick } from './rules/projects';
export { OFFER_VALIDITY_MONTHS, answerDeadlineTick, offerAwaitsAnswer } from './rules/negotiation';
export { launchAlonePrice } from './rules/alone-price';
export { paymentsDueEur } from './rules/legality';
export { governanceEffect } from './rules/coordination';
export { REFUSAL_CODES, GAME_FLOW_REFUSALS, RETIRED_REFUSALS, found, type RefusalCode, type RefusalParams, type Refusal, type Problem } from './refusal';
;
export { serializeState, deserializeState } from './serialize';
export { computerPlayers, POLICY_NAMES_BY_SIDE, resolvePolicy } from './agents';
export { advice, suggestedOffer } from './agents/adviser';
export { bargain,   } from './agents/bargain';
export { twoLenses, type TwoLenses } from './rules/lenses';
export { termBounds, NUMERIC_TERMS, type NumericTerm, type TermBound } from './rules/term-bounds';
export {  parseSave, replaySave, createSave, restoreRun, type SaveFile,   } from './save';
export { ACTION_TYPES, RETIRED_ACTIONS } from './types';
export type { SimState, Action,  Actor, TimedAction, ActionResult, Policy,  ContractTerms,  NegotiationMove, Negotiation, Contract, Deployment, DistrictState, LogEntry } from './types';
export { MAX_SEED, isSeed, MIN_AGENTS, MAX_AGENTS, isAgentCount } from './seed';
export {   type LogEntryOf,  } from './log';
export { driverSnapshot, explainChange, type DriverSnapshot, type CauseId } from './causes';
