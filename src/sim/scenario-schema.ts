/**
 * The scenario schema: every parameter of the model, with its bounds.
 *
 * A scenario is data (a JSON file in `scenarios/`); this schema is the single declaration of its
 * shape, so the loader's messages, the `--set` paths and the model's types all come from here.
 * Money is in euros, energy in MWh, emissions in tonnes of CO₂, time in months or years as named.
 */
import { z } from 'zod/mini';
import { MIN_AGENTS, MAX_AGENTS } from './seed';

/**
 * The upper bounds of the scenario's money and quantities, in one place (MODEL §17, "Upper bounds").
 * Each is generous above any real French city — Paris, the largest, votes about €10 bn a year and
 * owes about €9 bn; its 2.1 million people live in 1.2 million households under some 200,000 light
 * points — and low enough that sixty years of the model's arithmetic stay finite, and the ledger's
 * cents exact (below 2⁵³): a city of sixteen districts at every bound still runs
 * (tests/sim/scenario-bounds.test.ts).
 */
export const SCENARIO_BOUNDS = {
  /** Any amount in euros: a year's revenue or cost, a debt, a budget, a threshold, the partner's cash. */
  eur: 50e9,
  /** A price or saving per unit of a project (light point, household, resident, district, MWh). */
  eurPerUnit: 100e6,
  /** People (and households) in one district: about five times Paris. */
  districtPopulation: 10e6,
  /** Light points in one district: 25 times Paris's. */
  lightingPoints: 5e6,
  /** Energy the buildings of one district use in a year, MWh: 100 TWh, three times Paris's whole consumption. */
  buildingsEnergyMWh: 100e6,
  /** Energy or CO₂ a project saves per unit and year (MWh, t): a district of the most energy-hungry kind. */
  perUnitQuantity: 1e6,
  /** Communes of one territory (the largest French intercommunality has 158). */
  communes: 1000,
  /** Deployments in the partner's record on one territory. */
  deployments: 10_000,
  /** Entries of a list (grant calls, events, mayors, legacy stocks, experience, sources) or of the catalogue. */
  listItems: 100,
} as const;

/** A bound as a person reads it: "€50 billion", "10 million", "1,000". */
function amountInWords(x: number): string {
  const scaled = (d: number, word: string) => `${Number((x / d).toPrecision(6))} ${word}`;
  if (x >= 1e9) return scaled(1e9, 'billion');
  if (x >= 1e6) return scaled(1e6, 'million');
  return String(x).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** The message of an upper bound: "at most €50 billion", "at most 10 million people". */
const atMost = (max: number, unit: string) => z.maximum(max, `at most ${unit.startsWith('€') ? '€' + amountInWords(max) + unit.slice(1) : amountInWords(max) + unit}`);

/** The citizen agents' range in words, the same for the scenario, --agents, a save and ?agents=. */
const AGENTS_RANGE = `a whole number from ${MIN_AGENTS} to ${amountInWords(MAX_AGENTS)}`;

const share = () => z.number().check(z.minimum(0), z.maximum(1));
const eur = (max: number = SCENARIO_BOUNDS.eur, unit = '€') => z.number().check(z.minimum(0), atMost(max, unit));
const eurPerUnit = () => eur(SCENARIO_BOUNDS.eurPerUnit, '€ per unit');
const quantity = (max: number, unit: string) => z.number().check(z.minimum(0), atMost(max, unit));
const count = (max: number, unit: string, min = 0) => z.int().check(z.minimum(min), atMost(max, unit));
const positiveInt = (max: number) => z.int().check(z.minimum(1), z.maximum(max));
const list = <T extends z.core.SomeType>(item: T) => z.array(item).check(z.maxLength(SCENARIO_BOUNDS.listItems));
const text = z.strictObject({ fr: z.string().check(z.minLength(1)), en: z.string().check(z.minLength(1)) });

export const PROJECT_FAMILIES = [
  'streetLighting',
  'buildingEnergy',
  'dataPlatform',
  'smartTraffic',
  'mobilityServices',
  'leakDetection',
  'wasteSensors',
  'citizenApp',
  'solarRoofs',
  'greenInfrastructure',
  'pedestrianPriority',
] as const;
export type ProjectFamily = (typeof PROJECT_FAMILIES)[number];

/** Service domains in which citizens feel a project (one quality index per district and domain). */
export const DOMAINS = ['lighting', 'energy', 'mobility', 'water', 'waste', 'digital', 'environment'] as const;
export type Domain = (typeof DOMAINS)[number];

/** What a project's capital cost and benefits scale with, counted per district. */
const UNITS = ['lightingPoint', 'household', 'resident', 'district', 'buildingMWh'] as const;

/** The forms of the public procurement code (CCP): marché public, marché global de performance
 *  (L2171-3), concession (L1121-1), marché de partenariat (L2211-1), and a pilot (expérimentation). */
export const CONTRACT_FORMS = ['procurement', 'performance', 'concession', 'partnership', 'pilot'] as const;
export type ContractForm = (typeof CONTRACT_FORMS)[number];

const EVENT_KINDS = [
  'energyPriceShock',
  'costOverrun',
  'technicalFailure',
  'cyberAttack',
  'stateGrantCall',
  'stateTransferCut',
  'partnerMerger',
  'partnerFailure',
  'heatwave',
  'citizenProtest',
] as const;

const governanceProfile = z.strictObject({
  /** One metropolitan authority (1) against scattered communes (0). */
  unifiedMetropole: share(),
  /** Services run in-house (1) against outsourced (0). */
  inHouseServices: share(),
  /** Open, shared data policy (1) against closed, siloed data (0). */
  openData: share(),
});

const projectType = z.strictObject({
  family: z.enum(PROJECT_FAMILIES),
  domain: z.enum(DOMAINS),
  unit: z.enum(UNITS),
  capexPerUnitEur: eurPerUnit(),
  capexFixedEur: eur(),
  /** Annual operating cost as a share of the capital cost. */
  opexShare: z.number().check(z.minimum(0), z.maximum(0.5)),
  buildMonths: positiveInt(120),
  lifetimeYears: positiveInt(80),
  benefits: z.strictObject({
    /** Energy saved (or produced) per unit per year, MWh. */
    energyMWhPerUnit: quantity(SCENARIO_BOUNDS.perUnitQuantity, ' MWh per unit'),
    /** Other money saved per unit per year (maintenance, water, fuel), euros. */
    savingsEurPerUnit: eurPerUnit(),
    /** Direct emissions avoided per unit per year beyond the energy saved, t CO₂. */
    co2TPerUnit: quantity(SCENARIO_BOUNDS.perUnitQuantity, ' t CO₂ per unit'),
    /** Service quality added in the district's domain at full realisation, 0–1. */
    serviceQuality: share(),
    /** Environmental quality added to the district, 0–1. */
    environment: share(),
    /** How visible the project is to voters, 0–1. */
    visibility: share(),
    /** Exposure of personal data (raises the privacy backlash of a cyber-attack), 0–1. */
    privacyRisk: share(),
    /** Protection against heatwaves, 0–1. */
    heatProtection: share(),
  }),
  uncertainty: z.strictObject({
    /** Standard deviation of the cost overrun factor. */
    costOverrunSd: z.number().check(z.minimum(0), z.maximum(2)),
    /** Standard deviation of benefit realisation (multiplied by `projects.benefitUncertainty`). */
    benefitSd: z.number().check(z.minimum(0), z.maximum(2)),
    /** Probability per year that a running deployment fails and needs repair. */
    failurePerYear: share(),
  }),
  /** Extra service quality per unit of alignment when a data platform runs in the district. */
  synergyWithPlatform: z.number().check(z.minimum(0), z.maximum(2)),
  digital: z.boolean(),
  lowTech: z.boolean(),
  /** Share of operation that only the partner can do (technology lock-in), 0–1. */
  partnerDependence: share(),
  /** Works nuisance felt in the district while it is built, 0–1. */
  nuisance: share(),
  pilot: z.strictObject({
    allowed: z.boolean(),
    /** Size of a pilot as a share of one district's units. */
    scale: share(),
    /** Months to set a pilot up (its works). */
    months: positiveInt(60),
  }),
});
export type ProjectType = z.infer<typeof projectType>;

const district = z.strictObject({
  id: z.string().check(z.regex(/^[a-z0-9-]+$/, 'a lower-case id (letters, digits, dashes)')),
  name: z.string().check(z.minLength(1)),
  population: count(SCENARIO_BOUNDS.districtPopulation, ' people', 1),
  /** At most the district's population (checked below). */
  households: count(SCENARIO_BOUNDS.districtPopulation, ' households', 1),
  lightingPoints: count(SCENARIO_BOUNDS.lightingPoints, ' light points'),
  buildingsEnergyMWh: quantity(SCENARIO_BOUNDS.buildingsEnergyMWh, ' MWh a year'),
  greenSpaceShare: share(),
  carShare: share(),
  /** Position on the map, 0–1 in each direction. */
  x: share(),
  y: share(),
});
export type District = z.infer<typeof district>;

/**
 * A stock of equipment the territory already runs in every district when the game starts (sodium
 * street lights, traffic controllers, building management): it serves, it wears out, and a project
 * of its family at scale in a district replaces it there (rules/services.ts, MODEL.md §3).
 */
const legacyStock = z.strictObject({
  family: z.enum(PROJECT_FAMILIES),
  /** Service quality the stock gives in good order, on the catalogue's `serviceQuality` scale. */
  quality: share(),
  /** Service life of the equipment, years: each year without renewal, another 1/lifetime of the stock passes it. */
  lifetimeYears: positiveInt(100),
  /** Share of the stock already past its service life at the start. */
  shareOverLife: share(),
  /** What the city pays each year to maintain the family's network in a district, euros per unit of
   *  the family's catalogue unit (light point, district…): part of `city.operatingCostEur`. A global
   *  performance or partnership contract whose scope holds the family (or one of `upkeepWith`) takes
   *  that maintenance over in its districts (rules/contracts.ts `networkUpkeepEur`, MODEL §8). */
  upkeepEurPerUnit: z._default(eurPerUnit(), 0),
  /** Other families whose contract also takes this network's maintenance over (a control centre that
   *  runs the traffic signals, Dijon 2017). A stock kept only for its maintenance (quality 0: the
   *  cameras) is filed under the family of the one contract that maintains it (MODEL §3). */
  upkeepWith: z._default(z.array(z.enum(PROJECT_FAMILIES)).check(z.maxLength(PROJECT_FAMILIES.length)), []),
});

const grantCall = z.strictObject({
  id: z.string().check(z.minLength(1)),
  funder: z.enum(['state', 'region', 'eu']),
  /** The call opens every N years, in `monthOpen`, from the start year. */
  everyYears: positiveInt(20),
  monthOpen: z.int().check(z.minimum(1), z.maximum(12)),
  deadlineMonths: positiveInt(24),
  budgetEur: eur(),
  /** Co-financing rate; when absent the scenario's `funding.grantShare` applies. */
  rate: z.optional(share()),
  /** The call funds pilots (experiments) only, not deployment at scale. */
  pilotOnly: z.boolean(),
  /** Condition: the application must come from at least this many communes together. */
  minCommunes: count(SCENARIO_BOUNDS.communes, ' communes', 1),
  /** Condition: only low-tech or energy-saving projects are eligible. */
  sustainabilityOnly: z.boolean(),
});

const mayorProfile = z.strictObject({
  id: z.string().check(z.minLength(1)),
  name: text,
  /** Weight on digital services (0–1). */
  digital: share(),
  /** Weight on sobriety and environment (0–1). */
  sober: share(),
  /** Weight on taxes and debt (0–1). */
  fiscal: share(),
  presentBias: share(),
  electoralHazard: share(),
});
export type MayorProfile = z.infer<typeof mayorProfile>;

const event = z.strictObject({
  id: z.string().check(z.minLength(1)),
  kind: z.enum(EVENT_KINDS),
  probPerYear: share(),
  /** Size of the event in its own unit (see docs/MODEL.md, Events). */
  magnitude: z.number().check(z.minimum(0), z.maximum(10)),
});

/** Months of the fixed phases of an award procedure (the negotiation's months are its rounds). */
const procedureMonths = z.strictObject({
  /** From the notice to the deadline for applications or bids. */
  publication: z.int().check(z.minimum(0), z.maximum(24)),
  /** Opening and analysis of the bids, selection of the candidates. */
  bids: z.int().check(z.minimum(0), z.maximum(24)),
  /** From the accepted offer to the award decision (the council's vote). */
  award: z.int().check(z.minimum(0), z.maximum(24)),
  /** Standstill between the notice to the losing bidders and signature. */
  standstill: z.int().check(z.minimum(0), z.maximum(12)),
});

export const scenarioSchema = z
  .strictObject({
    schemaVersion: z.literal(1),
    id: z.string().check(z.regex(/^[a-z0-9-]+$/, 'a lower-case id (letters, digits, dashes)')),
    title: text,
    briefing: text,
    sources: list(z.strictObject({ what: z.string(), source: z.string() })),
    start: z.strictObject({
      year: z.int().check(z.minimum(2000), z.maximum(2100)),
      /** 1–12; the budget month (each year's first), so 1–4 (checked below with its reason). */
      month: z.int().check(z.minimum(1), z.maximum(12)),
    }),
    /** Years in which the players take decisions. */
    playableYears: positiveInt(40),
    /** Years simulated in all (the late consequences run on without new decisions). */
    horizonYears: positiveInt(60),
    /** The game's length the menu offers first (one of `gameLengths`: whole mandates up to playableYears, or playableYears); playableYears when left out. */
    defaultGameYears: z.optional(positiveInt(40)),
    citizens: z.strictObject({
      agents: z.int().check(z.minimum(MIN_AGENTS, AGENTS_RANGE), z.maximum(MAX_AGENTS, AGENTS_RANGE)),
      /** Shares of low, middle and high income households. */
      incomeShares: z.tuple([share(), share(), share()]),
      initialSatisfaction: share(),
      /** Share of the gap to what they experience that citizens close each month. */
      adjustmentRate: share(),
      /** Share of the gap to their district's mean opinion closed each month. */
      neighbourInfluence: share(),
      weights: z.strictObject({
        services: z.number().check(z.minimum(0), z.maximum(5)),
        nuisance: z.number().check(z.minimum(0), z.maximum(5)),
        /** A rise of the voted rates while it is news (the rate against `taxReference`, rules/citizens.ts); MODEL.md §3. */
        taxes: z.number().check(z.minimum(0), z.maximum(5)),
        /** The voted rates' level (and the debt, a tax deferred) felt per euro, for good; 0: not felt (before issue 9's second review). */
        taxLevel: z._default(z.number().check(z.minimum(0), z.maximum(5)), 0),
        environment: z.number().check(z.minimum(0), z.maximum(5)),
        privacy: z.number().check(z.minimum(0), z.maximum(5)),
        /** Share of the debt taken on since the start that citizens feel, as the tax rise that would repay it (1: all of it; fiscal illusion: less). */
        debt: z._default(share(), 0),
      }),
      /** How long a rise of the voted rates stays news: the reference rate citizens compare it with closes 1 ÷ this of its gap to the rate each month (months). */
      taxNewsMonths: z._default(z.number().check(z.minimum(2), z.maximum(600)), 12),
      /** Diminishing returns of services: satisfaction from a service level S grows as 1 − exp(−S ÷ this); 0: linear (no saturation). */
      serviceSaturation: z._default(z.number().check(z.minimum(0), z.maximum(10)), 0),
      /** How much concertation cuts the works-nuisance penalty (0–1). */
      concertationRelief: share(),
    }),
    territory: z.strictObject({
      communes: count(SCENARIO_BOUNDS.communes, ' communes', 1),
      governance: governanceProfile,
      districts: z.array(district).check(z.minLength(2), z.maxLength(16)),
      /** Equipment already in service in every district at the start, which wears out unless renewed. */
      legacy: z._default(list(legacyStock), []),
    }),
    energy: z.strictObject({
      priceEurPerMWh: z.number().check(z.minimum(1), z.maximum(2000)),
      co2TPerMWh: z.number().check(z.minimum(0), z.maximum(2)),
      lightingMWhPerPoint: z.number().check(z.minimum(0), z.maximum(10)),
    }),
    city: z.strictObject({
      /** Base public discount rate per year (France Stratégie: 3.2 %). */
      discountRate: z.number().check(z.minimum(0), z.maximum(0.5)),
      /** Quasi-hyperbolic present bias β (1 = none). */
      presentBias: share(),
      /** Extra discount per year on what falls after the next election. */
      electoralHazard: share(),
      /** How much the city discounts uncertain benefits: value = mean × (1 − riskAversion × sd). */
      riskAversion: share(),
      /** What one unit of service quality is worth to one resident for a year, euros (welfare). */
      serviceValueEurPerResident: z.number().check(z.minimum(0), z.maximum(1000)),
      /** What the city counts a tonne of CO₂ avoided as worth, euros (France Stratégie: €250 in 2030). */
      carbonValueEurPerT: z.number().check(z.minimum(0), z.maximum(2000)),
      /** Tax revenue by lever, euros a year at the start (rules/budget.ts). The voted rates (TFPB,
       *  CFE) move with `setBudget`'s taxChange; TEOM and the mobility levy are earmarked (waste,
       *  mobility) and fixed; the VAT fraction is set by the State. */
      taxes: z.strictObject({
        /** Property tax on built land (taxe foncière sur les propriétés bâties), the metropole's rate. */
        tfpbEur: eur(),
        /** Business property tax (cotisation foncière des entreprises). */
        cfeEur: eur(),
        /** Household-waste tax (TEOM): may fund only the waste service (CGCT, CGI 1520). */
        teomEur: eur(),
        /** Mobility levy on employers (versement mobilité): funds mobility only (CGCT L2333-64). */
        mobilityLevyEur: eur(),
        /** Share of national VAT (fraction de TVA, since 2021): the city does not set it. */
        vatShareEur: eur(),
      }),
      stateGrantEur: eur(),
      otherRevenueEur: eur(),
      operatingCostEur: eur(),
      debtEur: eur(),
      debtRate: z.number().check(z.minimum(0), z.maximum(0.3)),
      debtMaturityYears: positiveInt(60),
      baselineInvestmentEur: eur(),
      baselineGrantShare: share(),
      /** The debt-capacity reference, years (LPFP 2018–2022 art. 29): a lenders' and prefect's
       *  alarm, not a statutory cap (the field keeps its v1 name). */
      debtCeilingYears: z.number().check(z.minimum(1), z.maximum(50)),
      /** Highest level of the voted rates (TFPB, CFE) relative to the start, the legal caps of CGI
       *  1636 B septies (TFPB ≤ 2.5×, CFE ≤ 2× the national average rate) read on the city's rates. */
      maxTaxLevel: z.number().check(z.minimum(1), z.maximum(10)),
      /** A deficit in the accounts at year end of at least this share of operating revenue opens the
       *  procedure of CGCT L1612-14 (5 %; 10 % under 20,000 inhabitants). */
      deficitThresholdShare: share(),
      /** Years over which the multi-year investment plan (PPI, AP/CP: CGCT L2311-3) spreads the
       *  borrowing room below the debt-capacity reference: a year may borrow 1/this of it. */
      investmentPlanYears: positiveInt(30),
      /** Annual envelope for smart-city investment (city money), euros. */
      smartCityEnvelopeEur: eur(),
      /** The city's usual concertation effort, 0–1 (its cost is in its running costs). */
      concertation: share(),
      /** What a concertation effort above the usual one costs a year, per unit of effort (a team,
       *  facilitators, garants, meetings: MODEL.md §10), euros; €700,000 when absent. */
      concertationCostEur: z._default(eur(), 700_000),
      maxTaxChange: z.number().check(z.minimum(0), z.maximum(0.2)),
      /** Starting mayor profile id (see politics.mayors). */
      mayor: z.string().check(z.minLength(1)),
    }),
    partner: z.strictObject({
      name: z.string().check(z.minLength(1)),
      /** Cost of capital of a project-financed public contract (project WACC) per year, real. */
      discountRate: z.number().check(z.minimum(0), z.maximum(0.5)),
      /** Risk aversion 0–1: the premium it asks for the risks it bears. */
      riskAversion: share(),
      horizonYears: positiveInt(60),
      cashEur: eur(),
      /** Its true costs as a share of catalogue prices (private: the city only sees 1). */
      trueCostFactor: z.number().check(z.minimum(0.3), z.maximum(2)),
      /** Margin it adds on its costs when it quotes. */
      marginRate: z.number().check(z.minimum(0), z.maximum(1)),
      reputation: share(),
      /** Most its costs can fall through transferable experience. */
      learningMax: share(),
      experience: list(
        z.strictObject({ territory: z.string().check(z.minLength(1)), deployments: count(SCENARIO_BOUNDS.deployments, ' deployments'), governance: governanceProfile }),
      ),
    }),
    funding: z.strictObject({
      /** Default co-financing rate of grant calls (share of eligible capital). */
      grantShare: share(),
      /** Base probability that a well-prepared application wins. */
      baseSuccess: share(),
      /** Rate of new loans from the public bank (the debt's average rate drifts toward it). */
      loanRate: z.number().check(z.minimum(0), z.maximum(0.3)),
      /** Banks add a spread to new loans once debt ÷ gross savings passes this many years. */
      loanSpreadFromYears: z.number().check(z.minimum(0), z.maximum(50)),
      /** Spread added per year of debt-capacity ratio above `loanSpreadFromYears` (0.003 = 0.3 point). */
      loanSpreadPerYear: z.number().check(z.minimum(0), z.maximum(0.05)),
      /** Banks refuse new loans that would take the ratio past this many years. */
      lendersRefuseYears: z.number().check(z.minimum(1), z.maximum(60)),
      /** FCTVA rate on eligible investment spending (CGCT L1615-6: 16.404 %). */
      fctvaRate: share(),
      /** Months between eligible spending and its FCTVA refund. */
      fctvaLagMonths: z.int().check(z.minimum(0), z.maximum(36)),
      /** Months between spending justified to the EU (FEDER) and its payment. */
      euGrantLagMonths: z.int().check(z.minimum(0), z.maximum(60)),
      /** Most grants may cover of the public money of a project the city co-finances (CGCT L1111-10: 80 %). */
      maxGrantShare: share(),
      calls: list(grantCall),
    }),
    coordination: z.strictObject({
      /** Structural alignment between departments, communes and citizens, 0–1: the level it starts
       *  at and falls back to without governance measures. */
      alignment: share(),
      /** Share of the gap to its target closed per year. */
      adjustmentPerYear: share(),
      measures: z.strictObject({
        /** Each measure kept raises the alignment target by gain × (1 − alignment), at costEur a year. */
        smartCityOffice: z.strictObject({ gain: share(), costEur: eur() }),
        interCommunalAgreement: z.strictObject({ gain: share(), costEur: eur() }),
        sharedDataPlatform: z.strictObject({ gain: share(), costEur: eur() }),
      }),
      concertationGain: share(),
      /** Share of alignment lost when the majority changes. */
      electionReset: share(),
      /** Number of veto players added to a negotiation at zero alignment. */
      vetoPlayers: z.int().check(z.minimum(0), z.maximum(20)),
    }),
    negotiation: z.strictObject({
      /** Rounds (offers) a negotiation may take; each costs a month, so 12 is a year. */
      maxRoundsPerYear: positiveInt(12),
      /** Longest pilot contract, years. */
      pilotMaxYears: positiveInt(10),
      /** Most termination compensation a contract may promise (0: the law or the council forbids it). */
      maxTerminationCompensation: share(),
      /** Most of the expected savings a performance guarantee may cover (0: no guarantees offered). */
      maxGuaranteedSavingShare: share(),
      /** Least value (capital cost, euros excl. VAT) of a partnership contract, by main object (CCP R2211-1). */
      partnershipThresholdsEur: z.strictObject({
        /** Intangible goods, IT systems, equipment other than works, or energy-efficiency performance objectives. */
        equipmentOrPerformance: eur(),
        /** Network infrastructure works (energy, transport, urban development, sanitation). */
        networkWorks: eur(),
        /** Any other object. */
        other: eur(),
      }),
      /** Months the prior evaluation and budget-sustainability study take (CCP L2212-1, L2212-2). */
      partnershipStudyMonths: z.int().check(z.minimum(0), z.maximum(36)),
      /** What they cost the city (consultants, the State's expert opinion), euros. */
      partnershipStudyCostEur: eur(),
      /** Months a partner has to answer a proposed amendment (avenant) before it lapses. */
      amendmentAnswerMonths: positiveInt(12),
    }),
    /** The award procedure and competition (rules/procedure.ts). */
    procurement: z.strictObject({
      /** Firms that bid for a contract (the partner among them when at least one does; 0: no bid, no deal). */
      bidders: z.int().check(z.minimum(0), z.maximum(20)),
      /** Rivals' costs are drawn uniform within ± this share of the market's cost (`partner.trueCostFactor`; no lower than the partner's). */
      rivalCostSpread: z.number().check(z.minimum(0), z.maximum(0.9)),
      /** Months of each phase by procedure: adapted (MAPA: pilots), open call for tenders (plain
       *  procurement), competitive dialogue (performance, partnership), concession. */
      months: z.strictObject({
        adapted: procedureMonths,
        open: procedureMonths,
        dialogue: procedureMonths,
        concession: procedureMonths,
      }),
      /** The EU thresholds of formal procedures for local authorities, euros excl. VAT (2024–25,
       *  CCP avis annexé, Reg. (EU) 2023/2495): supplies and services; works. Below them an
       *  adapted procedure (MAPA, R2123-1) is enough; they also bound a de-minimis amendment (R2194-8). */
      euThresholdsEur: z.strictObject({
        suppliesServices: eur(),
        works: eur(),
      }),
      /** The share of the initial value an amendment may add without a new tender (R2194-8):
       *  supplies and services 10 %, works 15 %. */
      deMinimisShare: z.strictObject({
        suppliesServices: z.number().check(z.minimum(0), z.maximum(1)),
        works: z.number().check(z.minimum(0), z.maximum(1)),
      }),
      /** Months of dialogue with the candidates per project family and per round of the veto
       *  players in a competitive dialogue or a concession (R2161-24 ff.; procedure.ts
       *  `dialogueMonths`); absent: 1. */
      dialogueMonthsPerRound: z.optional(z.number().check(z.minimum(0), z.maximum(12))),
    }),
    projects: z.strictObject({
      /** Multiplier on every project's benefit uncertainty (0 = certain benefits). */
      benefitUncertainty: z.number().check(z.minimum(0), z.maximum(5)),
      /** Multiplier on every project's cost-overrun uncertainty. */
      costUncertainty: z.number().check(z.minimum(0), z.maximum(5)),
      catalogue: z.record(z.string().check(z.regex(/^[a-zA-Z0-9]+$/, 'a camelCase id')), projectType),
    }),
    politics: z.strictObject({
      termYears: positiveInt(12),
      nextElection: z.strictObject({
        year: z.int().check(z.minimum(2000), z.maximum(2100)),
        month: z.int().check(z.minimum(1), z.maximum(12)),
      }),
      /** Log-odds advantage of the incumbent. */
      incumbencyBias: z.number().check(z.minimum(-5), z.maximum(5)),
      /** Log-odds per unit of satisfaction gained since the start of the term. */
      voteSensitivity: z.number().check(z.minimum(0), z.maximum(50)),
      /** Standard deviation of the swing of each election (log-odds): national mood, campaign. */
      swingSd: z.number().check(z.minimum(0), z.maximum(5)),
      /** Log-odds per unit of visible new services in the term (the most visibility can bring when saturating). */
      visibilityWeight: z.number().check(z.minimum(0), z.maximum(10)),
      /** Visible new services at which their effect reaches 1 − 1/e of `visibilityWeight`; 0: linear, unbounded. */
      visibilitySaturation: z._default(z.number().check(z.minimum(0), z.maximum(10)), 0),
      /** Cost of ruling: log-odds the incumbent loses per term it has served (Nannestad & Paldam). */
      costOfRuling: z._default(z.number().check(z.minimum(0), z.maximum(2)), 0),
      campaignMonths: z.int().check(z.minimum(0), z.maximum(24)),
      /** Cut in the annual payment a computer city asks for in an amendment it proposes (the
       *  partner may refuse; the duration is lengthened to keep the financial balance). */
      renegotiationCut: share(),
      mayors: z.array(mayorProfile).check(z.minLength(2), z.maxLength(SCENARIO_BOUNDS.listItems)),
    }),
    events: list(event),
    policies: z.strictObject({ city: z.string().check(z.minLength(1)), partner: z.string().check(z.minLength(1)) }),
  })
  .check(
    z.superRefine((s, ctx) => {
      if (s.horizonYears < s.playableYears) {
        ctx.addIssue({ code: 'custom', path: ['horizonYears'], message: `must be at least playableYears (${s.playableYears})` });
      }
      if (s.defaultGameYears !== undefined && !gameLengths(s).includes(s.defaultGameYears)) {
        ctx.addIssue({ code: 'custom', path: ['defaultGameYears'], message: `expected one of the game's lengths ${gameLengths(s).join(', ')} (whole terms of politics.termYears ${s.politics.termYears} up to playableYears ${s.playableYears}, or playableYears)` });
      }
      if (s.citizens.adjustmentRate + s.citizens.neighbourInfluence > 1) {
        ctx.addIssue({ code: 'custom', path: ['citizens', 'neighbourInfluence'], message: `adjustmentRate + neighbourInfluence must not exceed 1 (they add up to ${s.citizens.adjustmentRate + s.citizens.neighbourInfluence})` });
      }
      const sum = s.citizens.incomeShares.reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > 1e-6) {
        ctx.addIssue({ code: 'custom', path: ['citizens', 'incomeShares'], message: `must add up to 1 (they add up to ${sum})` });
      }
      // Ids name things in actions, saves and logs: each list's ids are unique.
      const unique = (items: readonly { id: string }[], path: (string | number)[], what: string) => {
        const first = new Map<string, number>();
        items.forEach((item, i) => {
          const at = first.get(item.id);
          if (at === undefined) first.set(item.id, i);
          else ctx.addIssue({ code: 'custom', path: [...path, i, 'id'], message: `expected ${what} id of its own (duplicate ${what.replace(/^an? /, '')} id "${item.id}": ${path.join('.')}[${at}] has it already)` });
        });
      };
      unique(s.territory.districts, ['territory', 'districts'], 'a district');
      unique(s.politics.mayors, ['politics', 'mayors'], 'a mayor');
      unique(s.funding.calls, ['funding', 'calls'], 'a grant call');
      unique(s.events, ['events'], 'an event');
      s.territory.districts.forEach((d, i) => {
        if (d.households > d.population) {
          ctx.addIssue({ code: 'custom', path: ['territory', 'districts', i, 'households'], message: `expected at most the district's population (${d.population})` });
        }
      });
      if (s.politics.campaignMonths > s.politics.termYears * 12) {
        ctx.addIssue({ code: 'custom', path: ['politics', 'campaignMonths'], message: `expected a campaign within the term (politics.termYears ${s.politics.termYears}: at most ${s.politics.termYears * 12} months)` });
      }
      if (!s.politics.mayors.some((m) => m.id === s.city.mayor)) {
        ctx.addIssue({ code: 'custom', path: ['city', 'mayor'], message: `"${s.city.mayor}" is not one of politics.mayors` });
      }
      // The city votes its budget and its rates in each year's first month: by 15 April (CGCT
      // L1612-2; the rates, CGI art. 1639 A), so a year may start in January to April only.
      if (s.start.month > 4) {
        ctx.addIssue({ code: 'custom', path: ['start', 'month'], message: `expected 1–4 (January to April): each year's first month is the city's budget, voted with its rates by 15 April (CGCT L1612-2, CGI art. 1639 A)` });
      }
      const startIndex = s.start.year * 12 + s.start.month;
      const electionIndex = s.politics.nextElection.year * 12 + s.politics.nextElection.month;
      if (electionIndex <= startIndex) {
        ctx.addIssue({ code: 'custom', path: ['politics', 'nextElection', 'year'], message: `expected an election after the start (start ${s.start.year}-${String(s.start.month).padStart(2, '0')}, election month ${s.politics.nextElection.month})` });
      }
      const entries = Object.keys(s.projects.catalogue).length;
      if (entries === 0) {
        ctx.addIssue({ code: 'custom', path: ['projects', 'catalogue'], message: 'must hold at least one project' });
      } else if (entries > SCENARIO_BOUNDS.listItems) {
        ctx.addIssue({ code: 'custom', path: ['projects', 'catalogue'], message: `expected at most ${SCENARIO_BOUNDS.listItems} projects (found ${entries})` });
      }
    }),
  );

export type Scenario = z.infer<typeof scenarioSchema>;

/**
 * The lengths a game of this scenario may have, in years, shortest first: each whole number of
 * mandates (`politics.termYears`) up to `playableYears`, and `playableYears` itself. A game of a
 * given length is the scenario with `playableYears` set to it (the model runs on to `horizonYears`).
 */
export function gameLengths(s: Pick<Scenario, 'playableYears' | 'politics'>): number[] {
  const out: number[] = [];
  for (let y = s.politics.termYears; y < s.playableYears; y += s.politics.termYears) out.push(y);
  out.push(s.playableYears);
  return out;
}
