/**
 * Metrics, declared once as reporters: the CLI's JSON and CSV, the tests and the game's charts all
 * read these declarations. Each reporter computes one number from the state; the summary of a run
 * is every reporter at its end, the yearly series every reporter at the end of each year.
 */
import { meanSatisfaction, districtServiceLevel } from './rules/citizens';
import { servicesDelivered } from './rules/services';
import { partnerIrrMedian, procedureMonthsMedian } from './contract-records';
import type { Scenario } from './scenario-schema';
import { cityScore, everyoneMoneyEur, partnerScore, territoryScore } from './scores';
import type { SimState } from './types';

export interface Reporter {
  key: string;
  label: { fr: string; en: string };
  unit: string;
  describe: { fr: string; en: string };
  compute: (state: SimState, scenario: Scenario) => number;
}


/**
 * The incumbent's vote intention over the whole territory: each district's intention weighted by
 * its number of citizen agents (every agent has one vote, as at the election).
 */
export function voteIntention(s: SimState): number {
  const starts = s.citizenDistrictStart;
  const total = starts[starts.length - 1] ?? 0;
  if (total === 0) return 0;
  return s.districts.reduce((acc, d, i) => acc + d.voteIntention * ((starts[i + 1] ?? 0) - (starts[i] ?? 0)), 0) / total;
}

function orphanPilots(s: SimState): number {
  let n = 0;
  for (const d of s.deployments) if (d.pilot && !d.scaled && (d.stage === 'ended' || d.duplicate)) n += 1;
  return n;
}

export const REPORTERS: readonly Reporter[] = [
  {
    key: 'servicesDelivered',
    label: { fr: 'Services en fonctionnement', en: 'Services running' },
    unit: 'services',
    describe: { fr: 'Familles de projets qui fonctionnent à l\u2019échelle d\u2019un quartier, comptées une fois (une famille dans un quartier = un service ; les pilotes ne comptent pas).', en: 'Project families running at scale in a district, counted once (one family in one district = one service; pilots do not count).' },
    compute: servicesDelivered,
  },
  {
    key: 'pilotsStarted',
    label: { fr: 'Expérimentations lancées', en: 'Pilots started' },
    unit: 'pilots',
    describe: { fr: 'Pilotes lancés depuis le début, y compris ceux qu\u2019une commune refait seule.', en: 'Pilots started since the beginning, including copies a commune runs alone.' },
    compute: (s) => s.counters.pilotsStarted,
  },
  {
    key: 'pilotsScaled',
    label: { fr: 'Pilotes passés à l\u2019échelle', en: 'Pilots scaled up' },
    unit: 'pilots',
    describe: { fr: 'Pilotes dont le projet a ensuite été déployé sur le territoire.', en: 'Pilots whose project was then deployed across the territory.' },
    compute: (s) => s.counters.pilotsScaled,
  },
  {
    key: 'contractsSigned',
    label: { fr: 'Contrats signés', en: 'Contracts signed' },
    unit: 'contracts',
    describe: { fr: 'Contrats signés avec le partenaire industriel.', en: 'Contracts signed with the industrial partner.' },
    compute: (s) => s.counters.contractsSigned,
  },
  {
    key: 'contractsRenegotiated',
    label: { fr: 'Contrats renégociés', en: 'Contracts renegotiated' },
    unit: 'contracts',
    describe: { fr: 'Renégociations imposées par une nouvelle majorité.', en: 'Renegotiations imposed by a new majority.' },
    compute: (s) => s.counters.contractsRenegotiated,
  },
  {
    key: 'contractsCancelled',
    label: { fr: 'Contrats résiliés', en: 'Contracts cancelled' },
    unit: 'contracts',
    describe: { fr: 'Contrats résiliés avant leur terme (avec indemnité de résiliation s\u2019il y en a une).', en: 'Contracts ended early (with termination compensation if the contract has one).' },
    compute: (s) => s.counters.contractsCancelled,
  },
  {
    key: 'cityMoneySpentEur',
    label: { fr: 'Argent de la ville dépensé', en: 'City money spent' },
    unit: 'EUR',
    describe: { fr: 'Ce que la ville a payé pour ses projets smart city (travaux, loyers, parts d\u2019économies, exploitation, réparations, indemnités, gouvernance), moins subventions et pénalités reçues.', en: 'What the city paid for smart-city projects (works, payments, savings shares, operation, repairs, compensation, governance), less grants and penalties received.' },
    compute: (s) => s.city.smartCitySpentEur,
  },
  {
    key: 'servicesPerMillionEur',
    label: { fr: 'Services par million d\u2019euros', en: 'Services per € million' },
    unit: 'services/MEUR',
    describe: { fr: 'Services en fonctionnement par million d\u2019euros d\u2019argent de la ville.', en: 'Services running per million euros of city money.' },
    compute: (s) => (s.city.smartCitySpentEur > 1e5 ? servicesDelivered(s) / (s.city.smartCitySpentEur / 1e6) : 0),
  },
  {
    key: 'citizenSatisfaction',
    label: { fr: 'Satisfaction des habitants', en: 'Citizen satisfaction' },
    unit: '0-1',
    describe: { fr: 'Satisfaction moyenne des ménages (0 à 1).', en: 'Mean satisfaction of households (0 to 1).' },
    compute: (s) => meanSatisfaction(s),
  },
  {
    key: 'incumbentReelections',
    label: { fr: 'Réélections du maire sortant', en: 'Incumbent re-elections' },
    unit: 'elections',
    describe: { fr: 'Élections gagnées par la majorité sortante.', en: 'Elections won by the sitting majority.' },
    compute: (s) => s.counters.incumbentReelections,
  },
  {
    key: 'elections',
    label: { fr: 'Élections', en: 'Elections' },
    unit: 'elections',
    describe: { fr: 'Élections municipales tenues.', en: 'Municipal elections held.' },
    compute: (s) => s.counters.elections,
  },
  {
    key: 'cityDebtEur',
    label: { fr: 'Dette de la ville', en: 'City debt' },
    unit: 'EUR',
    describe: { fr: 'Encours de dette de la collectivité.', en: 'Outstanding debt of the local authority.' },
    compute: (s) => s.city.debtEur,
  },
  {
    key: 'debtCapacityYears',
    label: { fr: 'Capacité de désendettement', en: 'Debt-capacity ratio' },
    unit: 'years',
    describe: { fr: 'Dette ÷ épargne brute, en années ; plafond de référence 12 ans.', en: 'Debt ÷ gross savings, in years; reference ceiling 12 years.' },
    compute: (s) => s.city.debtCapacityYears,
  },
  {
    key: 'partnerNpvEur',
    label: { fr: 'VAN du partenaire', en: 'Partner NPV' },
    unit: 'EUR',
    describe: { fr: 'Valeur actuelle nette, au coût du capital du partenaire, de ses flux avec la ville.', en: 'Net present value, at the partner\u2019s cost of capital, of its flows with the city.' },
    compute: (s) => s.partner.npvEur,
  },
  {
    key: 'energySavedMWh',
    label: { fr: 'Énergie économisée', en: 'Energy saved' },
    unit: 'MWh',
    describe: { fr: 'Énergie économisée (ou produite) depuis le début.', en: 'Energy saved (or produced) since the beginning.' },
    compute: (s) => s.counters.energySavedMWh,
  },
  {
    key: 'co2AvoidedT',
    label: { fr: 'CO₂ évité', en: 'CO₂ avoided' },
    unit: 't',
    describe: { fr: 'Émissions évitées depuis le début, en tonnes de CO₂.', en: 'Emissions avoided since the beginning, in tonnes of CO₂.' },
    compute: (s) => s.counters.co2AvoidedT,
  },
  {
    key: 'grantsWonEur',
    label: { fr: 'Subventions obtenues', en: 'Grants won' },
    unit: 'EUR',
    describe: { fr: 'Subventions (État, Région, FEDER) obtenues depuis le début.', en: 'Grants (State, Region, EU) won since the beginning.' },
    compute: (s) => s.counters.grantsWonEur,
  },
  {
    key: 'alignment',
    label: { fr: 'Alignement', en: 'Alignment' },
    unit: '0-1',
    describe: { fr: 'Alignement entre services, communes et habitants (0 à 1).', en: 'Alignment between departments, communes and citizens (0 to 1).' },
    compute: (s) => s.alignment,
  },
  {
    key: 'serviceQuality',
    label: { fr: 'Qualité de service', en: 'Service quality' },
    unit: '0-1',
    describe: { fr: 'Niveau de service moyen des quartiers (0 à 1).', en: 'Mean service level of the districts (0 to 1).' },
    compute: (s) => s.districts.reduce((a, d) => a + districtServiceLevel(d.services), 0) / Math.max(1, s.districts.length),
  },
  {
    key: 'orphanPilots',
    label: { fr: 'Pilotes orphelins', en: 'Orphan pilots' },
    unit: 'pilots',
    describe: { fr: 'Pilotes terminés sans passage à l\u2019échelle, et copies lancées par une commune seule.', en: 'Pilots that ended without scaling up, and copies a commune ran alone.' },
    compute: orphanPilots,
  },
  {
    key: 'negotiationsFailed',
    label: { fr: 'Négociations rompues', en: 'Negotiations broken off' },
    unit: 'negotiations',
    describe: { fr: 'Négociations abandonnées par l\u2019un des camps ou bloquées par un veto.', en: 'Negotiations abandoned by one side or blocked by a veto.' },
    compute: (s) => s.counters.negotiationsFailed,
  },
  {
    key: 'voteShare',
    label: { fr: 'Score du sortant', en: 'Incumbent vote share' },
    unit: '0-1',
    describe: { fr: 'Part des voix du maire sortant à la dernière élection.', en: 'The incumbent\u2019s share of the vote at the last election.' },
    compute: (s) => s.lastVoteShare,
  },
  {
    key: 'taxLevel',
    label: { fr: 'Niveau des impôts', en: 'Tax level' },
    unit: 'x',
    describe: { fr: 'Impôts locaux par rapport au départ (1 = inchangés).', en: 'Local taxes relative to the start (1 = unchanged).' },
    compute: (s) => s.city.taxLevel,
  },
  {
    key: 'cityCashEur',
    label: { fr: 'Trésorerie de la ville', en: 'City cash' },
    unit: 'EUR',
    describe: { fr: 'Trésorerie cumulée de la ville (négative : ligne de trésorerie).', en: 'The city\u2019s cumulated cash (negative: a short-term credit line).' },
    compute: (s) => s.ledger.balancesCents.city / 100,
  },
  {
    key: 'partnerCashEur',
    label: { fr: 'Trésorerie du partenaire', en: 'Partner cash' },
    unit: 'EUR',
    describe: { fr: 'Trésorerie du partenaire : sa trésorerie de départ plus ses flux avec la ville.', en: 'The partner\u2019s cash: its opening cash plus its flows with the city.' },
    compute: (s, sc) => sc.partner.cashEur + s.ledger.balancesCents.partner / 100,
  },
  // The figures the game's HUD follows month by month (declared here so the CSV and the charts have them too).
  {
    key: 'voteIntention',
    label: { fr: 'Intention de vote', en: 'Vote intention' },
    unit: '0-1',
    describe: { fr: 'Part des habitants qui voteraient aujourd\u2019hui pour le maire sortant (quartiers pondérés par leurs habitants). Au-dessus de 50 %, il serait réélu.', en: 'Share of residents who would vote for the incumbent mayor today (districts weighted by their residents). Above 50%, the mayor would be re-elected.' },
    compute: voteIntention,
  },
  {
    key: 'envelopeLeftEur',
    label: { fr: 'Enveloppe restante', en: 'Envelope left' },
    unit: 'EUR',
    describe: { fr: 'Argent de la ville encore disponible cette année pour les projets smart city (contrats et achats en propre).', en: 'City money still available this year for smart-city projects (contracts and purchases of its own).' },
    compute: (s) => s.city.envelopeLeftEur,
  },
  {
    key: 'grossSavingsEur',
    label: { fr: 'Épargne brute', en: 'Gross savings' },
    unit: 'EUR',
    describe: { fr: 'Recettes moins dépenses de fonctionnement des douze derniers mois : ce qui reste pour rembourser la dette et investir.', en: 'Operating revenue minus operating spending over the last twelve months: what is left to repay debt and invest.' },
    compute: (s) => s.city.grossSavingsEur,
  },
  // What the scores are made of, and the scores (scores.ts; MODEL.md §15, "Scores").
  {
    key: 'serviceYears',
    label: { fr: 'Années de service', en: 'Service-years' },
    unit: 'service-years',
    describe: { fr: 'Services en fonctionnement cumulés dans le temps : un service qui fonctionne un an compte 1.', en: 'Services running, added up over time: one service running for a year counts 1.' },
    compute: (s) => s.scores.serviceYears,
  },
  {
    key: 'everyoneMoneySpentEur',
    label: { fr: 'Argent de tous dépensé', en: 'Everyone\u2019s money spent' },
    unit: 'EUR',
    describe: { fr: 'Argent dépensé pour les projets smart city par tous : la ville (net du FCTVA, qui rembourse une TVA perçue par l\u2019État), les subventions (contribuables de l\u2019État, de la Région, de l\u2019UE) et le partenaire (ce qu\u2019il a payé moins ce qu\u2019il a reçu).', en: 'Money spent on smart-city projects by everyone: the city (net of the FCTVA, which refunds VAT the State collected), grants (the State\u2019s, the Region\u2019s, the EU\u2019s taxpayers) and the partner (what it paid less what it received).' },
    compute: everyoneMoneyEur,
  },
  {
    key: 'cityScore',
    label: { fr: 'Score de la ville', en: 'City score' },
    unit: 'points',
    describe: { fr: 'Ce que la ville a obtenu pour son argent sur l\u2019horizon : valeur des services, du CO₂ évité et des économies moins son argent, satisfaction (hors effet des impôts, un transfert), budget sain. 0 = ne rien faire, 100 = tout le monde pleinement servi et satisfait, sans coût.', en: 'What the city got for its money over the horizon: value of services, CO₂ avoided and savings less its money, satisfaction (taxes left out: a transfer), a sound budget. 0 = doing nothing, 100 = everyone fully served and satisfied, at no cost.' },
    compute: cityScore,
  },
  {
    key: 'partnerScore',
    label: { fr: 'Score du partenaire', en: 'Partner score' },
    unit: 'points',
    describe: { fr: 'VAN du partenaire à son coût du capital, donc nette d\u2019une rémunération normale de son capital : 0 = une rémunération normale (ce que laisse la concurrence) ; 100 = une rente de référence, la marge du scénario (12 % dans Dijon-like) sur le prix de tout le catalogue construit sur le territoire, au-delà de cette rémunération.', en: 'The partner\u2019s NPV at its cost of capital, so net of a normal return on its capital: 0 = a normal return (what competition leaves); 100 = a reference rent, the scenario\u2019s margin (12 % in Dijon-like) on the price of building the whole catalogue across the territory, above that return.' },
    compute: partnerScore,
  },
  {
    key: 'territoryScore',
    label: { fr: 'Score du territoire', en: 'Territory score' },
    unit: 'points',
    describe: { fr: 'Résultat collectif : services, CO₂ évité et économies moins l\u2019argent de tous (ville, partenaire, subventions ; pas le FCTVA), et la satisfaction des habitants (hors effet des impôts). 0 = ne rien faire, 100 = tout le monde pleinement servi et satisfait, sans coût.', en: 'The collective result: services, CO₂ avoided and savings less everyone\u2019s money (city, partner, grants; not the FCTVA), and citizens\u2019 satisfaction (taxes left out). 0 = doing nothing, 100 = everyone fully served and satisfied, at no cost.' },
    compute: territoryScore,
  },
  // Contracts and energy (issue 9): what the contracts array of `sim --format json` details, in figures.
  {
    key: 'partnerIrrMedian',
    label: { fr: 'Rentabilité médiane du partenaire', en: 'Partner\u2019s median return' },
    unit: '/yr',
    describe: {
      fr: 'Taux de rentabilité interne réalisé (réel, par an, du projet, sans effet de levier) médian du partenaire, d\u2019après ses flux réels, sur les contrats terminés et ceux en cours dont les flux cumulés sont redevenus positifs ; 0 tant qu\u2019aucun n\u2019a de taux défini.',
      en: 'The partner\u2019s median realised internal rate of return (real, per year, an unlevered project rate), from its actual flows, over the contracts that have ended and the running ones whose cumulated flows have turned positive; 0 while none has a defined rate.',
    },
    compute: (s) => partnerIrrMedian(s),
  },
  {
    key: 'procedureMonthsMedian',
    label: { fr: 'Durée médiane des procédures', en: 'Median procedure length' },
    unit: 'months',
    describe: {
      fr: 'Mois médians entre l\u2019ouverture de la procédure (l\u2019avis publié) et la signature, sur les contrats signés avec le partenaire ; 0 avant le premier.',
      en: 'Median months from the opening of the procedure (the notice published) to signature, over the contracts signed with the partner; 0 before the first.',
    },
    compute: (s) => procedureMonthsMedian(s),
  },
  {
    key: 'lightingEnergyMWh',
    label: { fr: 'Énergie de l\u2019éclairage public', en: 'Street-lighting energy' },
    unit: 'MWh',
    describe: {
      fr: 'Énergie consommée par l\u2019éclairage public sur les douze derniers mois (en fin d\u2019année : cette année-là).',
      en: 'Energy used by the street lighting over the last twelve months (at a year\u2019s end: that year).',
    },
    compute: (s) => s.lightingMWhMonths.reduce((a, x) => a + x, 0),
  },
];

export const SUMMARY_KEYS: readonly string[] = REPORTERS.map((r) => r.key);

export type Summary = Record<string, number>;

/** Every reporter now. */
export function report(state: SimState, scenario: Scenario): Summary {
  const out: Summary = {};
  for (const r of REPORTERS) out[r.key] = r.compute(state, scenario);
  return out;
}
