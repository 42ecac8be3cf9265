/**
 * Project arithmetic: how a catalogue entry scales to a district.
 *
 * A deployment's capital cost is its per-unit cost times the district's units (light points,
 * households, residents, the district itself or its buildings' MWh) plus a share of the fixed cost
 * in proportion to those units, all times its scale (1 at scale, the pilot scale for a pilot).
 * Benefits scale the same way. These figures are the catalogue's (the city's estimate); the
 * partner's true costs multiply them by its private cost factor.
 */
import type { District, ProjectType, Scenario } from '../scenario-schema';
import type { ContractTerms } from '../types';

/** Units of a project type in a district (what its cost and benefits scale with). */
export function unitsIn(type: ProjectType, d: District): number {
  switch (type.unit) {
    case 'lightingPoint':
      return d.lightingPoints;
    case 'household':
      return d.households;
    case 'resident':
      return d.population;
    case 'district':
      return 1;
    case 'buildingMWh':
      return d.buildingsEnergyMWh;
  }
}

export function totalUnits(type: ProjectType, scenario: Scenario): number {
  let sum = 0;
  for (const d of scenario.territory.districts) sum += unitsIn(type, d);
  return sum;
}

/** Catalogue price of the works for one district at a given scale, euros. */
export function deploymentCapexEur(type: ProjectType, scenario: Scenario, district: number, scale: number): number {
  return deploymentCapexWithTotalEur(type, scenario, district, scale, totalUnits(type, scenario));
}

/** The same price, given the type's `totalUnits` (callers that price many districts sum them once). */
export function deploymentCapexWithTotalEur(type: ProjectType, scenario: Scenario, district: number, scale: number, total: number): number {
  const d = scenario.territory.districts[district]!;
  const units = unitsIn(type, d);
  const fixedShare = total > 0 ? type.capexFixedEur * (units / total) : type.capexFixedEur / scenario.territory.districts.length;
  return (type.capexPerUnitEur * units + fixedShare) * scale;
}

export interface AnnualBenefits {
  energyMWh: number;
  /** Energy saved valued at the base energy price, plus other savings, euros. */
  savingsEur: number;
  energyEur: number;
  co2T: number;
  /** Welfare value of the service quality added (city's view), euros. */
  serviceValueEur: number;
  /** The CO₂ avoided valued at the city's carbon value, euros. */
  carbonEur: number;
}

/** Expected annual benefits of a deployment at full realisation. */
export function deploymentBenefits(type: ProjectType, scenario: Scenario, district: number, scale: number): AnnualBenefits {
  const d = scenario.territory.districts[district]!;
  const units = unitsIn(type, d) * scale;
  const energyMWh = type.benefits.energyMWhPerUnit * units;
  const energyEur = energyMWh * scenario.energy.priceEurPerMWh;
  const other = type.benefits.savingsEurPerUnit * units;
  const co2T = energyMWh * scenario.energy.co2TPerMWh + type.benefits.co2TPerUnit * units;
  const serviceValueEur = type.benefits.serviceQuality * scale * d.population * scenario.city.serviceValueEurPerResident;
  return { energyMWh, savingsEur: energyEur + other, energyEur, co2T, serviceValueEur, carbonEur: co2T * scenario.city.carbonValueEurPerT };
}

export function projectType(scenario: Scenario, id: string): ProjectType | undefined {
  return Object.prototype.hasOwnProperty.call(scenario.projects.catalogue, id) ? scenario.projects.catalogue[id] : undefined;
}

/** Months a project type's works take: a pilot's `pilot.months`, a deployment at scale its `buildMonths`. */
export function buildMonthsOf(type: ProjectType, pilot: boolean): number {
  return pilot ? type.pilot.months : type.buildMonths;
}

/** Similarity of two governance profiles, 0–1 (1 = identical): what lets experience transfer (C8). */
export function governanceSimilarity(
  a: { unifiedMetropole: number; inHouseServices: number; openData: number },
  b: { unifiedMetropole: number; inHouseServices: number; openData: number },
): number {
  return 1 - (Math.abs(a.unifiedMetropole - b.unifiedMetropole) + Math.abs(a.inHouseServices - b.inHouseServices) + Math.abs(a.openData - b.openData)) / 3;
}

/**
 * The yearly maintenance of the existing networks a contract takes over, euros (MODEL §8, "The
 * network's maintenance"): a global performance contract (CCP L2171-3) or a partnership contract
 * (L1112-1) makes its holder operate and maintain the whole network in its scope, the equipment in
 * place included, not only what it builds. For each legacy stock whose family (or one of its
 * `upkeepWith`) the contract holds: `upkeepEurPerUnit` × the family's units in each of its
 * districts. Nothing for a procurement (works only) or a pilot (a trial beside the network), and
 * nothing for a stock and district that one of `others` (the contracts already building or running)
 * maintains: the traffic signals are taken over once, by the traffic contract or the control
 * centre's, whichever is signed first; the cameras, filed under the platform's family, by the
 * control centre's only.
 */
export function networkUpkeepEur(scenario: Scenario, terms: Pick<ContractTerms, 'form' | 'pilot' | 'projects' | 'districts'>, others: readonly Pick<ContractTerms, 'form' | 'pilot' | 'projects' | 'districts'>[] = []): number {
  let sum = 0;
  for (const stock of scenario.territory.legacy) {
    if (stock.upkeepEurPerUnit <= 0 || !maintains(scenario, terms, stock)) continue;
    const type = Object.values(scenario.projects.catalogue).find((t) => t.family === stock.family);
    if (!type) continue;
    for (const d of terms.districts) {
      // A stock is maintained once: not again where another contract already took it over.
      if (others.some((o) => o.districts.includes(d) && maintains(scenario, o, stock))) continue;
      sum += stock.upkeepEurPerUnit * unitsIn(type, scenario.territory.districts[d]!);
    }
  }
  return sum;
}

/** Whether a contract with these terms takes over a legacy stock's maintenance (its family, or one of the stock's `upkeepWith`). */
function maintains(scenario: Scenario, terms: Pick<ContractTerms, 'form' | 'pilot' | 'projects'>, stock: Scenario['territory']['legacy'][number]): boolean {
  if (terms.pilot || (terms.form !== 'performance' && terms.form !== 'partnership')) return false;
  return terms.projects.some((p) => {
    const f = projectType(scenario, p)?.family;
    return f !== undefined && (f === stock.family || stock.upkeepWith.includes(f));
  });
}
