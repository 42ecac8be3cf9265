/**
 * The simulation's log: one entry per thing that happened, typed by its kind.
 *
 * `state.log` records, month by month, what the model did (events, elections, contracts,
 * deployments, grants, refused actions); the game tells each entry as a sentence in the player's
 * language (src/ui/words/log.ts) and the CLI prints them. An entry is `{ tick, kind, data }`,
 * and `LogEntry` is a union discriminated on `kind`: each kind has exactly the fields the rule that
 * pushes it writes, so a reader switching on `kind` gets them typed. The text lives in the i18n
 * files, never here. Data stays flat (strings, numbers, booleans): the state is plain JSON.
 */
import type { Actor } from './types';

/** A log entry of kind `K` with data `D`. */
interface Entry<K extends string, D> {
  tick: number;
  kind: K;
  data: D;
}

/** What the model can log, one shape per kind (fields as the rules write them). */
export type LogEntry =
  /** A random event happened (rules/events.ts): the scenario's event id and its kind. */
  | Entry<'event', { id: string; kind: string }>
  /** A municipal election (rules/politics.ts): the incumbent's share, whether re-elected, and who ran; each district's share of its citizens' votes (in the districts' order) and the day's swing on the log-odds, rounded to 0.001 (absent in saves before issue 11: the one list in a log entry). */
  | Entry<'election', { voteShare: number; reelected: boolean; mayor: string; districtShares?: number[]; swing?: number }>
  /** The winner after a defeat (rules/politics.ts). */
  | Entry<'newMayor', { mayor: string }>
  /** A contract signed (rules/contracts.ts): projects joined with "+", duration in years. */
  | Entry<'contractSigned', { id: number; form: string; builder: string; projects: string; years: number }>
  /** A purchase the city makes itself went to its award procedure (rules/contracts.ts): the procedure ('adapted' or 'open'), the object ('works' or 'suppliesServices'), the estimated value (euros excl. VAT) and the month its works may start. */
  | Entry<'purchaseTendered', { id: number; procedure: string; object: string; valueEur: number; worksStartTick: number }>
  /** A purchase alone above the EU threshold vetoed at the council (actions.ts, rules/negotiation.ts `ratifyPurchase`): its project, districts, the months its award would have taken. While the mandate lasts the same need is not put to the council again (`purchaseBarred`, from `SimState.vetoedPurchases`). */
  | Entry<'purchaseVetoed', { project: string; districts: number; months: number }>
  /** A pilot asked where the same project already runs (rules/contracts.ts). */
  | Entry<'duplicatePilot', { district: string; projects: string }>
  | Entry<'contractCompleted', { id: number }>
  /** A contract cancelled by the city: the compensation paid and the partner's unrecovered loss, euros; `abandoned`: the deployments it decommissioned with it (when it gave their services up). */
  | Entry<'contractCancelled', { id: number; compensationEur: number; unamortisedEur: number; lostProfitPaidEur: number; partnerLossEur: number; abandoned?: number }>
  /** The city proposed an amendment (avenant, rules/contracts.ts): the cut, and the payment and duration that keep the partner's balance. */
  | Entry<'amendmentProposed', { id: number; paymentCut: number; annualPaymentEur: number; durationYears: number }>
  /** The partner refused the amendment, or let it lapse: the contract runs on unchanged. */
  | Entry<'amendmentRefused', { id: number; cut: number }>
  | Entry<'amendmentLapsed', { id: number }>
  /** The city commissioned the prior evaluation of a partnership (actions.ts): scope, the month it is ready, its cost. */
  | Entry<'partnershipStudy', { projects: string; districts: number; readyTick: number; costEur: number }>
  /** A contract's payment cut by `cut` (a share). */
  | Entry<'contractRenegotiated', { id: number; cut: number }>
  /** A negotiation opened (rules/negotiation.ts). */
  | Entry<'negotiationOpened', { projects: string; form: string; years: number; procedure: string; bidders: number }>
  /** The bids are in (rules/negotiation.ts): how many firms bid, the competitive bound on the payment (−1: none) and whether it lowered the opening offer. */
  | Entry<'bidsOpened', { negotiation: number; bidders: number; capEur: number; undercut: boolean }>
  /** No firm bid: the procedure is unsuccessful (infructueux), no deal. */
  | Entry<'procedureUnsuccessful', { negotiation: number; form: string; procedure: string }>
  /** A procedure ended (signed, failed or unsuccessful), with the months from its notice and the works signed (−1 unless signed). */
  | Entry<
      'procedureClosed',
      { negotiation: number; outcome: 'signed' | 'failed' | 'unsuccessful'; phase: string; procedure: string; form: string; pilot: boolean; openedTick: number; months: number; worksEur: number; contract: number }
    >
  /** A side walked away after `rounds` rounds. */
  | Entry<'negotiationFailed', { by: Actor; rounds: number }>
  /** A project started or stopped serving a district (rules/projects.ts); `type` is the project type id. */
  | Entry<'deploymentOpened', { type: string; district: string; pilot: boolean }>
  | Entry<'deploymentEnded', { type: string; district: string; pilot: boolean; abandoned?: boolean }>
  | Entry<'failure', { type: string; district: string }>
  /** A grant call answered (rules/funding.ts). */
  | Entry<'grantWon', { call: string; eur: number }>
  | Entry<'grantLost', { call: string }>
  /** The city gave up a contract's services within the grants' durability period and repaid a grant's part (rules/contracts.ts `grantRepaymentIfAbandoned`). */
  | Entry<'grantRepaid', { id: number; call: string; funder: 'state' | 'region' | 'eu'; eur: number }>
  /** A computer player's decision outside a negotiation, with its explanation's key and figures (actions.ts). */
  | Entry<'decision', DecisionData>
  /** The year-end real balance failed (rules/budget.ts): the article of the procedure (CGCT L1612-14 for a deficit of at least the threshold, L1612-5 for net savings below zero), the deficit and its threshold, the net savings, the State advance, the prefect's tax rise and programme cut (percent), the CRC's days, the month new commitments resume, the years in deficit in a row. */
  | Entry<'budgetSettled', { article: 'L1612-14' | 'L1612-5'; deficitEur: number; thresholdEur: number; netSavingsEur: number; advanceEur: number; taxRisePct: number; baselineCutPct: number; crcDays: number; untilTick: number; yearsInDeficit: number }>
  /** A year-end deficit below the L1612-14 threshold, cleared by the State advance (a model device) and carried into the next budget (rules/budget.ts). */
  | Entry<'deficitCarried', { deficitEur: number; thresholdEur: number }>
  /** The debt-capacity ratio passed the 12-year reference (LPFP 2018–2022 art. 29): an alarm for lenders and the prefect, with the loan rate banks now ask. */
  | Entry<'debtAlarm', { ratioYears: number; referenceYears: number; refuseYears: number; loanRate: number }>
  /** A computer player's action the model refused (step.ts). */
  | Entry<'refused', { actor: Actor; action: string; reason: string }>;

/** A decision's data: the action type, the explanation key, and the explanation's figures beside them. */
export type DecisionData = { action: string; key: string } & Record<string, string | number>;

export type LogKind = LogEntry['kind'];

/** The entry of one kind, for readers that filter by kind. */
export type LogEntryOf<K extends LogKind> = Extract<LogEntry, { kind: K }>;
