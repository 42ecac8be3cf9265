/**
 * The three scores that judge a game (MODEL.md §15, "Scores"): what the city got for its money
 * (`cityScore`), what the partner earned (`partnerScore`) and what the territory as a whole got
 * (`territoryScore`). They read sums kept in `state.scores`, which `scoreMonth` adds to at the end
 * of every month.
 *
 * Money and benefits are counted as a socio-economic evaluation counts them: present values at the
 * public rate (`city.discountRate`) to the start; services at the scenario's own value of a unit of
 * service per resident and year (`city.serviceValueEurPerResident`), CO₂ at its carbon value
 * (`city.carbonValueEurPerT`), savings at the energy price of the month. The territory counts
 * everyone's money (the city's, the partner's net outlay, and the grants the State, the Region and
 * the EU pay — not the FCTVA, which returns VAT the State collected on the same purchase), so a
 * payment from the city to the partner cancels out there, while public money costs
 * `PUBLIC_FUNDS_COST` euros per euro (the cost of raising it by taxes).
 *
 * Taxes are transfers between the city and its residents: the city's money is already counted at
 * the cost of raising it, so the satisfaction the scores read leaves out the tax term
 * (`satisfactionTaxFreeMean`, rules/citizens.ts) — a tax cut buys nothing on the scores, a tax rise
 * costs nothing beyond the money it pays for. There is no terminal value: flows after the horizon
 * are not counted.
 *
 * The scale is fixed by the scenario, never by runs: 0 is the territory kept as it starts (every
 * term is zero when nothing is bought and the legacy equipment stays as it was, satisfaction stays
 * where it started, the budget stays sound; doing nothing scores below 0, because the legacy
 * equipment wears out unrenewed, rules/services.ts), 100 a stated
 * ideal — for the city and the territory, every resident at the full service level for the whole
 * horizon at no cost, with every citizen fully satisfied; for the partner, 0 is a normal return
 * (its cost of capital nets it out) and 100 a reference rent (`partner.marginRate` of the
 * catalogue's price across the territory, in present value, above that return). A score below 0
 * is worse than doing nothing (for the partner, than a normal return).
 */
import { detPow } from './det-math';
import { deploymentCapexEur } from './rules/catalogue';
import { districtServiceLevel } from './rules/citizens';
import { serviceLevelAtStart } from './rules/services';
import type { OperationResult } from './rules/projects';
import type { TickScratch } from './money';
import type { Scenario } from './scenario-schema';
import type { SimState } from './types';

/**
 * The opportunity cost of public funds (*coût d'opportunité des fonds publics*): a euro raised by
 * taxes costs the economy 1.2 euros. Source: France Stratégie, *L'évaluation socioéconomique des
 * investissements publics* (Quinet report, 2013) and its 2017 guide (COFP = 1.2).
 */
const PUBLIC_FUNDS_COST = 1.2;

/** Weights of the parts of the city's and the territory's scores, in points (MODEL.md §15). */
const MONEY_POINTS = 75;
const SATISFACTION_POINTS = 25;
const BUDGET_POINTS = 25;

/** The service level (Σ of the domains' quality) where a district's residents are fully served: S_d = 1 (rules/citizens.ts). */
const FULL_SERVICE_DOMAINS = 3;

/** The monthly discount factor of month `tick` to the start, at the public rate. */
function publicDiscount(scenario: Scenario, tick: number): number {
  return detPow(1 + scenario.city.discountRate, -(tick + 1) / 12);
}

/** Adds this month to the scores' sums (metrics phase, after operation, finance and citizens). */
export function scoreMonth(state: SimState, scenario: Scenario, scratch: TickScratch, op: OperationResult, servicesNow: number): void {
  const acc = state.scores;
  const w = publicDiscount(scenario, state.tick);
  // Services counted from the level the territory's legacy equipment gave at the start: what the
  // players added, and what the legacy lost by wearing out unrenewed (rules/services.ts).
  const start = serviceLevelAtStart(scenario);
  let served = 0;
  state.districts.forEach((d, i) => {
    served += (scenario.territory.districts[i]?.population ?? 0) * FULL_SERVICE_DOMAINS * (districtServiceLevel(d.services) - start);
  });
  const price = scenario.energy.priceEurPerMWh * state.energyPriceFactor;
  acc.serviceYears += servicesNow / 12;
  acc.serviceValuePvEur += (w * scenario.city.serviceValueEurPerResident * served) / 12;
  acc.carbonValuePvEur += w * op.co2AvoidedT * scenario.city.carbonValueEurPerT;
  acc.savingsValuePvEur += w * (op.energySavedMWh * price + op.otherSavingsEur);
  acc.cityMoneyPvEur += w * (state.city.smartCitySpentEur - scratch.smartSpentStart);
  acc.publicFundsEur += scratch.smartPublicFundsEur;
  acc.publicFundsPvEur += w * scratch.smartPublicFundsEur;
  acc.partnerMoneyPvEur -= w * (state.ledger.balancesCents.partner / 100 - scratch.partnerBalanceStart);
  acc.satisfactionGainPv += (w * (state.satisfactionTaxFreeMean - scenario.citizens.initialSatisfaction)) / 12;
  if (state.city.debtCapacityYears > scenario.city.debtCeilingYears || state.tick < state.city.settledUntilTick) acc.budgetStrainMonths += 1;
}

/** Present value at the public rate of one euro a year, paid monthly over the scenario's horizon. */
function horizonAnnuity(scenario: Scenario): number {
  const n = scenario.horizonYears * 12;
  const r = scenario.city.discountRate;
  if (r === 0) return n / 12;
  const q = detPow(1 + r, -1 / 12);
  return (q * (1 - detPow(q, n))) / (1 - q) / 12;
}

/**
 * The euros that make 100 points for the city and the territory: every resident at the full
 * service level for the whole horizon, valued at the scenario's value of a service, at no cost
 * (at least €1, so that a scenario that values nothing still has a finite scale).
 */
function serviceStakeEur(scenario: Scenario): number {
  const population = scenario.territory.districts.reduce((a, d) => a + d.population, 0);
  return Math.max(1, scenario.city.serviceValueEurPerResident * population * FULL_SERVICE_DOMAINS * horizonAnnuity(scenario));
}

/** The benefits both the city and the territory count: services, CO₂ and savings. */
function benefitsPvEur(state: SimState): number {
  const acc = state.scores;
  return acc.serviceValuePvEur + acc.carbonValuePvEur + acc.savingsValuePvEur;
}

/** Citizens' satisfaction over the horizon, without its tax term: 0 where it started, 1 fully satisfied throughout. */
function satisfactionIndex(state: SimState, scenario: Scenario): number {
  const room = Math.max(0.01, 1 - scenario.citizens.initialSatisfaction);
  return state.scores.satisfactionGainPv / (horizonAnnuity(scenario) * room);
}

/** Everyone's money spent on smart-city projects, undiscounted: the city's (net of the FCTVA), the grants, the partner's net outlay, euros. */
export function everyoneMoneyEur(state: SimState): number {
  return state.city.smartCitySpentEur + state.scores.publicFundsEur - state.ledger.balancesCents.partner / 100;
}

/**
 * What the city got for its money, in points: 75 × (value of its residents' services, CO₂ and
 * savings − its own money at the opportunity cost of public funds) ÷ the stake, + 25 × satisfaction
 * (tax term left out), − 25 × the share of the horizon its budget spent strained (ratio above the
 * reference, or settled by the prefect).
 */
export function cityScore(state: SimState, scenario: Scenario): number {
  const acc = state.scores;
  const net = benefitsPvEur(state) - PUBLIC_FUNDS_COST * acc.cityMoneyPvEur;
  const strain = acc.budgetStrainMonths / (scenario.horizonYears * 12);
  return (MONEY_POINTS * net) / serviceStakeEur(scenario) + SATISFACTION_POINTS * satisfactionIndex(state, scenario) - BUDGET_POINTS * strain;
}

/**
 * The territory's collective result, in points: 75 × (services, CO₂ and savings − everyone's
 * money, public money at its opportunity cost; the FCTVA is no one's money) ÷ the stake, + 25 ×
 * satisfaction (tax term left out).
 */
export function territoryScore(state: SimState, scenario: Scenario): number {
  const acc = state.scores;
  const money = PUBLIC_FUNDS_COST * (acc.cityMoneyPvEur + acc.publicFundsPvEur) + acc.partnerMoneyPvEur;
  return (MONEY_POINTS * (benefitsPvEur(state) - money)) / serviceStakeEur(scenario) + SATISFACTION_POINTS * satisfactionIndex(state, scenario);
}

/**
 * The partner's NPV at its cost of capital (`partner.npvEur`), in points. The NPV is already net of
 * a normal return on its capital, so 0 is a normal return (what competition leaves); 100 is a
 * reference rent: `partner.marginRate` (12 % in Dijon-like, a scenario assumption) of the price of
 * building the whole catalogue across the territory, earned above that normal return.
 */
export function partnerScore(state: SimState, scenario: Scenario): number {
  let works = 0;
  for (const type of Object.values(scenario.projects.catalogue)) {
    for (let d = 0; d < scenario.territory.districts.length; d++) works += deploymentCapexEur(type, scenario, d, 1);
  }
  return (100 * state.partner.npvEur) / Math.max(1, scenario.partner.marginRate * works);
}
