/**
 * The simulation state and the actions that change it.
 *
 * The state is plain data: numbers, strings, booleans, arrays and objects, with one documented
 * exception for speed: the citizen agents live in typed arrays (`CitizenArrays`), which
 * `serialize.ts` turns into plain arrays and back. Nothing here holds a function or a class.
 */
import type { ContractForm, Domain, MayorProfile, ProjectFamily, Scenario } from './scenario-schema';
import type { Refusal } from './refusal';

/** The state of one seeded random stream (seedrandom's alea generator). */
export interface RngState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

/**
 * Streams are split by subsystem so that a change in one does not shift the others. `events` draws
 * only whether each of the scenario's events happens, one draw per event a month whatever the
 * state, so that two runs of one seed meet the same shocks (common random numbers: a paired
 * comparison of two settings sees the same world); what an event does (which works overrun, by how
 * much; which equipment breaks down) depends on the state and is drawn from `eventDetails`. Likewise
 * `politics` draws the same at every election (the swing; the citizens cast their probabilities, no draw), and what a
 * defeat brings (the new mayor, the measures that survive) comes from `politicsDetails`.
 */
export const STREAMS = ['events', 'eventDetails', 'citizens', 'projects', 'politics', 'politicsDetails', 'funding', 'city', 'partner', 'procurement'] as const;
export type StreamName = (typeof STREAMS)[number];

/** Accounts of the ledger: every euro paid leaves one and enters another. */
export const ACCOUNTS = ['city', 'partner', 'state', 'region', 'eu', 'lenders', 'citizens', 'suppliers', 'otherCities'] as const;
export type Account = (typeof ACCOUNTS)[number];

export interface Ledger {
  /** Balance of each account in cents; they add up to zero at all times. */
  balancesCents: Record<Account, number>;
  /** Cumulated cents by reason (`from>to:reason`), for reports and checks. */
  totalsCents: Record<string, number>;
  flows: number;
}

/** Citizen agents, one entry per agent; each agent stands for `weight` real inhabitants. */
export interface CitizenArrays {
  district: Uint8Array;
  income: Uint8Array;
  prefServices: Float32Array;
  prefTaxes: Float32Array;
  prefEnvironment: Float32Array;
  prefPrivacy: Float32Array;
  satisfaction: Float64Array;
}

export interface DistrictState {
  id: string;
  /** Service quality by domain, 0–1, recomputed each month from the running deployments. */
  services: Record<Domain, number>;
  /** Works nuisance felt this month, 0–1. */
  nuisance: number;
  /** Environmental quality, 0–1. */
  environment: number;
  /** Mean satisfaction of the district's citizens, 0–1. */
  satisfaction: number;
  /** Share of the district's citizens who would vote for the incumbent now. */
  voteIntention: number;
  /** Visible new services delivered in the district this term (they sway the vote). */
  visibleThisTerm: number;
  /** Protection against heatwaves, 0–1. */
  heatProtection: number;
  /** Mean satisfaction when the current term began (voting is retrospective). */
  satisfactionAtTermStart: number;
  /** The service level the district's citizens have come to expect, 0–1. */
  serviceExpectation: number;
  /** The mean satisfaction the district's citizens would have with the tax rates left at their start and the debt no higher (the same dynamics without the fiscal term, citizens.ts): what the scores read, since a tax is a transfer (scores.ts). */
  satisfactionTaxFree: number;
  /** Share of each of the territory's legacy stocks (`territory.legacy`, in order) still in place here, 0–1 (rules/services.ts). */
  legacyLeft: number[];
  energyMWh: number;
}

export type DeploymentStage = 'building' | 'operating' | 'ended' | 'failed' | 'cancelled';

/** One project type deployed in one district, at scale or as a pilot. */
export interface Deployment {
  uid: number;
  type: string;
  family: ProjectFamily;
  district: number;
  pilot: boolean;
  /** Share of the district's units covered (1 at scale, the pilot scale for a pilot). */
  scale: number;
  stage: DeploymentStage;
  startTick: number;
  /** The month its works may start: after the award procedure of a purchase the city makes itself
   *  (rules/procedure.ts), and for a replacement not before the equipment it replaces is about to
   *  end (rules/services.ts `replacementOf`), and for the quicker pieces of a performance or
   *  partnership bundle, phased to open with its slowest (rules/contracts.ts `phaseWorks`); absent
   *  or ≤ the signature month otherwise. */
  worksStartTick?: number;
  /** The equipment it replaces (a deployment's uid, rules/services.ts): retired when this one opens. */
  replaces?: number;
  buildMonthsLeft: number;
  buildMonths: number;
  /** Price of the works (what the payer is billed), euros. */
  capexEur: number;
  /** What the works really cost the builder, euros (private to the partner when it builds). */
  trueCostEur: number;
  /** Realised share of the expected benefits, drawn when the deployment starts running. */
  realisation: number;
  ageMonths: number;
  lifetimeMonths: number;
  contractId: number | null;
  /** Months it stays broken after a technical failure. */
  downMonths: number;
  /** Duplicated by a commune acting alone (low alignment): never scales. */
  duplicate: boolean;
  /** A pilot that has been scaled (the scaled deployments carry on from it). */
  scaled: boolean;
}

/** The terms that the two sides negotiate (DESIGN §3, Contracts and funding). */
export interface ContractTerms {
  form: ContractForm;
  /** Project types in the scope (catalogue ids). */
  projects: string[];
  /** District indices covered. */
  districts: number[];
  pilot: boolean;
  durationYears: number;
  /** Share of the capital the city pays during the works; the partner finances the rest. */
  cityCapitalShare: number;
  /** Annual payment from the city to the partner during the contract, euros. */
  annualPaymentEur: number;
  /** Share of the expected energy savings the partner guarantees. */
  guaranteedSavingShare: number;
  /** Euros of penalty per euro of savings shortfall. */
  penaltyRate: number;
  /** Clause on lost profit (manque à gagner): the share of its lost profit the partner is owed if the
   *  city ends the contract early in the public interest (1: the law's default, full). Its
   *  unamortised investment is owed whatever the clause says (CE Ass. 21 Dec 2012, Commune de Douai). */
  terminationCompensation: number;
  dataOwnership: 'city' | 'partner' | 'shared';
  /** Share of realised savings paid to the partner. */
  savingsShareToPartner: number;
  /** Grant calls applied for with this contract. */
  grantCalls: string[];
}

export type ContractStatus = 'building' | 'running' | 'completed' | 'cancelled' | 'failed';

export interface Contract {
  id: number;
  /** Who builds and runs it: the partner, or local suppliers when the city acts alone. */
  builder: 'partner' | 'suppliers';
  terms: ContractTerms;
  status: ContractStatus;
  /** The month its award procedure opened: the negotiation's notice for a contract with the
   *  partner; the signature for a purchase the city makes itself (its tender follows it). */
  openedTick: number;
  signedTick: number;
  /** First month of operation (after the works). */
  operationStartTick: number;
  endTick: number;
  deployments: number[];
  /** Partner's capital still to recover, euros (for termination compensation). */
  partnerUnrecoveredEur: number;
  /** Expected energy savings per year at signature (for the guarantee), MWh. */
  expectedSavingsMWh: number;
  renegotiations: number;
  penaltiesPaidEur: number;
  grantsEur: number;
  /** Capital the partner finances in a partnership contract (marché de partenariat), euros: the
   *  capital part of the rent repays it, and what is left counts as city debt. 0 for other forms. */
  financedCapitalEur: number;
  /** What is left of it to repay, euros. */
  capitalOutstandingEur: number;
  /** An amendment (avenant) the city proposed and the partner has not answered yet, or null. */
  amendment: Amendment | null;
  /** The partner's net cash flow on this contract by month since signature (index 0: the month it
   *  was signed), euros: what the city pays it, less what it pays its suppliers and its penalties.
   *  Empty for a purchase the city makes itself. Its realised rate of return reads it (irr.ts). */
  partnerFlowsEur: number[];
  /** The initial value of the contract (R2194-8): the works the city pays plus the payments over
   *  its initial duration, euros excl. VAT; absent in saves of v1 (then read from its terms). */
  initialValueEur?: number;
  /** What the amendments signed so far added to it (R2194-8 counts them together), euros. */
  amendedValueEur?: number;
  /** The price of the works the city pays, as a share of catalogue prices: the awarded global
   *  price under competition (valuation.ts `awardedWorksFactor`); absent (1) with a single bidder. */
  worksPriceFactor?: number;
  /** The yearly maintenance of the existing networks in its scope it took over (catalogue.ts
   *  `networkUpkeepEur`), euros: paid by the city while it runs, in place of its own running costs;
   *  absent (0) in saves before issue 9's third round. */
  networkUpkeepEur?: number;
}

/** An amendment the city proposes: a lower payment, a longer contract, the financial balance kept (CCP L6). */
export interface Amendment {
  proposedTick: number;
  paymentCut: number;
  /** Annual payment and end after the amendment (endTick: −1 while the contract is under works). */
  annualPaymentEur: number;
  durationYears: number;
  endTick: number;
}

/** A prior evaluation and budget-sustainability study for a partnership contract (CCP L2212-1, L2212-2). */
export interface PartnershipStudy {
  projects: string[];
  districts: number[];
  startTick: number;
  /** Month from which a partnership on this scope may be offered. */
  readyTick: number;
}

/** A purchase alone the council refused (rules/negotiation.ts `purchaseBarred`): its scope, its funding, its mandate. */
interface VetoedPurchase {
  tick: number;
  project: string;
  districts: number[];
  /** The grant calls the purchase named. */
  grantCalls: string[];
  /** `nextElectionTick` when it was refused: the mandate it was refused in. */
  electionTick: number;
}

/**
 * A partner procedure whose negotiation ended without a contract (a side walked away, or the rounds
 * ran out), as its notice described it: the buyer's record of a failed consultation, which the
 * computer city reads before it opens the same one again (rules/relaunch.ts).
 */
export interface FailedNotice {
  tick: number;
  /** The side that walked away (or that had to answer when the rounds ran out). */
  by: Actor;
  projects: string[];
  districts: number[];
  form: ContractForm;
  cityCapitalShare: number;
  /** The grant calls the notice applied to. */
  grantCalls: string[];
  /** `nextElectionTick` when it failed: the mandate it failed in. */
  electionTick: number;
}

export interface GrantCallState {
  id: string;
  funder: 'state' | 'region' | 'eu';
  openTick: number;
  deadlineTick: number;
  budgetLeftEur: number;
  rate: number;
  pilotOnly: boolean;
  minCommunes: number;
  sustainabilityOnly: boolean;
}

export interface GrantAward {
  callId: string;
  funder: 'state' | 'region' | 'eu';
  contractId: number;
  amountEur: number;
  paidEur: number;
  /** What the city repaid of it after giving up the services it paid for, euros (rules/contracts.ts); absent (0) in older saves. */
  repaidEur?: number;
}

export interface Mayor {
  profile: MayorProfile;
  sinceTick: number;
  terms: number;
}

export interface CityState {
  mayor: Mayor;
  taxLevel: number;
  /**
   * The voted-rate level citizens have come to take as normal (rules/citizens.ts): a rise is news
   * while the rate stands above it. Starts at the start's level and closes 1 ÷ `taxNewsMonths` of
   * its gap to `taxLevel` each month, after the citizens phase read it.
   */
  taxReference: number;
  concertation: number;
  governance: { smartCityOffice: boolean; interCommunalAgreement: boolean; sharedDataPlatform: boolean };
  debtEur: number;
  /** Average interest rate of the debt. */
  debtRate: number;
  stateGrantEur: number;
  /** Operating revenue and spending of the last 12 months (a ring indexed by tick mod 12), euros. */
  revenueMonths: number[];
  spendingMonths: number[];
  /** Gross savings (épargne brute) of the last 12 months: revenue − spending, euros. */
  grossSavingsEur: number;
  /** Capacité de désendettement: debt ÷ gross savings, years (capped at 99 when savings ≤ 0). */
  debtCapacityYears: number;
  /** City money spent on smart-city projects since the start, net of grants and penalties, euros (money.ts). */
  smartCitySpentEur: number;
  envelopeLeftEur: number;
  /** Privacy backlash from a data incident, decays over months, 0–1. */
  privacyShock: number;
  /** Heatwave stress this month, 0–1. */
  heatStress: number;
  protest: number;
  /** Tick at which a new mayor took office after a defeat (−1: none yet). */
  newMayorTick: number;
  // --- the budget (rules/budget.ts, rules/legality.ts) ---
  /** Money owed to the city and not yet paid (FCTVA, EU grants on justified spending), by due month. */
  receivables: Receivable[];
  /** Operating commitments taken in the last 12 months (governance upkeep; concertation above the usual effort, a fall as a negative entry), not yet fully in gross savings. */
  newUpkeep: { tick: number; annualEur: number }[];
  /** Share of the baseline capital programme cut by the prefect's settlement, 0–1. */
  baselineCut: number;
  /** Until this tick the budget is settled by the prefect: no new commitment (−1: never settled). */
  settledUntilTick: number;
  /** State advance that covered a settled deficit, still to repay, euros. */
  advanceEur: number;
  /** This budget year so far: investment net of grants, loans, operating surplus after principal, euros. */
  yearNetInvestmentEur: number;
  yearBorrowedEur: number;
  yearNetSavingsEur: number;
  /** Tax-rate changes voted in the last 12 months (their effect not yet fully in gross savings), and the last one's tick. */
  taxVotes: { tick: number; change: number }[];
  /** City capital (net of grants) committed to works signed this budget year, euros (the year's AP/CP bound). */
  yearCommittedEur: number;
  /** Budget years in a row that ended out of balance under the audit chamber's procedure (0: balanced). */
  deficitYears: number;
}

/** A sum owed to the city, paid in a later month (investment revenue). */
export interface Receivable {
  dueTick: number;
  eur: number;
  from: 'state' | 'eu';
  reason: string;
  /** Counts against the city's smart-city spending when received. */
  smart: boolean;
}

export interface PartnerState {
  /** Experience carried over from elsewhere and gained here, in deployments weighted by similarity. */
  transferableExperience: number;
  reputation: number;
  /** True cost factor (private). */
  trueCostFactor: number;
  /** NPV of its flows with this city, at its own rate, discounted to the start, euros. */
  npvEur: number;
  /** The partner can sign again from this tick (after a failure, a new one arrives). */
  activeFromTick: number;
}

/**
 * Why a side did what it did, as data: a message key (its text lives in src/i18n) and the numbers
 * it quotes, so the game can show it in French or English.
 */
export interface Explanation {
  key: string;
  params: Record<string, string | number>;
}

export interface NegotiationMove {
  tick: number;
  by: Actor;
  kind: 'offer' | 'accept' | 'walkAway';
  terms?: ContractTerms;
  reason: string;
  explanation?: Explanation;
}

/** The phases of an award procedure, in order (rules/procedure.ts); signature ends it. */
export const PROCEDURE_PHASES = ['publication', 'bids', 'negotiation', 'award', 'standstill'] as const;
export type ProcedurePhase = (typeof PROCEDURE_PHASES)[number];

/** The procedure a contract form is awarded by (rules/procedure.ts). */
export type ProcedureKind = 'adapted' | 'open' | 'dialogue' | 'concession';

/** The award procedure a negotiation runs inside (rules/procedure.ts). */
export interface Procedure {
  kind: ProcedureKind;
  phase: ProcedurePhase;
  /** Months left in the current phase (publication, bids, award, standstill); 0 in negotiation. */
  monthsLeft: number;
  /** Firms that bid (the partner among them when at least one does). */
  bidders: number;
  /** The next-cheapest bidder's expected cost (its expected overruns included), as a share of
   *  catalogue prices: the award's price of the works and the bound on the payment (null until the
   *  bids are in, or with one bidder). */
  rivalCostFactor: number | null;
  /** Months of dialogue with the candidates added to the bids phase (procedure.ts `dialogueMonths`), fixed at the notice; absent in older saves (0). */
  dialogueMonths?: number;
}

/** An open negotiation: alternating offers, one round a month, inside an award procedure. */
export interface Negotiation {
  id: number;
  /** The month the procedure opened (the notice published); signature or failure closes it. */
  openedTick: number;
  procedure: Procedure;
  turn: 'city' | 'partner';
  offer: ContractTerms;
  offeredBy: 'city' | 'partner';
  round: number;
  /** Rounds needed before the city side can sign (veto players when alignment is low). */
  roundsNeeded: number;
  maxRounds: number;
  /** The month of the last move; while the bids are prepared, the month the bids phase ends (no move before). */
  lastMoveTick: number;
  /** After an acceptance, months left before signature: the award (with the veto players'
   *  ratification) then the standstill (0: none, or not accepted yet). */
  ratificationMonthsLeft: number;
  history: NegotiationMove[];
}

export interface Counters {
  pilotsStarted: number;
  pilotsScaled: number;
  contractsSigned: number;
  contractsRenegotiated: number;
  contractsCancelled: number;
  elections: number;
  incumbentReelections: number;
  grantsWonEur: number;
  energySavedMWh: number;
  co2AvoidedT: number;
  negotiationsOpened: number;
  negotiationsFailed: number;
  duplicatePilots: number;
}

/**
 * The sums the scores read (scores.ts), added up each month in the metrics phase. `…PvEur` and
 * `satisfactionGainPv` are present values at the public rate (`city.discountRate`) to the start.
 */
export interface ScoreAccumulators {
  /** Σ over months of the services running at scale ÷ 12 (one service running a year = 1). */
  serviceYears: number;
  /** Value to the residents of the services they had: Σ serviceValueEurPerResident × population × min(3, Σ domains) ÷ 12. */
  serviceValuePvEur: number;
  /** CO₂ avoided × carbonValueEurPerT. */
  carbonValuePvEur: number;
  /** Energy saved at the month's price, plus the other savings of the running projects. */
  savingsValuePvEur: number;
  /** City money on smart-city projects (the change of `city.smartCitySpentEur`). */
  cityMoneyPvEur: number;
  /** Public money of others received for smart-city projects (grants, FCTVA), undiscounted and discounted. */
  publicFundsEur: number;
  publicFundsPvEur: number;
  /** The partner's net outlay (what it paid less what it received). */
  partnerMoneyPvEur: number;
  /** Σ (mean tax-free satisfaction − the scenario's initial satisfaction) ÷ 12 (citizens.ts, districts' `satisfactionTaxFree`). */
  satisfactionGainPv: number;
  /** Months with the debt-capacity ratio above the reference ceiling or the budget settled by the prefect. */
  budgetStrainMonths: number;
}

/** One thing the model logged, typed by its kind (src/sim/log.ts). */
import type { LogEntry } from './log';
export type { LogEntry,    } from './log';

export interface SimState {
  schemaVersion: 1;
  scenarioId: string;
  seed: number;
  /** Months since the start; tick 0 is the scenario's start month. */
  tick: number;
  rng: Record<StreamName, RngState>;
  districts: DistrictState[];
  citizens: CitizenArrays;
  /** Real inhabitants represented by each citizen agent. */
  citizenWeight: number;
  /** Index of the first agent of each district (agents are stored district by district), and n. */
  citizenDistrictStart: number[];
  /** Mean satisfaction of the citizen agents, as of the last month. */
  satisfactionMean: number;
  /** Mean over all agents of the districts' `satisfactionTaxFree`, as of the last month (the scores read it). */
  satisfactionTaxFreeMean: number;
  city: CityState;
  partner: PartnerState;
  deployments: Deployment[];
  contracts: Contract[];
  /** Prior evaluations of partnership contracts, done or under way. */
  partnershipStudies: PartnershipStudy[];
  negotiation: Negotiation | null;
  /** Partner procedures failed in their negotiation during the current mandate (absent before the first; rules/relaunch.ts). */
  failedNotices?: FailedNotice[];
  /** Purchases alone the council refused during the current mandate (negotiation.ts
   *  `councilOnPurchase`, `purchaseBarred`; absent before the first). */
  vetoedPurchases?: VetoedPurchase[];
  grantCalls: GrantCallState[];
  grants: GrantAward[];
  alignment: number;
  energyPriceFactor: number;
  /** How each project type performs on this territory, as a gap to its builder's mean: hidden,
   *  drawn once at the start (projects.ts `territoryGaps`); the pilots measure it. */
  territoryGaps: Record<string, number>;
  /** The street lighting's energy of each of the last 12 months (a ring indexed by tick mod 12), MWh;
   *  the baseline consumption before the first months are run. */
  lightingMWhMonths: number[];
  nextElectionTick: number;
  /** The incumbent's vote share at the last election (0 before the first). */
  lastVoteShare: number;
  ledger: Ledger;
  counters: Counters;
  /** What the three scores are computed from, accumulated each month (scores.ts). */
  scores: ScoreAccumulators;
  nextUid: number;
  log: LogEntry[];
  /** Metrics of each month of the current year, then one summary row per finished year. */
  monthly: MetricRow[];
  yearly: MetricRow[];
}

export type MetricRow = Record<string, number>;

export type Actor = 'city' | 'partner';

/**
 * An action no longer offered, still refused by name (`scalePilotByContract`) so that a save or a
 * caller holding one gets the reason: a pilot is scaled by contracting its project elsewhere.
 */
export type RetiredAction = { type: 'scalePilot'; deployment: number };
export const RETIRED_ACTIONS = ['scalePilot'] as const satisfies readonly RetiredAction['type'][];

/** Every live action type, in one list (the script API and the game's action lists read it). */
export const ACTION_TYPES = ['setBudget', 'setConcertation', 'governance', 'launchAlone', 'propose', 'accept', 'walkAway', 'cancelContract', 'renegotiateContract', 'studyPartnership', 'answerAmendment'] as const satisfies readonly Action['type'][];
// Every action type is listed (a type left out of the list fails to compile here).
const actionTypesListed: Exclude<Action['type'], (typeof ACTION_TYPES)[number]> extends never ? true : never = true;
void actionTypesListed;

/** A player's (or a policy's) action. Every action is a JSON object. */
export type Action =
  | { type: 'setBudget'; envelopeEur: number; taxChange: number; explanation?: Explanation }
  | { type: 'setConcertation'; level: number; explanation?: Explanation }
  | { type: 'governance'; measure: 'smartCityOffice' | 'interCommunalAgreement' | 'sharedDataPlatform'; on: boolean; explanation?: Explanation }
  | { type: 'launchAlone'; project: string; districts: number[]; pilot: boolean; grantCalls?: string[]; explanation?: Explanation }
  | { type: 'propose'; by: Actor; terms: ContractTerms; reason?: string; explanation?: Explanation }
  | { type: 'accept'; by: Actor; reason?: string; explanation?: Explanation }
  | { type: 'walkAway'; by: Actor; reason?: string; explanation?: Explanation }
  /** `abandon`: the city also gives up the contract's services that can be switched off (rules/contracts.ts `cancelContract`). */
  | { type: 'cancelContract'; contractId: number; abandon?: boolean; explanation?: Explanation }
  | { type: 'renegotiateContract'; contractId: number; paymentCut: number; explanation?: Explanation }
  | { type: 'answerAmendment'; by: 'partner'; contractId: number; accept: boolean; explanation?: Explanation }
  | { type: 'studyPartnership'; projects: string[]; districts: number[]; explanation?: Explanation };

/** An action taken at a given tick (the form in which saves record them). */
export interface TimedAction {
  tick: number;
  action: Action;
}

/** The answer to an action: done, or refused with a code, its figures and a sentence (refusal.ts). */
export type ActionResult = { ok: true } | Refusal;

/** What a policy sees: the state and the scenario, read-only. */
export interface Observation {
  state: Readonly<SimState>;
  scenario: Scenario;
  actor: Actor;
  /** Why the policy is asked now: the start of a year, grant calls that opened this month, or an
   *  offer to answer (several may hold at once). `answerNow`: the negotiation waits for this side's
   *  answer now, a person's offer of this very month included (queries.ts `answerDue`). */
  trigger: { yearStart: boolean; newGrantCalls: string[]; mustAnswer: boolean; answerNow?: boolean };
}

/** A decision policy: a pure function of an observation returning actions (rule-based or AI). */
export type Policy = (obs: Observation) => Action[];

export type { Scenario, ContractForm, Domain, MayorProfile, ProjectFamily };
