/**
 * The public API of the simulation: what the CLI, the tests, the store and the game call.
 * The headless runner (`runSimulation`) is the main entry point; the game is one client of it.
 */
export { scenarioSchema, PROJECT_FAMILIES, CONTRACT_FORMS, DOMAINS, type Scenario } from './scenario-schema';
export { parseScenario, applySet, numericPaths, describeValue, type Result } from './scenario';
export { runSimulation, createRun, actionsByTick, groupByTick, playThrough, type RunOptions, type RunResult, type Run } from './run';
export { SUMMARY_KEYS, REPORTERS, type Summary } from './metrics';
export { stateHash } from './hash';
export { tryAction, actorOf, inPlayableYears } from './actions';
export { GOVERNANCE_MEASURES, sideToAnswer, mustAnswerNow, openGrantCalls, contractAmendable, amendableContracts, pendingAmendments, amendmentAnswerDeadline, partnershipStudies, PROCEDURE_PHASES, competitiveCapEur, negotiable, type GovernanceMeasure } from './queries';
export { termsProblem } from './rules/terms';
export { REFUSAL_CODES, GAME_FLOW_REFUSALS, RETIRED_REFUSALS, found, type RefusalCode, type RefusalParams, type Refusal, type Problem } from './refusal';
export { publicPartnerFloor } from './agents/negotiator';
export { serializeState, deserializeState } from './serialize';
export { POLICY_NAMES, POLICY_NAMES_BY_SIDE, resolvePolicy } from './agents';
export { adviserName, defaultOffer, suggestedOffer } from './agents/adviser';
export { bargain, type BargainInput, type BargainResult } from './agents/bargain';
export { CITY_PERSONALITIES, PARTNER_PERSONALITIES, partnerPersonality } from './agents/personalities';
export { twoLenses, type TwoLenses } from './rules/lenses';
export { termBounds, NUMERIC_TERMS, type NumericTerm, type TermBound } from './rules/term-bounds';
export { SAVE_FORMAT, parseSave, replaySave, createSave, restoreRun, type SaveFile, type ReplayReport, type RestoredRun } from './save';
export { ACTION_TYPES, RETIRED_ACTIONS } from './types';
export type { SimState, Action, RetiredAction, Actor, TimedAction, ActionResult, Policy, Observation, ContractTerms, Explanation, NegotiationMove, Negotiation, Contract, Deployment, DistrictState, LogEntry } from './types';
export { MAX_SEED, isSeed } from './seed';
export { isLog, type LogKind, type LogEntryOf, type DecisionData } from './log';
