/**
 * French strings of the interface (the reference language: French text runs longer, the layout
 * is made for it). `en.ts` must provide every key of this object; the compiler checks it.
 * Scenario texts (title, briefing) and metric labels live in the scenario and in the sim's
 * REPORTERS, not here.
 */
import { frCity } from './fr-city';
import { frLength } from './fr-length';
import { frNames } from './fr-names';
import { frNegotiation } from './fr-negotiation';
import { frWords } from './fr-words';
import { frScreens } from './fr-screens';
import { frCauses } from './fr-causes';

export const fr = {
  ...frNames,
  ...frScreens,
  ...frCauses,
  ...frNegotiation,
  ...frCity,
  ...frWords,
  ...frLength,
  'app.name': 'Horizons',
  'app.tagline': 'Investir dans la ville intelligente : des horizons de temps qui ne coïncident pas',
  // Units of the sim's REPORTERS, as shown in headers and figures (unknown units show as they are).
  'unit.EUR': '€',
  'unit.MEUR': 'M€',
  'unit.services/MEUR': 'services/M€',
  'unit.years': 'ans',
  'unit.0-1': 'indice 0–1',
  'unit.x': 'indice (1 = départ)',
  'unit.services': 'services',
  'unit.pilots': 'pilotes',
  'unit.contracts': 'contrats',
  'unit.elections': 'élections',
  'unit.negotiations': 'négociations',
  'unit.points': 'points',
  'unit.service-years': 'années de service',
  "explain.city.opens":
    "Nous proposons {project} sur {years} ans à {paymentM} M€ par an : pour la ville, cela vaut {valueM} M€, et nous donnons au partenaire {acceptChance} d’accepter.",
  "explain.city.accepts":
    "Nous signons : {years} ans à {paymentM} M€ par an valent encore {valueM} M€ pour la ville, comptés à notre façon.",
  "explain.city.counters":
    "À {offeredM} M€ par an, l’accord ne vaut que {valueM} M€ pour la ville : nous offrons {paymentM} M€ sur {years} ans (nous le jugeons {believedPatience}).",
  "explain.city.tooLong":
    "{offeredYears} ans, c’est trop long pour nous : l’élection est dans {electionMonths} mois. Nous proposons {years} ans à {paymentM} M€ par an.",
  "explain.city.walksAway":
    "À {paymentM} M€ par an sur {years} ans, l’accord vaut {valueM} M€ pour la ville : nous préférons faire sans.",
  "explain.partner.accepts.cityView":
    "Nous signons : à ces conditions l’accord couvre notre coût du capital ({ratePct} %) sur {years} ans.",
  "explain.partner.needsLonger.cityView":
    "{offeredYears} ans, c’est trop court pour récupérer notre investissement à {ratePct} % : il nous faut {years} ans à {paymentM} M€ par an.",
  "explain.partner.walksAway.cityView":
    "À ces conditions l’accord ne couvre pas notre coût du capital ({ratePct} %) : nous plaçons notre capital dans d’autres villes.",
  "explain.partner.accepts":
    "Nous signons : à {ratePct} %, l’accord nous rapporte {valueM} M€ sur {years} ans.",
  "explain.partner.needsLonger":
    "{offeredYears} ans, c’est trop court pour récupérer {capitalM} M€ à {ratePct} % : il nous faut {years} ans à {paymentM} M€ par an.",
  "explain.partner.needsMore":
    "À {offeredM} M€ par an, nous ne couvrons pas notre coût du capital ({ratePct} %) : il nous faut {paymentM} M€ par an.",
  "explain.partner.needsCompensation":
    "Une nouvelle majorité pourrait résilier (un risque {cancelRisk} chaque année) : nous demandons une indemnité de résiliation de {compensationPct} % et {paymentM} M€ par an.",
  "explain.partner.walksAway":
    "À ces conditions l’accord vaut {valueM} M€ pour nous, à {ratePct} % : nous plaçons notre capital dans d’autres villes.",
  "explain.city.budget":
    "Budget de l'année : {envelopeM} M€ pour la ville intelligente, impôts inchangés (capacité de désendettement {debtYears} ans, plafond {ceilingYears}).",
  "explain.city.budgetTaxUp":
    "Budget de l'année : {envelopeM} M€ pour la ville intelligente ; l'épargne ne couvre plus le remboursement de la dette, les impôts augmentent de {taxPct} %.",
  "explain.city.budgetTaxDown":
    "Budget de l'année : {envelopeM} M€ pour la ville intelligente ; la marge est large, les impôts baissent de {taxPct} %.",
  "explain.city.smartCityOffice":
    "L'alignement n'est que de {alignmentPct} % : nous créons une mission ville intelligente pour coordonner les services.",
  "explain.city.interCommunalAgreement":
    "Un appel à projets demande plusieurs communes : nous signons un accord intercommunal (alignement {alignmentPct} %).",
  "explain.city.sharedDataPlatform":
    "La plateforme de données fonctionne : nous adoptons une politique de données partagées (alignement {alignmentPct} %).",
  "explain.playEnd.standingChoices":
    "Les années jouables sont finies : le modèle cesse de compter les mesures de gouvernance ({kept} en place) et l’effort de concertation ({concertationPct} %, habituel {usualPct} %), ni leur coût, ni les décisions qu’ils serviraient ; les contrats et les équipements continuent.",
  "explain.city.pilotAlone":
    "Nous lançons seuls une expérimentation {project} : {costM} M€ pour la ville, pour apprendre avant de déployer.",
  "explain.city.buysAlone":
    "Nous achetons seuls {project} dans {districts} quartiers : {costM} M€ pour la ville, qui valent {valueM} M€ comptés à notre façon.",
  "explain.city.abandons":
    "Nous résilions le contrat {contract} pour motif d’intérêt général et renonçons aux services qu’il fait tourner et que nous ne voulons pas garder (plateformes, capteurs et applications sont arrêtés ; les lampadaires, toitures et rues restent) : ce que nous cessons de payer, net des services perdus, vaut {savedM} M€ pour nous, plus que les {compensationM} M€ d’indemnité que la loi doit au partenaire et les {repaidM} M€ de subventions à reverser pour eux.",
  "explain.city.terminates":
    "Nous résilions le contrat {contract} pour motif d’intérêt général : ses loyers à venir valent {savedM} M€ pour nous, plus que les {compensationM} M€ d’indemnité que la loi doit au partenaire.",
  "explain.city.proposesAmendment":
    "Nous proposons un avenant au contrat {contract} : {cutPct} % de loyer en moins, sur un contrat plus long ({savedM} M€ d’économie comptés à notre façon).",
  "explain.city.studiesPartnership":
    "Nous lançons l’évaluation préalable d’un marché de partenariat pour {project} : {costM} M€, {months} mois.",
  "explain.partner.signsAmendment":
    "Nous signons l’avenant au contrat {contract} : il garde sa valeur pour nous ({valueAfterM} M€ contre {valueNowM} M€).",
  "explain.partner.refusesAmendment":
    "Nous refusons l’avenant au contrat {contract} : il vaudrait {valueAfterM} M€ pour nous au lieu de {valueNowM} M€ ; le contrat continue.",
} as const;

export type MessageKey = keyof typeof fr;
