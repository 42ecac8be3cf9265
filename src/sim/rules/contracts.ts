/**
 * Contracts: signature, execution month by month, and their ends (completion, cancellation,
 * renegotiation).
 *
 * Four forms (DESIGN §3): procurement (*marché public*: the city pays the whole price during the
 * works, then runs the project itself); global performance contract (*marché global de
 * performance*: the partner designs, builds, runs and maintains for N years, the city pays its
 * capital share during the works and an annual payment during operation, the partner guarantees a
 * share of the expected energy savings and pays `penaltyRate` euros per euro of shortfall);
 * concession / partnership (the same with most or all capital from the partner, repaid by the
 * annual payments and its share of the savings); pilot (small scale in one district, short).
 * The partner's unrecovered investment grows at its cost of capital and falls with its net
 * receipts; if the city ends a contract early it pays `terminationCompensation` × that amount
 * (*indemnité de résiliation*), and the partner loses the rest. A renegotiation cuts the annual
 * payment and lengthens the contract in proportion. When a contract ends the city runs what it
 * built; a pilot's deployments stop.
 */
import { cityPays, cityReceives, type TickScratch } from '../money';
import { withStream } from '../rng';
import { storeAsFractions } from '../shape';
import { detPow } from '../det-math';
import type { Scenario } from '../scenario-schema';
import type { Contract, ContractTerms, SimState } from '../types';
import { deploymentBenefits, projectType } from './catalogue';
import { applyForGrants } from './funding';
import { addDeployment } from './projects';

/** A new contract under works, added to the state (its deployments come next). */
function newContract(state: SimState, terms: ContractTerms, builder: 'partner' | 'suppliers'): Contract {
  const contract: Contract = {
    id: state.contracts.length + 1,
    builder,
    terms: structuredClone(terms),
    status: 'building',
    signedTick: state.tick,
    operationStartTick: -1,
    endTick: -1,
    deployments: [],
    partnerUnrecoveredEur: 0,
    expectedSavingsMWh: 0,
    renegotiations: 0,
    penaltiesPaidEur: 0,
    grantsEur: 0,
  };
  storeAsFractions(contract, ['partnerUnrecoveredEur', 'expectedSavingsMWh', 'penaltiesPaidEur', 'grantsEur']);
  storeAsFractions(contract.terms, ['durationYears', 'cityCapitalShare', 'annualPaymentEur', 'guaranteedSavingShare', 'penaltyRate', 'terminationCompensation', 'savingsShareToPartner']);
  state.contracts.push(contract);
  return contract;
}

/** Signs a contract: creates its deployments and applies for its grants. */
export function signContract(state: SimState, scenario: Scenario, terms: ContractTerms, builder: 'partner' | 'suppliers'): Contract {
  const contract = newContract(state, terms, builder);
  for (const p of terms.projects) {
    const type = projectType(scenario, p)!;
    for (const district of terms.districts) {
      const d = addDeployment(state, scenario, p, district, terms.pilot, contract.id);
      contract.deployments.push(d.uid);
      contract.expectedSavingsMWh += deploymentBenefits(type, scenario, district, d.scale).energyMWh;
    }
    if (!terms.pilot) markPilotScaled(state, p);
  }
  if (builder === 'partner') state.counters.contractsSigned += 1;
  const grants = applyForGrants(state, scenario, contract);
  // The city's own capital this year comes out of its smart-city envelope.
  const share = builder === 'suppliers' || terms.form === 'procurement' ? 1 : terms.cityCapitalShare;
  let capex = 0;
  for (const uid of contract.deployments) capex += state.deployments[uid - 1]!.capexEur;
  state.city.envelopeLeftEur = Math.max(0, state.city.envelopeLeftEur - Math.max(0, capex * share - grants));
  if (terms.pilot) duplicatePilots(state, scenario, terms);
  state.log.push({ tick: state.tick, kind: 'contractSigned', data: { id: contract.id, form: terms.form, builder, projects: terms.projects.join('+'), years: terms.durationYears } });
  return contract;
}

/** Scaling a type whose pilot succeeded counts as a pilot scaled (passage à l'échelle). */
function markPilotScaled(state: SimState, typeId: string): void {
  for (const d of state.deployments) {
    if (d.pilot && !d.duplicate && !d.scaled && d.type === typeId && d.realisation > 0) {
      d.scaled = true;
      state.counters.pilotsScaled += 1;
      return;
    }
  }
}

/**
 * Low alignment disperses the effort (DESIGN C4): when a pilot starts, each other district's
 * commune launches its own copy with probability 0.3 × (1 − alignment), paid by the city side and
 * never scaled.
 */
function duplicatePilots(state: SimState, scenario: Scenario, terms: ContractTerms): void {
  const p = 0.3 * (1 - state.alignment);
  const copies: number[] = [];
  withStream(state, 'city', (rng) => {
    for (let i = 0; i < state.districts.length; i++) if (!terms.districts.includes(i) && rng.chance(p)) copies.push(i);
  });
  for (const district of copies) {
    const dupTerms: ContractTerms = { ...structuredClone(terms), form: 'procurement', districts: [district], grantCalls: [], cityCapitalShare: 1, annualPaymentEur: 0 };
    const c = newContract(state, dupTerms, 'suppliers');
    for (const proj of terms.projects) {
      const d = addDeployment(state, scenario, proj, district, true, c.id, true);
      c.deployments.push(d.uid);
    }
    state.counters.duplicatePilots += terms.projects.length;
    state.log.push({ tick: state.tick, kind: 'duplicatePilot', data: { district: state.districts[district]!.id, projects: terms.projects.join('+') } });
  }
}

/** Contracts phase: payments, guarantees and ends of every contract, this month. */
export function contractsPhase(state: SimState, scenario: Scenario, sc: TickScratch, savingsByContract: Map<number, number>): void {
  const price = scenario.energy.priceEurPerMWh * state.energyPriceFactor;
  const monthlyRate = detPow(1 + scenario.partner.discountRate, 1 / 12) - 1;
  for (const c of state.contracts) {
    if (c.status === 'building') {
      const deps = c.deployments.map((uid) => state.deployments[uid - 1]!);
      if (deps.every((d) => d.stage !== 'building')) {
        if (c.terms.form === 'procurement' || c.builder === 'suppliers') {
          c.status = 'completed';
          c.operationStartTick = state.tick;
          c.endTick = state.tick + (c.terms.pilot ? c.terms.durationYears * 12 : 0);
          if (c.builder === 'partner') state.partner.transferableExperience += 1;
        } else {
          c.status = 'running';
          c.operationStartTick = state.tick;
          c.endTick = state.tick + Math.round(c.terms.durationYears * 12);
        }
      }
      // A contract that starts running this month is paid for this month (N years: 12N payments).
      if (c.status !== 'running') continue;
    }
    if (c.terms.pilot && c.status === 'completed' && state.tick === c.endTick) endPilotDeployments(state, c);
    if (c.status !== 'running') continue;
    if (state.tick >= c.endTick) {
      c.status = 'completed';
      state.partner.transferableExperience += c.terms.pilot ? 0.3 : 1;
      if (c.terms.pilot) endPilotDeployments(state, c);
      state.log.push({ tick: state.tick, kind: 'contractCompleted', data: { id: c.id } });
      continue;
    }
    const payment = c.terms.annualPaymentEur / 12;
    cityPays(state, sc, 'partner', payment, 'annual payment', 'operating', true);
    const saved = savingsByContract.get(c.id) ?? 0;
    const share = saved * price * c.terms.savingsShareToPartner;
    cityPays(state, sc, 'partner', share, 'savings share', 'operating', true);
    let penalty = 0;
    if (c.terms.guaranteedSavingShare > 0 && c.terms.penaltyRate > 0) {
      const guaranteed = (c.terms.guaranteedSavingShare * c.expectedSavingsMWh) / 12;
      penalty = c.terms.penaltyRate * Math.max(0, guaranteed - saved) * price;
      if (penalty > 0) {
        cityReceives(state, sc, 'partner', penalty, 'performance penalty', 'operating', true);
        c.penaltiesPaidEur += penalty;
      }
    }
    c.partnerUnrecoveredEur = Math.max(0, c.partnerUnrecoveredEur * (1 + monthlyRate) - (payment + share - penalty));
  }
}

function endPilotDeployments(state: SimState, c: Contract): void {
  for (const uid of c.deployments) {
    const d = state.deployments[uid - 1]!;
    if (d.stage === 'operating') d.stage = 'ended';
  }
}

/** The city ends a contract early: it pays the termination compensation; the works stop. */
export function cancelContract(state: SimState, sc: TickScratch, c: Contract): number {
  const unrecovered = Math.max(0, c.partnerUnrecoveredEur);
  const compensation = c.terms.terminationCompensation * unrecovered;
  cityPays(state, sc, 'partner', compensation, 'termination compensation', 'operating', true);
  c.status = 'cancelled';
  c.endTick = state.tick;
  for (const uid of c.deployments) {
    const d = state.deployments[uid - 1]!;
    if (d.stage === 'building') d.stage = 'cancelled';
    if (d.pilot && d.stage === 'operating') d.stage = 'ended';
  }
  state.counters.contractsCancelled += 1;
  state.log.push({ tick: state.tick, kind: 'contractCancelled', data: { id: c.id, compensationEur: Math.round(compensation), partnerLossEur: Math.round(unrecovered - compensation) } });
  c.partnerUnrecoveredEur = 0;
  return compensation;
}

/** A renegotiation cuts the annual payment by `cut` and lengthens the contract in proportion. */
export function renegotiateContract(state: SimState, c: Contract, cut: number): void {
  c.terms.annualPaymentEur *= 1 - cut;
  if (c.status === 'running') c.endTick += Math.round(Math.max(0, c.endTick - state.tick) * cut);
  else c.terms.durationYears *= 1 + cut;
  c.renegotiations += 1;
  state.counters.contractsRenegotiated += 1;
  state.log.push({ tick: state.tick, kind: 'contractRenegotiated', data: { id: c.id, cut } });
}

/** The partner fails: its contracts end; what is built stays and the city runs it. */
export function partnerFails(state: SimState): void {
  for (const c of state.contracts) {
    if (c.builder !== 'partner' || (c.status !== 'building' && c.status !== 'running')) continue;
    c.status = 'failed';
    c.endTick = state.tick;
    for (const uid of c.deployments) {
      const d = state.deployments[uid - 1]!;
      if (d.stage === 'building') d.stage = 'cancelled';
    }
  }
}
