/**
 * Projects on the ground: works, then operation, then the end of their life.
 *
 * A deployment is one project type in one district, at scale or as a pilot. While it is built,
 * its price is paid month by month by whoever the contract makes pay (the city for works it buys,
 * the partner for the share it finances) and its true cost by the builder, and it causes works
 * nuisance in its district. When it opens, its benefit realisation is drawn once: a normal draw
 * around a mean that grows with the builder's transferable experience (DESIGN C8), with the
 * catalogue's spread times `projects.benefitUncertainty`, part of which is the territory's (one
 * hidden gap per project type, drawn at the start: `territoryGaps`), common to the type's pilots
 * and roll-outs, the rest each deployment's own. Running, it adds service quality in its domain (multiplied by the data
 * platform's synergy when alignment is high), environmental quality, heat protection, energy and
 * other savings and avoided CO₂ (one family covers a district at most once); it may fail for a few
 * months; it ends after its lifetime. A pilot stops when its district is scaled (absorbed).
 */
import { cityInvests, cityPays, type TickScratch } from '../money';
import { payGrants } from './funding';
import { transfer } from '../ledger';
import { withStream, type Stream } from '../rng';
import { storeAsFractions } from '../shape';
import type { ProjectType, Scenario } from '../scenario-schema';
import type { Contract, ContractTerms, Deployment, SimState } from '../types';
import { buildMonthsOf, deploymentBenefits, deploymentCapexEur, deploymentCapexWithTotalEur, projectType, totalUnits, unitsIn } from './catalogue';
import { clamp } from './discount';
import { detPow, monthlyProbability } from '../det-math';
import { bookPartnerFlow, partnerCostFactor, partnerFit } from './partner';
import { legacyServices, serviceSlot, slotScratch, wornCondition } from './services';

/** Creates a deployment in the building stage and returns it (uid = index + 1). */
export function addDeployment(
  state: SimState,
  scenario: Scenario,
  {
    typeId,
    district,
    pilot,
    contractId,
    duplicate = false,
  }: {
    typeId: string;
    district: number;
    pilot: boolean;
    /** The contract that builds it; null when the city buys alone. */
    contractId: number | null;
    /** A commune's own copy of a pilot started elsewhere (low alignment, DESIGN C4): never scaled. */
    duplicate?: boolean;
  },
): Deployment {
  const type = projectType(scenario, typeId)!;
  const scale = pilot ? type.pilot.scale : 1;
  const capexEur = deploymentCapexEur(type, scenario, district, scale);
  const byPartner = contractId !== null && state.contracts[contractId - 1]!.builder === 'partner';
  const builderFactor = byPartner ? partnerCostFactor(state, scenario) : 1;
  const buildMonths = buildMonthsOf(type, pilot);
  // Cost overrun: the works cost more than quoted by a draw of the catalogue's spread (× the
  // scenario's costUncertainty), never less; the builder bears it (the partner under a contract,
  // the city when it buys alone).
  const overrun = withStream(state, 'projects', (rng) => 1 + Math.abs(type.uncertainty.costOverrunSd * scenario.projects.costUncertainty * rng.normal()));
  const d: Deployment = {
    uid: state.nextUid++,
    type: typeId,
    family: type.family,
    district,
    pilot,
    scale,
    stage: 'building',
    startTick: state.tick,
    buildMonthsLeft: buildMonths,
    buildMonths,
    capexEur: byPartner ? capexEur : capexEur * overrun,
    trueCostEur: capexEur * builderFactor * overrun,
    realisation: 0,
    ageMonths: 0,
    lifetimeMonths: (pilot ? Math.min(type.lifetimeYears, scenario.negotiation.pilotMaxYears) : type.lifetimeYears) * 12,
    contractId,
    downMonths: 0,
    duplicate,
    scaled: false,
  };
  storeAsFractions(d, ['scale', 'capexEur', 'trueCostEur', 'realisation']);
  state.deployments.push(d);
  if (pilot) state.counters.pilotsStarted += 1;
  return d;
}

/** E|N(0, 1)| = √(2/π): the mean overrun per unit of its standard deviation. */
const EXPECTED_ABS_NORMAL = 0.7978845608;

/**
 * The mean overrun factor of one project type's works, as the builder expects it: the draw at the
 * start of works (1 + |sd·costUncertainty·N|, mean 1 + sd·costUncertainty·√(2/π)) and, when
 * `withEvents`, the scenario's `costOverrun` events during works (a monthly chance of
 * 1 − (1 − p)^(1/12) that one deployment under works costs 1 + magnitude × costUncertainty ×
 * (0.5 + U) times more on its months left: on average half its works, spread over the `deployments`
 * under works, taken as the deal's own). A builder prices its works at the mean of its cost
 * distribution (a contingency for risks in its bid): the model's assumption.
 */
export function meanOverrunFactor(scenario: Scenario, type: ProjectType, { withEvents = false, buildMonths = type.buildMonths, deployments = 1 }: { withEvents?: boolean; buildMonths?: number; deployments?: number } = {}): number {
  const cu = scenario.projects.costUncertainty;
  let f = 1 + EXPECTED_ABS_NORMAL * type.uncertainty.costOverrunSd * cu;
  if (withEvents && buildMonths > 0) {
    for (const ev of scenario.events) {
      if (ev.kind !== 'costOverrun') continue;
      // Expected hits on one of the deal's deployments over its works, each on half its works left on average.
      const hits = (monthlyProbability(ev.probPerYear) * buildMonths) / Math.max(1, deployments);
      f *= 1 + hits * 0.5 * ev.magnitude * cu;
    }
  }
  return f;
}

/**
 * The mean overrun factor a builder expects on one project of a deal: the draw, and under a contract
 * whose price is fixed for the builder (any form but a procurement, where the city's price follows
 * the events' overruns) the `costOverrun` events during its works. The partner's valuation and the
 * rivals' bids (procedure.ts) both read it, so the works price awarded and the bidders' costs agree.
 */
export function dealOverrunFactor(scenario: Scenario, type: ProjectType, terms: ContractTerms): number {
  return meanOverrunFactor(scenario, type, { withEvents: terms.form !== 'procurement', buildMonths: buildMonthsOf(type, terms.pilot), deployments: terms.projects.length * terms.districts.length });
}

/** The mean overrun factor of a deal's works, weighted by their catalogue prices (the rival bidders' expected cost, procedure.ts). */
export function expectedOverrun(scenario: Scenario, terms: ContractTerms): number {
  let w = 0;
  let sum = 0;
  for (const id of terms.projects) {
    const t = projectType(scenario, id);
    if (!t) continue;
    // `deploymentCapexEur` of each district, the type's units summed once (the same numbers).
    const units = totalUnits(t, scenario);
    let c = 0;
    for (const d of terms.districts) c += deploymentCapexWithTotalEur(t, scenario, d, terms.pilot ? t.pilot.scale : 1, units);
    w += c;
    sum += c * dealOverrunFactor(scenario, t, terms);
  }
  return w > 0 ? sum / w : 1;
}

/**
 * A performance guarantee makes the partner manage what it guarantees (the rationale of the
 * *marché global de performance*, Hart 2003: building and operating in one contract pays when
 * results are written into it): with guarantee g (the guaranteed share, when penalties bite) the
 * expected realisation rises by GUARANTEE_MEAN_GAIN × g and its spread shrinks by
 * GUARANTEE_SPREAD_CUT × g. Both are assumptions of the model.
 */
export const GUARANTEE_MEAN_GAIN = 0.1;
export const GUARANTEE_SPREAD_CUT = 0.5;

/** The strength of a contract's guarantee, 0–1: its guaranteed share if penalties are at least 1:1. */
export function guaranteeEffort(terms: { form: string; guaranteedSavingShare: number; penaltyRate: number }): number {
  if (terms.form === 'procurement') return 0;
  return terms.guaranteedSavingShare * Math.min(1, terms.penaltyRate);
}

/**
 * The spread of a type's benefits that the city would still bear at scale, as its risk price reads
 * it (valuation.ts: `1 − riskAversion · σ` on every benefit, `σ · (1 − coverage)` on the energy
 * savings), under a performance contract guaranteeing `guaranteedShare` of the expected energy
 * savings with penalties at 1:1 (0: no guarantee): σ · (1 − GUARANTEE_SPREAD_CUT · g) ·
 * (1 − g · energy share), the energy share being the savings' part of the type's yearly value at
 * scale (energy, other savings, services and carbon, over every district, at the reference energy
 * price). A pilot and a guarantee answer the same risk: the pilot measures what the savings will
 * be, the guarantee makes them a contractual revenue, the shortfall paid by the operator (garantie
 * de performance énergétique of a marché global de performance, CCP L2171-3; IPMVP measurement;
 * CEREMA/ADEME, guides du contrat de performance énergétique). So the risk a pilot is run to learn
 * is what is left once the guarantee the city may ask is counted (MODEL.md §13.8).
 * The guarantee covers the savings only while its contract runs (its penalties are paid then;
 * valuation.ts `yearEntries`): over a contract of `contractYears` on equipment that lasts longer, g
 * is counted for the covered share of the discounted life, a(min(contract, life)) ÷ a(life), the
 * annuities at the city's public rate (`contractYears` omitted: the whole life). Counting it over
 * the whole life made a six-year guarantee on a fifteen-year retrofit answer the risk a pilot is
 * run to learn (issue 9, eighth round).
 */
export function spreadBorneAtScale(scenario: Scenario, type: ProjectType, guaranteedShare: number, contractYears: number = type.lifetimeYears): number {
  const sigma = type.uncertainty.benefitSd * scenario.projects.benefitUncertainty;
  const g = Math.max(0, Math.min(1, guaranteedShare)) * coveredShareOfLife(scenario.city.discountRate, contractYears, type.lifetimeYears);
  if (g === 0 || type.benefits.energyMWhPerUnit <= 0) return sigma;
  let energy = 0;
  let total = 0;
  for (let d = 0; d < scenario.territory.districts.length; d++) {
    const b = deploymentBenefits(type, scenario, d, 1);
    energy += b.energyEur;
    total += b.savingsEur + b.serviceValueEur + b.carbonEur;
  }
  const energyShare = total > 0 ? energy / total : 0;
  return sigma * (1 - GUARANTEE_SPREAD_CUT * g) * (1 - g * energyShare);
}

/** The share of an equipment's discounted life (`lifeYears`) a contract of `contractYears` covers: a(min(contract, life)) ÷ a(life), yearly annuities at `rate`. */
export function coveredShareOfLife(rate: number, contractYears: number, lifeYears: number): number {
  if (lifeYears <= 0) return 1;
  return Math.max(0, Math.min(1, yearlyAnnuity(rate, Math.min(Math.max(0, contractYears), lifeYears)) / yearlyAnnuity(rate, lifeYears)));
}

/**
 * Present value of one euro a year for n years at `rate` (n itself at a nil rate). A module
 * function rather than a closure in `coveredShareOfLife`, which the computer city calls for every
 * candidate: under the TypeScript loader a named closure is named again at each call.
 */
function yearlyAnnuity(rate: number, n: number): number {
  return rate > 0 ? (1 - detPow(1 + rate, -n)) / rate : n;
}

/**
 * The spread, as a share of the catalogue's, a scaled deployment keeps of its own once the
 * territory's gap is known (`drawRealisation`): its many sites vary between them, the rest of the
 * catalogue's spread is the territory's.
 */
export const SCALED_AFTER_PILOT_SPREAD = 0.3;

/**
 * The share k of a type's spread (the catalogue's σ times `projects.benefitUncertainty`) that is
 * the territory's: how the technology performs on this territory's sites (their baseline, climate,
 * uses), common to every deployment of the type here, drawn once per run and type as
 * N(0, k·σ) (`territoryGaps`). An assumption, bounded in [0, 1]: k = √(1 − 0.3²) ≈ 0.95, the value
 * at which a roll-out no pilot preceded keeps the catalogue's spread (√(k² + 0.3²) = 1), the
 * catalogue's σ being read as the spread of a roll-out's outcome in a territory not yet measured;
 * the 0.3 left is the roll-out's own (`SCALED_AFTER_PILOT_SPREAD`). MODEL.md §7.
 */
export const TERRITORY_SHARE = Math.sqrt(1 - SCALED_AFTER_PILOT_SPREAD * SCALED_AFTER_PILOT_SPREAD);

/**
 * A pilot's own spread around the territory's gap, as a share of the catalogue's σ: its handful
 * of sites over one season vary as much as the catalogue says (as before issue 9's eighth round),
 * far more than a roll-out's many sites (`SCALED_AFTER_PILOT_SPREAD`). So a pilot's outcome spreads
 * by √(k² + 1) ≈ 1.38 σ around its builder's mean, and one pilot is a noisy measurement of the
 * territory, not its value.
 */
export const PILOT_OWN_SPREAD = 1;

/**
 * Months a pilot must have run before its result counts as evidence: a full operating season, as
 * the measurement of savings requires (IPMVP's reporting period covers the seasonal cycle; an
 * assumption for the services, review of issue 9's seventh round: the result used to count in the
 * month the pilot opened).
 */
export const PILOT_MEASURE_MONTHS = 12;

/**
 * The hidden gap of each project type on this territory (`TERRITORY_SHARE`), drawn once at the
 * start of the run from the projects stream, in the catalogue's order: N(0, k·σ) with σ the
 * type's spread at the scenario's `projects.benefitUncertainty`. Neither side sees it: both read
 * the pilots (`territoryEstimate`).
 */
export function territoryGaps(scenario: Scenario, rng: Stream): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, type] of Object.entries(scenario.projects.catalogue)) {
    out[id] = TERRITORY_SHARE * type.uncertainty.benefitSd * scenario.projects.benefitUncertainty * rng.normal();
  }
  return out;
}

/**
 * The mean realisation a deployment's builder is expected to reach (`drawRealisation`, without a
 * pilot to read): local suppliers 0.85; the partner 0.85 + 0.15 × its fit (DESIGN C8) + the
 * guarantee's gain. For a deployment already running, the partner's fit is read now (the computer
 * city's pilots are bought from local suppliers, where it is exact).
 */
function builderMean(state: Readonly<SimState>, contract: Contract | null): number {
  if (contract === null || contract.builder !== 'partner') return 0.85;
  return 0.85 + 0.15 * partnerFit(state) + GUARANTEE_MEAN_GAIN * guaranteeEffort(contract.terms);
}

/** The share of the spread a deployment's builder leaves under its contract's guarantee (1 without). */
function spreadFactor(contract: Contract | null): number {
  const g = contract !== null && contract.builder === 'partner' ? guaranteeEffort(contract.terms) : 0;
  return 1 - GUARANTEE_SPREAD_CUT * g;
}

/**
 * What the pilots already run for a type tell of the territory's gap (`territoryGaps`), as both
 * sides read them (a public measurement, IPMVP): each pilot (not a commune's duplicate) that has
 * run `PILOT_MEASURE_MONTHS`, failures (drawn at 0) included, measured its gap to what its builder
 * was expected to reach (per unit of its guarantee's spread factor), one draw of the gap with the
 * pilot's own noise. The estimate is the normal–normal update of the gap's prior N(0, k²σ²) by n
 * such draws of noise σ_p² = (PILOT_OWN_SPREAD·σ)²: the pilots' mean gap shrunk by
 * n·k²/(n·k² + PILOT_OWN_SPREAD²), with a posterior spread of σ·k·PILOT_OWN_SPREAD/√(n·k² + PILOT_OWN_SPREAD²).
 * `gapSpread` is that posterior spread as a share of σ (k before any pilot). Null when no pilot
 * has measured anything.
 *
 * An estimate, not a cause: the roll-out realises around the territory's gap whatever its pilots
 * drew (`drawRealisation`), so a city that keeps piloting until the pilots look lucky gains
 * nothing at scale (until issue 9's eighth round the roll-out realised around the pilots' mean gap
 * itself, and a player stopping its pilots once their mean beat their builder's raised its
 * roll-outs' realisation by +0.08 to +0.12, seeds 1–32). The mean, not the best: the best of k
 * pilots would rise with k, a winner's curse no evaluation would commit.
 */
export function territoryEstimate(state: Readonly<SimState>, typeId: string): { n: number; gap: number; gapSpread: number } | null {
  let sum = 0;
  let n = 0;
  for (const d of state.deployments) {
    if (d.pilot && !d.duplicate && d.type === typeId && d.ageMonths >= PILOT_MEASURE_MONTHS) {
      const contract = d.contractId === null ? null : state.contracts[d.contractId - 1]!;
      sum += (d.realisation - builderMean(state, contract)) / spreadFactor(contract);
      n++;
    }
  }
  if (n === 0) return null;
  const k2 = TERRITORY_SHARE * TERRITORY_SHARE;
  const p2 = PILOT_OWN_SPREAD * PILOT_OWN_SPREAD;
  return { n, gap: ((n * k2) / (n * k2 + p2)) * (sum / n), gapSpread: Math.sqrt((k2 * p2) / (n * k2 + p2)) };
}

/**
 * A deployment's realisation: its builder's mean, moved by the territory's gap for its type
 * (`territoryGaps`, the same for its pilots and its roll-outs), and its own noise, a pilot's
 * wider than a roll-out's; the guarantee's operator cuts the whole spread (GUARANTEE_SPREAD_CUT).
 * The pilots before it do not enter: they measured the territory, they did not make it.
 */
function drawRealisation(state: SimState, scenario: Scenario, d: Deployment, rng: Stream): number {
  const type = projectType(scenario, d.type)!;
  const sd = type.uncertainty.benefitSd * scenario.projects.benefitUncertainty;
  const contract = d.contractId === null ? null : state.contracts[d.contractId - 1]!;
  const own = (d.pilot ? PILOT_OWN_SPREAD : SCALED_AFTER_PILOT_SPREAD) * sd;
  return clamp(builderMean(state, contract) + spreadFactor(contract) * ((state.territoryGaps[d.type] ?? 0) + own * rng.normal()), 0, 2);
}

/** Construction phase: a month of works on every deployment being built. */
export function constructionPhase(state: SimState, scenario: Scenario, scratch: TickScratch): void {
  for (const dist of state.districts) dist.nuisance = 0;
  withStream(state, 'projects', (rng) => {
    for (const d of state.deployments) {
      if (d.stage !== 'building') continue;
      // A purchase still in its award procedure: no works, no payment, no nuisance yet.
      if (d.worksStartTick !== undefined && state.tick < d.worksStartTick) continue;
      const contract = d.contractId === null ? null : state.contracts[d.contractId - 1]!;
      const price = d.capexEur / d.buildMonths;
      const cost = d.trueCostEur / d.buildMonths;
      if (contract === null || contract.builder === 'suppliers') {
        cityInvests(state, scratch, { to: 'suppliers', eur: price, reason: 'works (city alone)', smart: true });
        if (contract !== null) payGrants(state, scenario, scratch, contract, price);
      } else {
        // The city pays its share at the awarded price of the works (catalogue with a single bidder).
        const share = (contract.terms.form === 'procurement' ? 1 : contract.terms.cityCapitalShare) * (contract.worksPriceFactor ?? 1);
        // Works the city will own are eligible to the FCTVA; a concession's are the concessionaire's.
        if (contract.terms.form === 'concession') cityPays(state, scratch, { to: 'partner', eur: price * share, reason: 'works (city share)', section: 'investment', smart: true });
        else cityInvests(state, scratch, { to: 'partner', eur: price * share, reason: 'works (city share)', smart: true });
        transfer(state.ledger, 'partner', 'suppliers', cost, 'works (true cost)');
        bookPartnerFlow(state, contract, price * share - cost);
        contract.partnerUnrecoveredEur += cost - price * share;
        payGrants(state, scenario, scratch, contract, price);
      }
      const type = projectType(scenario, d.type)!;
      const dist = state.districts[d.district]!;
      dist.nuisance = Math.min(1, dist.nuisance + type.nuisance * (d.pilot ? 0.3 : 1));
      d.buildMonthsLeft -= 1;
      if (d.buildMonthsLeft <= 0) {
        d.stage = 'operating';
        retireReplaced(state, scenario, d);
        d.realisation = drawRealisation(state, scenario, d, rng);
        dist.visibleThisTerm += type.benefits.visibility * type.benefits.serviceQuality * d.scale;
        state.log.push({ tick: state.tick, kind: 'deploymentOpened', data: { type: d.type, district: dist.id, pilot: d.pilot } });
      }
    }
  });
}

export function contractCapex(state: SimState, contract: Contract): number {
  let sum = 0;
  for (const uid of contract.deployments) sum += state.deployments[uid - 1]!.capexEur;
  return sum;
}

/** What running deployments did this month, for the finance and metrics phases. */
export interface OperationResult {
  energySavedMWh: number;
  energyBillEur: number;
  otherSavingsEur: number;
  co2AvoidedT: number;
  /** Energy saved this month by the deployments of each contract, MWh. */
  savingsByContract: Map<number, number>;
  /** The street lighting's energy this month: every district's lighting points at their baseline
   *  consumption, less what the running street-lighting deployments saved there, MWh. */
  lightingMWh: number;
}

/** The family × district slots run at scale this month (absorbScaledPilots', cleared at each call). */
const SCALED = slotScratch();

/**
 * A pilot is absorbed when its district is scaled: once a deployment of its family runs at scale
 * in its district, the pilot stops (its equipment is part of the roll-out), so that the two never
 * run side by side. Its contract runs to its term as signed; its expected savings drop what the
 * pilot was to save, so that no performance penalty follows from the absorption.
 */
function absorbScaledPilots(state: SimState, scenario: Scenario): void {
  // Most months no pilot runs: nothing to absorb, no slots to mark.
  if (!state.deployments.some((d) => d.pilot && d.stage === 'operating')) return;
  const atScale = SCALED.fill(0);
  let any = false;
  for (const d of state.deployments) {
    if (!d.pilot && d.stage === 'operating') {
      atScale[serviceSlot(d.family, d.district)] = 1;
      any = true;
    }
  }
  if (!any) return;
  for (const d of state.deployments) {
    if (!d.pilot || d.stage !== 'operating' || atScale[serviceSlot(d.family, d.district)] === 0) continue;
    retire(state, scenario, d);
  }
}

/**
 * Ends a running deployment that another now replaces (a pilot absorbed by its scale deployment, an
 * old equipment by its replacement): its contract runs to its term as signed; its expected savings
 * drop what the deployment was to save, so that no performance penalty follows from the end.
 */
function retire(state: SimState, scenario: Scenario, d: Deployment): void {
  d.stage = 'ended';
  const c = d.contractId === null ? null : state.contracts[d.contractId - 1]!;
  if (c) c.expectedSavingsMWh = Math.max(0, c.expectedSavingsMWh - deploymentBenefits(projectType(scenario, d.type)!, scenario, d.district, d.scale).energyMWh);
  state.log.push({ tick: state.tick, kind: 'deploymentEnded', data: { type: d.type, district: state.districts[d.district]!.id, pilot: d.pilot } });
}

/**
 * A replacement that opens retires the equipment it replaces, if it still runs (services.ts: its
 * works were scheduled to open in that equipment's last month, `replacementOf`), so that the city
 * never runs, nor pays to run, the same service twice.
 */
function retireReplaced(state: SimState, scenario: Scenario, replacement: Deployment): void {
  const old = replacement.replaces === undefined ? null : state.deployments[replacement.replaces - 1]!;
  if (old && old.stage === 'operating') retire(state, scenario, old);
}

/**
 * What equipment past its catalogue life still gives, as a share of its output: the legacy stocks'
 * wear (services.ts `wornCondition`) of the months past its life ÷ its life: units
 * past their service life fail more and give less. Reached only while it runs on awaiting its
 * replacement (`awaitsReplacement`); 1 before its end.
 */
export function pastLifeCondition(d: Readonly<Deployment>): number {
  if (d.ageMonths <= d.lifetimeMonths) return 1;
  return wornCondition((d.ageMonths - d.lifetimeMonths) / d.lifetimeMonths);
}

/**
 * Does equipment at the end of its life wait for a replacement under works? A replacement phased to
 * open with the rest of its bundle (contracts.ts `phaseWorks`) may open after the equipment it
 * replaces reaches its catalogue life; that equipment then runs on, its running cost and repairs
 * paid as after its contract, until the replacement opens and retires it (`retireReplaced`): a
 * catalogue life is a rating, not a cliff, and a city keeps its lights on while their replacement
 * is installed (*continuité du service public*); it gives less as it ages (`pastLifeCondition`).
 * At most the replacement's procedure and works (a control centre bought alone in its last month:
 * 5 months of open procedure, the council's extra months, 24 of works), or a bundle's longest works.
 */
function awaitsReplacement(state: Readonly<SimState>, old: Deployment): boolean {
  for (const d of state.deployments) if (d.replaces === old.uid && d.stage === 'building') return true;
  return false;
}

/** The month a deployment under works opens: its works' start (not before this month) and the months of works left. */
export function openingTick(d: Readonly<Deployment>, tick: number): number {
  return Math.max(tick, d.worksStartTick ?? tick) + d.buildMonthsLeft;
}

/** Each family × district's coverage so far this month (the operation phase's, cleared at each call). */
const COVERED = slotScratch();

/**
 * Operation phase: running deployments deliver services and savings; operators pay to run them.
 * Pilots over a scaled district are absorbed first; then a family's coverage of a district is
 * capped at one full deployment (Σ scale ≤ 1 per family × district, in the order of the
 * deployments): a district's streets are lit once, its residents get one citizen app.
 */
export function operationPhase(state: SimState, scenario: Scenario, scratch: TickScratch): OperationResult {
  absorbScaledPilots(state, scenario);
  const nd = state.districts.length;
  const covered = COVERED.fill(0);
  const platform = new Array<number>(nd).fill(0);
  for (const d of state.deployments) {
    if (d.stage === 'operating' && d.downMonths === 0 && d.family === 'dataPlatform') platform[d.district] = Math.max(platform[d.district]!, d.scale);
  }
  for (let i = 0; i < nd; i++) {
    const dist = state.districts[i]!;
    const spec = scenario.territory.districts[i]!;
    // for…in: the same own keys in the same order as Object.keys, without an array per district and month.
    for (const k in dist.services) dist.services[k as keyof typeof dist.services] = 0;
    dist.environment = spec.greenSpaceShare * 0.5 + (1 - spec.carShare) * 0.5;
    dist.heatProtection = 0;
  }
  let savedMWh = 0;
  let otherSavings = 0;
  let co2 = 0;
  const price = scenario.energy.priceEurPerMWh * state.energyPriceFactor;
  const savingsByContract = new Map<number, number>();
  // The city's running costs are booked deployment by deployment, through one booking whose amount changes.
  const opexBooking = { to: 'suppliers' as const, eur: 0, reason: 'operation', section: 'operating' as const, smart: true };
  const savedByDistrict = new Array<number>(nd).fill(0);
  const lightSavedByDistrict = new Array<number>(nd).fill(0);

  withStream(state, 'projects', (rng) => {
    for (const d of state.deployments) {
      if (d.stage !== 'operating') continue;
      const type = projectType(scenario, d.type)!;
      const contract = d.contractId === null ? null : state.contracts[d.contractId - 1]!;
      // The partner runs what it built while its contract lasts, from the month the works end
      // (the contract itself turns to 'running' later in this month's contracts phase).
      const partnerOperates =
        contract !== null &&
        contract.builder === 'partner' &&
        contract.terms.form !== 'procurement' &&
        (contract.status === 'building' || (contract.status === 'running' && state.tick < contract.endTick));
      d.ageMonths += 1;
      // Running cost: the partner during its contract, the city afterwards (dearer when locked in).
      const opex = (type.opexShare * d.capexEur) / 12;
      if (partnerOperates) {
        transfer(state.ledger, 'partner', 'suppliers', (type.opexShare * d.trueCostEur) / 12, 'operation (true cost)');
        bookPartnerFlow(state, contract, -(type.opexShare * d.trueCostEur) / 12);
      }
      else {
        opexBooking.eur = opex * (1 + (contract?.builder === 'partner' ? 0.2 * type.partnerDependence : 0));
        cityPays(state, scratch, opexBooking);
      }

      if (d.downMonths > 0) {
        d.downMonths -= 1;
      } else {
        if (rng.chance(monthlyProbability(type.uncertainty.failurePerYear))) {
          d.downMonths = 3;
          const repair = 0.05 * d.capexEur;
          if (partnerOperates) {
            transfer(state.ledger, 'partner', 'suppliers', repair, 'repair');
            bookPartnerFlow(state, contract, -repair);
          }
          else cityPays(state, scratch, { to: 'suppliers', eur: repair, reason: 'repair', section: 'operating', smart: true });
          state.log.push({ tick: state.tick, kind: 'failure', data: { type: d.type, district: state.districts[d.district]!.id } });
        } else {
          const slot = serviceSlot(d.family, d.district);
          // Past its life (running on while its replacement is built), it gives less, as the legacy does.
          const output = d.realisation * pastLifeCondition(d);
          const used = covered[slot]!;
          const scale = Math.max(0, Math.min(d.scale, 1 - used));
          covered[slot] = used + scale;
          const units = unitsIn(type, scenario.territory.districts[d.district]!) * scale * output;
          const mwh = (type.benefits.energyMWhPerUnit * units) / 12;
          savedMWh += mwh;
          otherSavings += (type.benefits.savingsEurPerUnit * units) / 12;
          co2 += mwh * scenario.energy.co2TPerMWh + (type.benefits.co2TPerUnit * units) / 12;
          const dist = state.districts[d.district]!;
          const synergy = 1 + type.synergyWithPlatform * state.alignment * platform[d.district]!;
          dist.services[type.domain] = Math.min(1, dist.services[type.domain] + type.benefits.serviceQuality * scale * output * synergy);
          dist.environment = Math.min(1, dist.environment + type.benefits.environment * scale * output);
          dist.heatProtection = Math.min(1, dist.heatProtection + type.benefits.heatProtection * scale * output);
          savedByDistrict[d.district]! += mwh;
          if (d.family === 'streetLighting') lightSavedByDistrict[d.district]! += mwh;
          if (contract !== null) savingsByContract.set(contract.id, (savingsByContract.get(contract.id) ?? 0) + mwh);
        }
      }
      if (d.ageMonths >= d.lifetimeMonths && !awaitsReplacement(state, d)) {
        d.stage = 'ended';
        state.log.push({ tick: state.tick, kind: 'deploymentEnded', data: { type: d.type, district: state.districts[d.district]!.id, pilot: d.pilot } });
      }
    }
  });
  // What the territory already ran before any project, where no project replaced it (services.ts).
  legacyServices(state, scenario);

  let baseMWh = 0;
  let lightingMWh = 0;
  scenario.territory.districts.forEach((d, i) => {
    const lighting = d.lightingPoints * scenario.energy.lightingMWhPerPoint;
    lightingMWh += Math.max(0, lighting / 12 - lightSavedByDistrict[i]!);
    const annual = lighting + d.buildingsEnergyMWh;
    baseMWh += annual;
    state.districts[i]!.energyMWh = Math.max(0, annual - 12 * savedByDistrict[i]!);
  });
  const energyBillEur = Math.max(0, baseMWh / 12 - savedMWh) * price;
  return { energySavedMWh: savedMWh, energyBillEur, otherSavingsEur: otherSavings, co2AvoidedT: co2, savingsByContract, lightingMWh };
}
