/**
 * The initial state of a run: a scenario and a seed give one state, always the same.
 *
 * Citizen agents are allotted to districts in proportion to population (largest remainders, no
 * randomness), then each draws an income band and its preferences from the citizens stream.
 * Every agent stands for the same number of real inhabitants (population ÷ agents).
 */
import { createLedger } from './ledger';
import { storeAsFractions } from './shape';
import { seedStreams, withStream } from './rng';
import { governanceSimilarity } from './rules/catalogue';
import { serviceLevelAtStart } from './rules/services';
import { voteIntention } from './rules/citizens';
import { territoryGaps } from './rules/projects';
import { baselineOperatingMonth, debtCapacity } from './rules/budget';
import { DOMAINS, type Domain, type Scenario } from './scenario-schema';
import type { CitizenArrays, Counters, DistrictState, ScoreAccumulators, SimState } from './types';

function emptyServices(): Record<Domain, number> {
  const s = {} as Record<Domain, number>;
  for (const d of DOMAINS) s[d] = 0;
  return s;
}

/** Agents per district in proportion to population, by largest remainders. */
function allotAgents(populations: readonly number[], agents: number): number[] {
  const total = populations.reduce((a, b) => a + b, 0);
  const exact = populations.map((p) => (p / total) * agents);
  const counts = exact.map((x) => Math.floor(x));
  let left = agents - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) counts[order[k]!.i]! += 1;
  return counts;
}

/** Number fields of the state that will hold fractions are stored as such from the start (shape.ts). */
function fractionalFields(state: SimState): void {
  storeAsFractions(state, ['energyPriceFactor', 'lastVoteShare', 'satisfactionMean', 'satisfactionTaxFreeMean', 'alignment']);
  storeAsFractions(state.city, ['taxLevel', 'taxReference', 'debtEur', 'stateGrantEur', 'smartCitySpentEur', 'envelopeLeftEur', 'privacyShock', 'heatStress', 'protest', 'grossSavingsEur', 'debtCapacityYears', 'concertation', 'debtRate', 'baselineCut', 'advanceEur', 'yearNetInvestmentEur', 'yearBorrowedEur', 'yearNetSavingsEur', 'yearCommittedEur']);
  storeAsFractions(state.partner, ['npvEur', 'transferableExperience', 'reputation', 'trueCostFactor']);
  storeAsFractions(state.scores, ['serviceYears', 'serviceValuePvEur', 'carbonValuePvEur', 'savingsValuePvEur', 'cityMoneyPvEur', 'publicFundsEur', 'publicFundsPvEur', 'partnerMoneyPvEur', 'satisfactionGainPv']);
  for (const d of state.districts) {
    storeAsFractions(d, ['nuisance', 'environment', 'satisfaction', 'voteIntention', 'visibleThisTerm', 'heatProtection', 'serviceExpectation', 'satisfactionTaxFree', 'satisfactionAtTermStart', 'energyMWh']);
    storeAsFractions(d.services, Object.keys(d.services) as (keyof typeof d.services)[]);
  }
}

function monthsBetween(a: { year: number; month: number }, b: { year: number; month: number }): number {
  return b.year * 12 + (b.month - 1) - (a.year * 12 + (a.month - 1));
}

export function createInitialState(scenario: Scenario, seed: number, agentsOverride?: number): SimState {
  const agents = agentsOverride ?? scenario.citizens.agents;
  const districtsSpec = scenario.territory.districts;
  const counts = allotAgents(
    districtsSpec.map((d) => d.population),
    agents,
  );
  const citizens: CitizenArrays = {
    district: new Uint8Array(agents),
    income: new Uint8Array(agents),
    prefServices: new Float32Array(agents),
    prefTaxes: new Float32Array(agents),
    prefEnvironment: new Float32Array(agents),
    prefPrivacy: new Float32Array(agents),
    satisfaction: new Float64Array(agents),
  };
  const profile = scenario.politics.mayors.find((m) => m.id === scenario.city.mayor)!;
  const districts: DistrictState[] = districtsSpec.map((d) => ({
    id: d.id,
    services: emptyServices(),
    nuisance: 0,
    environment: d.greenSpaceShare * 0.5 + (1 - d.carShare) * 0.5,
    satisfaction: scenario.citizens.initialSatisfaction,
    voteIntention: 0.5,
    visibleThisTerm: 0,
    heatProtection: 0,
    serviceExpectation: serviceLevelAtStart(scenario),
    satisfactionTaxFree: scenario.citizens.initialSatisfaction,
    legacyLeft: scenario.territory.legacy.map(() => 1),
    satisfactionAtTermStart: scenario.citizens.initialSatisfaction,
    energyMWh: d.lightingPoints * scenario.energy.lightingMWhPerPoint + d.buildingsEnergyMWh,
  }));
  const counters: Counters = {
    pilotsStarted: 0,
    pilotsScaled: 0,
    contractsSigned: 0,
    contractsRenegotiated: 0,
    contractsCancelled: 0,
    elections: 0,
    incumbentReelections: 0,
    grantsWonEur: 0,
    energySavedMWh: 0,
    co2AvoidedT: 0,
    negotiationsOpened: 0,
    negotiationsFailed: 0,
    duplicatePilots: 0,
  };
  const scores: ScoreAccumulators = {
    serviceYears: 0,
    serviceValuePvEur: 0,
    carbonValuePvEur: 0,
    savingsValuePvEur: 0,
    cityMoneyPvEur: 0,
    publicFundsEur: 0,
    publicFundsPvEur: 0,
    partnerMoneyPvEur: 0,
    satisfactionGainPv: 0,
    budgetStrainMonths: 0,
  };
  const experience = scenario.partner.experience.reduce(
    (acc, e) => acc + e.deployments * governanceSimilarity(e.governance, scenario.territory.governance),
    0,
  );
  const base = baselineOperatingMonth(scenario);
  const state: SimState = {
    schemaVersion: 1,
    scenarioId: scenario.id,
    seed,
    tick: 0,
    rng: seedStreams(seed),
    districts,
    citizens,
    citizenDistrictStart: counts.reduce((acc, n) => [...acc, acc[acc.length - 1]! + n], [0]),
    satisfactionMean: scenario.citizens.initialSatisfaction,
    satisfactionTaxFreeMean: scenario.citizens.initialSatisfaction,
    citizenWeight: districtsSpec.reduce((a, d) => a + d.population, 0) / agents,
    city: {
      mayor: { profile: { ...profile, name: { ...profile.name } }, sinceTick: 0, terms: 1 },
      taxLevel: 1,
      taxReference: 1,
      concertation: scenario.city.concertation,
      governance: { smartCityOffice: false, interCommunalAgreement: false, sharedDataPlatform: false },
      debtEur: scenario.city.debtEur,
      debtRate: scenario.city.debtRate,
      stateGrantEur: scenario.city.stateGrantEur,
      revenueMonths: new Array<number>(12).fill(base.revenue),
      spendingMonths: new Array<number>(12).fill(base.spending),
      grossSavingsEur: 12 * (base.revenue - base.spending),
      debtCapacityYears: 0,
      smartCitySpentEur: 0,
      envelopeLeftEur: scenario.city.smartCityEnvelopeEur,
      privacyShock: 0,
      heatStress: 0,
      protest: 0,
      newMayorTick: -1,
      receivables: [],
      newUpkeep: [],
      baselineCut: 0,
      settledUntilTick: -1,
      advanceEur: 0,
      yearNetInvestmentEur: 0,
      yearBorrowedEur: 0,
      yearNetSavingsEur: 0,
      taxVotes: [],
      yearCommittedEur: 0,
      deficitYears: 0,
    },
    partner: {
      transferableExperience: experience,
      reputation: scenario.partner.reputation,
      trueCostFactor: scenario.partner.trueCostFactor,
      npvEur: 0,
      activeFromTick: 0,
    },
    deployments: [],
    contracts: [],
    partnershipStudies: [],
    negotiation: null,
    grantCalls: [],
    grants: [],
    alignment: scenario.coordination.alignment,
    energyPriceFactor: 1,
    territoryGaps: {},
    lightingMWhMonths: new Array<number>(12).fill(scenario.territory.districts.reduce((a, d) => a + d.lightingPoints, 0) * scenario.energy.lightingMWhPerPoint / 12),
    nextElectionTick: monthsBetween(scenario.start, scenario.politics.nextElection),
    lastVoteShare: 0,
    ledger: createLedger(),
    counters,
    scores,
    nextUid: 1,
    log: [],
    monthly: [],
    yearly: [],
  };
  state.city.debtCapacityYears = debtCapacity(state.city.debtEur, state.city.grossSavingsEur);
  fractionalFields(state);

  const [low, mid] = scenario.citizens.incomeShares;
  withStream(state, 'citizens', (rng) => {
    // Six draws per agent, in the agents' order (drawn at once: the same numbers): its income band,
    // its four preferences, its starting satisfaction.
    const draws = new Float64Array(6 * counts.reduce((a, b) => a + b, 0));
    rng.fill(draws);
    let i = 0;
    let j = 0;
    counts.forEach((n, d) => {
      let sum = 0;
      for (let k = 0; k < n; k++, i++, j += 6) {
        citizens.district[i] = d;
        const u = draws[j]!;
        citizens.income[i] = u < low ? 0 : u < low + mid ? 1 : 2;
        citizens.prefServices[i] = 0.5 + draws[j + 1]!;
        citizens.prefTaxes[i] = 0.5 + draws[j + 2]!;
        citizens.prefEnvironment[i] = 0.5 + draws[j + 3]!;
        citizens.prefPrivacy[i] = 0.5 + draws[j + 4]!;
        citizens.satisfaction[i] = Math.min(1, Math.max(0, scenario.citizens.initialSatisfaction + 0.1 * (draws[j + 5]! - 0.5)));
        sum += citizens.satisfaction[i]!;
      }
      // The district's mean satisfaction is its agents' mean from the start; the tax-free one starts there too (rules/citizens.ts).
      if (n > 0) districts[d]!.satisfaction = districts[d]!.satisfactionTaxFree = sum / n;
    });
  });
  // The eve's vote intentions, by the model's own rule (before issue 9's nineteenth round a flat ½,
  // which the first month then moved by σ(incumbencyBias − costOfRuling) − ½ with no cause to name).
  for (const d of districts) d.voteIntention = voteIntention(state, scenario.politics, d);
  // How each project type performs on this territory: hidden, common to its pilots and roll-outs.
  state.territoryGaps = withStream(state, 'projects', (rng) => territoryGaps(scenario, rng));
  return state;
}
