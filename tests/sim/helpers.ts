/**
 * Helpers of the simulation tests: the reference scenario, small states built from it, variants
 * through `applySet`, and the invariants that every state must satisfy (DESIGN §8).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { applySet, parseScenario, type Scenario } from '../../src/sim';
import { createInitialState } from '../../src/sim/init';
import { newScratch, type TickScratch } from '../../src/sim/money';
import { stepInPlace, type Policies } from '../../src/sim/step';
import { signContract } from '../../src/sim/rules/contracts';
import { deploymentBenefits, projectType } from '../../src/sim/rules/catalogue';
import { ACCOUNTS, type Contract, type ContractTerms, type SimState } from '../../src/sim/types';

const SCENARIO_PATH = resolve(__dirname, '../../scenarios/dijon-like.json');

let cached: Scenario | null = null;

/** The Dijon-like reference scenario, parsed and validated (a fresh copy each call is not needed: it is never mutated). */
export function dijon(): Scenario {
  if (cached) return cached;
  const parsed = parseScenario(JSON.parse(readFileSync(SCENARIO_PATH, 'utf8')), 'dijon-like.json');
  if (!parsed.ok) throw new Error(parsed.error);
  cached = parsed.value;
  return cached;
}

/** The scenario with some numeric fields replaced (validated again by `applySet`). */
export function variant(sets: Record<string, number>, base: Scenario = dijon()): Scenario {
  let sc = base;
  for (const [path, value] of Object.entries(sets)) {
    const r = applySet(sc, path, value);
    if (!r.ok) throw new Error(r.error);
    sc = r.value;
  }
  return sc;
}

/** Dijon-like with street lighting at DESIGN §4's worked example, €1,200 a point and 1 % upkeep (the
 *  scenario's figures before issue 9 calibrated LED on its payback, €600): for the unit tests of
 *  rules whose worked figures (€6.24 M a district, €40.8 M in all) were written at that price. */
export function dijonLed1200(): Scenario {
  return variant({ 'projects.catalogue.streetLighting.capexPerUnitEur': 1200, 'projects.catalogue.streetLighting.opexShare': 0.01 });
}

/** A small initial state (few agents: the rules do not depend on their number). */
export function freshState(sc: Scenario = dijon(), seed = 1, agents = 300): SimState {
  return createInitialState(sc, seed, agents);
}

export function scratch(state: SimState): TickScratch {
  return newScratch(state);
}

export const NO_POLICIES: Policies = { city: null, partner: null };

/** Advances a state in place by `months` with no outside action and no computer player. */
export function advance(state: SimState, sc: Scenario, months: number, policies: Policies = NO_POLICIES): void {
  for (let i = 0; i < months; i++) stepInPlace(state, sc, [], policies);
}

/** Lawful terms of a small global performance contract (overridable field by field). */
export function terms(overrides: Partial<ContractTerms> = {}): ContractTerms {
  return {
    form: 'performance',
    projects: ['streetLighting'],
    districts: [0],
    pilot: false,
    durationYears: 12,
    cityCapitalShare: 1,
    annualPaymentEur: 500_000,
    guaranteedSavingShare: 0,
    penaltyRate: 0,
    terminationCompensation: 0,
    dataOwnership: 'city',
    savingsShareToPartner: 0,
    grantCalls: [],
    ...overrides,
  };
}

/** A partner contract signed with `t` whose works are done: it runs from this month, for `months` months (its deployments operating). */
export function runningPartnerContract(state: SimState, sc: Scenario, t: ContractTerms, months: number): Contract {
  const c = signContract(state, sc, t, 'partner');
  for (const uid of c.deployments) {
    const d = state.deployments[uid - 1]!;
    d.stage = 'operating';
    d.buildMonthsLeft = 0;
  }
  c.status = 'running';
  c.operationStartTick = state.tick;
  c.endTick = state.tick + months;
  return c;
}

/** Cents moved so far for one `from>to:reason` key of the ledger. */
export function movedCents(state: SimState, key: string): number {
  return state.ledger.totalsCents[key] ?? 0;
}

/** Sum of all ledger balances, in cents (exactly 0 when money is conserved). */
export function ledgerSum(state: SimState): number {
  let s = 0;
  for (const a of ACCOUNTS) s += state.ledger.balancesCents[a];
  return s;
}

/** Paths of every number in the state that is NaN or ±Infinity (typed arrays included). */
function nonFinitePaths(root: unknown): string[] {
  const bad: string[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) bad.push(`${path} = ${v}`);
      return;
    }
    if (v === null || typeof v !== 'object' || seen.has(v)) return;
    seen.add(v);
    if (ArrayBuffer.isView(v)) {
      const arr = v as unknown as ArrayLike<number>;
      for (let i = 0; i < arr.length; i++) if (!Number.isFinite(arr[i]!)) bad.push(`${path}[${i}] = ${arr[i]}`);
      return;
    }
    if (v instanceof Map) {
      for (const [k, x] of v) walk(x, `${path}.get(${String(k)})`);
      return;
    }
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) walk(x, `${path}.${k}`);
  };
  walk(root, 'state');
  return bad;
}

const in01 = (x: number) => x >= 0 && x <= 1;

/** Every invariant of DESIGN §8 that a state must satisfy; returns the violations (empty: fine). */
export function invariantViolations(state: SimState): string[] {
  const out: string[] = [];
  const sum = ledgerSum(state);
  if (sum !== 0) out.push(`ledger does not balance: sum of balances ${sum} cents`);
  for (const a of ACCOUNTS) if (!Number.isSafeInteger(state.ledger.balancesCents[a])) out.push(`ledger.${a} is not a whole number of cents: ${state.ledger.balancesCents[a]}`);
  out.push(...nonFinitePaths(state).slice(0, 10));
  // The partner's flows booked contract by contract are its whole cash with the city (each transfer rounds to a cent).
  const partnerFlows = state.contracts.reduce((a, c) => a + c.partnerFlowsEur.reduce((x, f) => x + f, 0), 0);
  if (Math.abs(partnerFlows - state.ledger.balancesCents.partner / 100) > 0.005 * state.ledger.flows + 1e-6) out.push(`partner flows by contract ${partnerFlows} differ from its ledger balance ${state.ledger.balancesCents.partner / 100}`);

  if (!in01(state.alignment)) out.push(`alignment ${state.alignment}`);
  if (!in01(state.satisfactionMean)) out.push(`satisfactionMean ${state.satisfactionMean}`);
  const sat = state.citizens.satisfaction;
  for (let i = 0; i < sat.length; i++) {
    if (!in01(sat[i]!)) {
      out.push(`citizen ${i} satisfaction ${sat[i]}`);
      break;
    }
  }
  state.districts.forEach((d, i) => {
    if (!in01(d.satisfaction)) out.push(`district ${i} satisfaction ${d.satisfaction}`);
    if (!in01(d.voteIntention)) out.push(`district ${i} voteIntention ${d.voteIntention}`);
    if (!in01(d.nuisance)) out.push(`district ${i} nuisance ${d.nuisance}`);
    if (!in01(d.environment)) out.push(`district ${i} environment ${d.environment}`);
    if (!in01(d.heatProtection)) out.push(`district ${i} heatProtection ${d.heatProtection}`);
    for (const [k, q] of Object.entries(d.services)) if (!in01(q)) out.push(`district ${i} service ${k} ${q}`);
  });
  if (!(state.city.taxLevel > 0)) out.push(`taxLevel ${state.city.taxLevel}`);
  if (!(state.city.debtCapacityYears >= 0 && state.city.debtCapacityYears <= 99)) out.push(`debtCapacityYears ${state.city.debtCapacityYears}`);
  if (!(state.city.debtEur >= 0)) out.push(`debtEur ${state.city.debtEur}`);
  if (!in01(state.city.concertation)) out.push(`concertation ${state.city.concertation}`);
  if (!in01(state.lastVoteShare)) out.push(`lastVoteShare ${state.lastVoteShare}`);
  for (const [k, v] of Object.entries(state.city.governance)) if (typeof v !== 'boolean') out.push(`governance.${k} is ${JSON.stringify(v)}, not a boolean`);

  // Contracts: honoured (building or running within their dates) or explicitly ended.
  state.contracts.forEach((c, i) => {
    if (c.id !== i + 1) out.push(`contract at index ${i} has id ${c.id}`);
    if (c.signedTick > state.tick) out.push(`contract ${c.id} signed in the future (${c.signedTick})`);
    switch (c.status) {
      case 'building':
        if (c.operationStartTick !== -1) out.push(`contract ${c.id} building but started operating at ${c.operationStartTick}`);
        break;
      case 'running':
        if (!(c.operationStartTick >= c.signedTick && c.operationStartTick < state.tick)) out.push(`contract ${c.id} running but started at ${c.operationStartTick}`);
        if (!(c.endTick >= state.tick)) out.push(`contract ${c.id} running past its end (${c.endTick} < ${state.tick})`);
        break;
      case 'completed':
      case 'cancelled':
      case 'failed':
        if (!(c.endTick >= c.signedTick)) out.push(`contract ${c.id} ${c.status} without an end tick (${c.endTick})`);
        break;
      default:
        out.push(`contract ${c.id} has an unknown status ${String(c.status)}`);
    }
    for (const uid of c.deployments) {
      const d = state.deployments[uid - 1];
      if (!d || d.contractId !== c.id) out.push(`contract ${c.id} lists deployment ${uid} that is not its own`);
    }
    if (c.status === 'cancelled' || c.status === 'failed') {
      for (const uid of c.deployments) if (state.deployments[uid - 1]?.stage === 'building') out.push(`contract ${c.id} is ${c.status} but deployment ${uid} is still being built`);
    }
  });
  state.deployments.forEach((d, i) => {
    if (d.uid !== i + 1) out.push(`deployment at index ${i} has uid ${d.uid}`);
    if (d.contractId !== null) {
      const c = state.contracts[d.contractId - 1];
      if (!c || c.id !== d.contractId) out.push(`deployment ${d.uid} points to missing contract ${d.contractId}`);
      else if (!c.deployments.includes(d.uid)) out.push(`deployment ${d.uid} is not listed by its contract ${c.id}`);
    }
    if (!in01(d.scale)) out.push(`deployment ${d.uid} scale ${d.scale}`);
    if (!(d.realisation >= 0 && d.realisation <= 2)) out.push(`deployment ${d.uid} realisation ${d.realisation}`);
  });
  const n = state.negotiation;
  if (n && !(n.round >= 1 && n.ratificationMonthsLeft >= 0)) out.push(`negotiation round ${n.round}, ratification ${n.ratificationMonthsLeft}`);
  return out;
}

/** A scenario whose award procedures have no fixed months and one bidder: the alternating offers
 *  alone (procedure.test.ts tests the procedure itself). */
export function bareProcedure(base: Scenario = dijon(), sets: Record<string, number> = {}): Scenario {
  const bare: Record<string, number> = { 'procurement.bidders': 1, 'procurement.dialogueMonthsPerRound': 0 };
  for (const kind of ['adapted', 'open', 'dialogue', 'concession']) for (const ph of ['publication', 'bids', 'award', 'standstill']) bare[`procurement.months.${kind}.${ph}`] = 0;
  return variant({ ...bare, ...sets }, base);
}

/** The partner's present value of a contract paid `annual` for `months` months, computed here, month by month, from what still operates (what `partnerContractPv` must match). */
export function partnerPv(s: SimState, sc: Scenario, c: Contract, annual: number, months: number): number {
  const price = sc.energy.priceEurPerMWh * s.energyPriceFactor;
  const v = 1 / (1 + sc.partner.discountRate) ** (1 / 12);
  let pv = 0;
  for (let t = 1; t <= months; t++) {
    let net = annual / 12;
    for (const uid of c.deployments) {
      const d = s.deployments[uid - 1]!;
      if (t > d.lifetimeMonths - d.ageMonths) continue;
      const type = projectType(sc, d.type)!;
      net += (c.terms.savingsShareToPartner * deploymentBenefits(type, sc, d.district, d.scale).energyMWh * price) / 12 - (type.opexShare * d.trueCostEur) / 12;
    }
    pv += v ** t * net;
  }
  return pv;
}
