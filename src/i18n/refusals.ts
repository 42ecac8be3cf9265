/**
 * Refusals in the player's language, rendered from their code and figures.
 *
 * The model and the store refuse an action with `{ code, params, reason }` (src/sim/refusal.ts):
 * `reason` is English for logs and scripts; players read the sentence built here from `code` and
 * `params`, in French or English. One template per code and per language, in a
 * `Record<RefusalCode, …>`, so that a code without its sentence does not compile. Each sentence
 * starts with what was refused; euros read as money (« 1,2 M€ » / "€1.2 M"), shares as
 * percentages, durations in years, in the language's number format. Project and grant-call ids
 * are named through the optional `names` the screens pass (they know the scenario).
 */
import type { Problem, RefusalCode, RefusalParams } from '../sim/refusal';
import { en } from './en';
import { fr } from './fr';
import { getLang, type Lang } from './index';

/** How ids are named in a sentence (the screens pass the scenario's names; ids otherwise). */
export interface RefusalNames {
  project?: (id: string) => string;
  call?: (id: string) => string;
}

/** The number formatting of one language, and the names the templates use. */
interface Words {
  num(x: unknown, digits?: number): string;
  money(x: unknown): string;
  pct(x: unknown, digits?: number): string;
  years(x: unknown): string;
  /** A value as `found()` described it, in this language. */
  found(x: unknown): string;
  side(x: unknown): string;
  field(x: unknown): string;
  /** A field's value in the field's unit (euros, share, years, or a plain number). */
  value(field: unknown, x: unknown): string;
  form(x: unknown): string;
  status(x: unknown): string;
  project(x: unknown): string;
  call(x: unknown): string;
  screen(x: unknown): string;
  list(x: unknown, map?: (s: string) => string): string;
}

type Templates = Record<RefusalCode, (p: RefusalParams, w: Words) => string>;

/** The phases of an award procedure (rules/procedure.ts), in each language. */
const PHASE_NAMES: Record<Lang, Record<string, string>> = {
  fr: { publication: 'de publication', bids: 'de remise des offres', negotiation: 'de négociation', award: 'd’attribution', standstill: 'de suspension (standstill)', signature: 'de signature' },
  en: { publication: 'publication', bids: 'bidding', negotiation: 'negotiation', award: 'award', standstill: 'standstill', signature: 'signature' },
};

const FIELDS: Record<Lang, Record<string, string>> = {
  fr: {
    envelopeEur: 'l’enveloppe',
    taxChange: 'la variation de la fiscalité',
    level: 'le niveau de concertation',
    measure: 'la mesure de gouvernance',
    on: 'le réglage marche/arrêt',
    pilot: 'le choix expérimentation oui/non',
    by: 'le camp',
    terms: 'les conditions',
    dataOwnership: 'la propriété des données',
    paymentCut: 'la baisse du paiement',
    contractId: 'le contrat',
    abandon: 'le choix d’abandonner les services',
    scenario: 'le scénario',
    role: 'le rôle',
    seed: 'la graine',
    city: 'le joueur de la ville',
    partner: 'le joueur du partenaire',
    months: 'le nombre de mois',
    playing: 'le choix lecture/pause',
    speed: 'la vitesse',
    overlay: 'la carte affichée',
    duration: 'la durée',
    'city capital share': 'la part d’investissement de la ville',
    'annual payment': 'le paiement annuel',
    'guaranteed saving share': 'la part d’économies garantie',
    'penalty rate': 'le taux de pénalité',
    'termination compensation': 'l’indemnité de résiliation',
    'savings share to the partner': 'la part des économies versée au partenaire',
  },
  en: {
    envelopeEur: 'the envelope',
    taxChange: 'the tax change',
    level: 'the consultation level',
    measure: 'the governance measure',
    on: 'the on/off setting',
    pilot: 'the pilot yes/no choice',
    by: 'the side',
    terms: 'the terms',
    dataOwnership: 'the data ownership',
    paymentCut: 'the payment cut',
    contractId: 'the contract',
    abandon: 'the choice to give the services up',
    scenario: 'the scenario',
    role: 'the role',
    seed: 'the seed',
    city: "the city's player",
    partner: "the partner's player",
    months: 'the number of months',
    playing: 'the play/pause choice',
    speed: 'the speed',
    overlay: 'the map shown',
    duration: 'the duration',
    'city capital share': "the city's capital share",
    'annual payment': 'the annual payment',
    'guaranteed saving share': 'the guaranteed saving share',
    'penalty rate': 'the penalty rate',
    'termination compensation': 'the termination compensation',
    'savings share to the partner': 'the savings share to the partner',
  },
};

/** The unit of each field's figures (others are plain numbers). */
const FIELD_UNIT: Record<string, 'money' | 'share' | 'years'> = {
  envelopeEur: 'money',
  'annual payment': 'money',
  taxChange: 'share',
  level: 'share',
  paymentCut: 'share',
  'city capital share': 'share',
  'guaranteed saving share': 'share',
  'termination compensation': 'share',
  'savings share to the partner': 'share',
  duration: 'years',
};

const STATUS: Record<Lang, Record<string, string>> = {
  fr: { building: 'en travaux', running: 'en cours', completed: 'terminé', cancelled: 'résilié', failed: 'en échec' },
  en: { building: 'under works', running: 'running', completed: 'completed', cancelled: 'cancelled', failed: 'failed' },
};

const SCREENS: Record<Lang, Record<string, string>> = {
  fr: {
    menu: 'menu',
    briefing: 'présentation',
    handover: 'passage de main',
    events: 'événements',
    decisions: 'décisions',
    negotiation: 'négociation',
    months: 'mois',
    yearSummary: 'bilan de l’année',
    election: 'élection',
    epilogue: 'épilogue',
    end: 'fin',
  },
  en: {
    menu: 'menu',
    briefing: 'briefing',
    handover: 'hand-over',
    events: 'events',
    decisions: 'decisions',
    negotiation: 'negotiation',
    months: 'months',
    yearSummary: 'year summary',
    election: 'election',
    epilogue: 'epilogue',
    end: 'end',
  },
};

function words(lang: Lang, names: RefusalNames): Words {
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  const catalogue: Record<string, string> = lang === 'fr' ? fr : en;
  const msg = (key: string, fallback: string) => catalogue[key] ?? fallback;
  const nf = (digits: number) => new Intl.NumberFormat(locale, { minimumFractionDigits: 0, maximumFractionDigits: digits });
  const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
  const w: Words = {
    num: (x, digits = 2) => (isNum(x) ? nf(digits).format(x) : w.found(x)),
    money: (x) => {
      if (!isNum(x)) return w.found(x);
      const abs = Math.abs(x);
      const sign = x < 0 && abs >= 0.5 ? '\u2212' : '';
      const [value, unit] = abs >= 1e6 ? [nf(1).format(abs / 1e6), 'M'] : abs >= 1e4 ? [nf(0).format(abs / 1e3), 'k'] : [nf(0).format(abs), ''];
      if (lang === 'fr') return `${sign}${value}\u00a0${unit}€`;
      return unit === 'M' ? `${sign}€${value}\u00a0M` : `${sign}€${value}${unit}`;
    },
    pct: (x, digits = 1) => (isNum(x) ? (lang === 'fr' ? `${nf(digits).format(x * 100)}\u00a0%` : `${nf(digits).format(x * 100)}%`) : w.found(x)),
    years: (x) => {
      if (!isNum(x)) return w.found(x);
      const one = Math.abs(x) <= 1;
      return lang === 'fr' ? `${nf(1).format(x)}\u00a0${one ? 'an' : 'ans'}` : `${nf(1).format(x)} ${one ? 'year' : 'years'}`;
    },
    found: (x) => {
      if (typeof x === 'number') return Number.isFinite(x) ? nf(6).format(x) : String(x);
      if (typeof x === 'boolean') return lang === 'fr' ? (x ? 'vrai' : 'faux') : String(x);
      const s = String(x);
      if (lang === 'en') return s;
      if (s === 'nothing') return 'rien';
      if (s === 'an object') return 'un objet';
      if (s.startsWith('the string ')) return `le texte ${s.slice('the string '.length)}`;
      if (s.startsWith('the number ')) return `le nombre ${s.slice('the number '.length)}`;
      if (s.startsWith('a list of ')) return `une liste de ${s.slice('a list of '.length)}`;
      return s;
    },
    side: (x) => msg(`name.sideIn.${String(x)}`, String(x)),
    field: (x) => FIELDS[lang][String(x)] ?? `« ${String(x)} »`,
    value: (field, x) => {
      const unit = FIELD_UNIT[String(field)];
      return unit === 'money' ? w.money(x) : unit === 'share' ? w.pct(x) : unit === 'years' ? w.years(x) : w.num(x);
    },
    form: (x) => msg(`name.form.${String(x)}`, String(x)),
    status: (x) => STATUS[lang][String(x)] ?? String(x),
    project: (x) => (names.project ? names.project(String(x)) : String(x)),
    call: (x) => (names.call ? names.call(String(x)) : String(x)),
    screen: (x) => SCREENS[lang][String(x)] ?? String(x),
    list: (x, map = (s) => s) =>
      String(x)
        .split(/,\s*/)
        .filter(Boolean)
        .map(map)
        .join(', '),
  };
  return w;
}

/** The inner refusal an `offerNoLongerLawful` carries: its code in `cause`, its figures beside. */
function inner(p: RefusalParams): { code: RefusalCode; params: RefusalParams } {
  const { cause, ...params } = p;
  return { code: cause as RefusalCode, params };
}

/** What `dispatch` found that is not JSON data (src/state/plain-data.ts), in French. */
const NOT_DATA_FR: Record<string, string> = {
  'a function': 'une fonction',
  'a Symbol': 'un Symbol',
  'a BigInt': 'un BigInt',
  nothing: 'rien',
  'a cycle (an object that contains itself)': 'un cycle (un objet qui se contient lui-même)',
  'an empty slot': 'une case vide',
};

const FR: Templates = {
  notAnAction: (p, w) => `Action refusée : une action est un objet avec un « type », reçu ${w.found(p.found)}.`,
  unknownAction: (p, w) => `Action refusée : ce type d’action n’existe pas (reçu ${w.found(p.type)}).`,
  fieldNotNumber: (p, w) => `Action refusée : ${w.field(p.field)} doit être un nombre (reçu ${w.found(p.found)}).`,
  fieldOutOfRange: (p, w) => `Action refusée : ${w.field(p.field)} vaut ${w.value(p.field, p.found)} ; la valeur doit être comprise entre ${w.value(p.field, p.min)} et ${w.value(p.field, p.max)}.`,
  fieldNotBoolean: (p, w) => `Action refusée : ${w.field(p.field)} doit être oui ou non (reçu ${w.found(p.found)}).`,
  fieldUnknownValue: (p, w) => `Action refusée : ${w.field(p.field)} ne peut pas valoir ${w.found(p.found)} (valeurs possibles : ${w.list(p.expected)}).`,
  playableYearsOver: (p, w) => `Décision refusée : les ${w.num(p.years, 0)} années jouables sont finies ; la simulation continue sans nouvelles décisions.`,
  notYourTurn: (p) => `Coup refusé : c’est ${p.turn === 'partner' ? 'au partenaire' : p.turn === 'city' ? 'à la ville' : `à ${String(p.turn)}`} de répondre.`,
  oneRoundAMonth: () => 'Coup refusé : un seul tour de négociation par mois ; attendez le mois prochain.',
  roundsExhausted: (p, w) => `Offre refusée : la négociation a épuisé ses ${w.num(p.max, 0)} tours ; acceptez l’offre ou rompez.`,
  awaitingRatification: () => 'Coup refusé : l’accord est accepté et attend la ratification du conseil municipal.',
  noPartner: () => 'Offre refusée : aucun partenaire avec qui négocier tant qu’un nouveau n’est pas arrivé.',
  noOffer: () => 'Acceptation refusée : il n’y a pas d’offre à accepter.',
  ownOffer: () => 'Acceptation refusée : un camp ne peut pas accepter sa propre offre.',
  noNegotiation: () => 'Rupture refusée : il n’y a pas de négociation à quitter.',
  offerNoLongerLawful: (p, w) => {
    const i = inner(p);
    const cause = i.code in FR && i.code !== 'offerNoLongerLawful' ? FR[i.code](i.params, w) : String(p.cause);
    return `Acceptation refusée : l’offre n’est plus légale : ${stripLead(cause)}`;
  },
  notPartnerContract: (p, w) => `Action refusée : le contrat ${w.found(p.contract)} n’est pas un contrat avec le partenaire.`,
  nothingToGiveUp: (p, w) => `Action refusée : le contrat ${w.num(p.contract, 0)} ne fait tourner aucun service qu’on puisse arrêter (plateforme, capteurs, application… en service) ; seul ce qui est bâti y sert (éclairage, toitures, rues) ou ses travaux ne sont pas finis. Il peut être résilié, pas abandonné.`,
  contractNotRunning: (p, w) => `Action refusée : le contrat ${w.num(p.contract, 0)} n’est plus en cours (il est ${w.status(p.status)}).`,
  scalePilotByContract: () => 'Action refusée : pour étendre une expérimentation, proposez un contrat pour son projet dans les autres quartiers.',
  unknownForm: (p, w) => `Offre refusée : cette forme de contrat n’existe pas (reçu ${w.found(p.found)} ; formes possibles : ${w.list(p.expected, w.form)}).`,
  noProject: () => 'Offre refusée : elle ne nomme aucun projet.',
  unknownProject: (p, w) => `Offre refusée : le projet ${w.project(p.project)} n’existe pas dans ce scénario.`,
  projectTwice: () => 'Offre refusée : un projet y est cité deux fois.',
  noDistrict: () => 'Offre refusée : elle ne couvre aucun quartier.',
  districtTwice: () => 'Offre refusée : un quartier y est cité deux fois.',
  unknownDistrict: (p, w) => `Offre refusée : le quartier ${w.found(p.district)} n’existe pas (de 0 à ${w.num(p.max, 0)}).`,
  termNotNumber: (p, w) => `Offre refusée : ${w.field(p.term)} doit être un nombre (reçu ${w.found(p.found)}).`,
  termOutOfRange: (p, w) => `Offre refusée : ${w.field(p.term)} vaut ${w.value(p.term, p.found)} ; la valeur doit être comprise entre ${w.value(p.term, p.min)} et ${w.value(p.term, p.max)}.`,
  terminationCompensationCap: (p, w) => `Offre refusée : l’indemnité de résiliation de ${w.pct(p.found)} dépasse le plafond de ${w.pct(p.max)} fixé par ce scénario.`,
  guaranteeCap: (p, w) => `Offre refusée : la part d’économies garantie de ${w.pct(p.found)} dépasse le plafond de ${w.pct(p.max)} fixé par ce scénario.`,
  grantCallsNotList: (p, w) => `Offre refusée : les appels à projets doivent être une liste (reçu ${w.found(p.found)}).`,
  grantCallTwice: () => 'Offre refusée : un appel à projets y est cité deux fois.',
  grantCallClosed: (p, w) => `Offre refusée : l’appel à projets « ${w.call(p.call)} » n’est pas ouvert en ce moment.`,
  grantWithoutCityShare: (p, w) => p.form === 'concession' ? `Offre refusée : dans une concession sans contribution publique (part de la ville 0 %), c’est le concessionnaire, pas la ville, qui demande les subventions (appel « ${w.call(p.call)} »).` : `Offre refusée : une subvention parvient à un contrat sous la forme « ${w.form(p.form)} » par la contribution de la ville à l’investissement, et celui-ci n’en a pas (part de la ville 0 % : le partenaire préfinance tous les travaux, remboursés par le loyer) ; rien à présenter à l’appel « ${w.call(p.call)} ».`,
  pilotForm: () => 'Offre refusée : une expérimentation prend la forme « expérimentation », et cette forme est réservée aux expérimentations.',
  pilotOneDistrict: () => 'Offre refusée : une expérimentation se fait dans un seul quartier.',
  pilotNotAllowed: (p, w) => `Offre refusée : le projet ${w.project(p.project)} ne peut pas commencer par une expérimentation.`,
  pilotDuration: (p, w) => `Offre refusée : une expérimentation dure de 1 à ${w.years(p.max)}, pas ${w.years(p.found)}.`,
  contractTooShort: (p, w) => `Offre refusée : un contrat sous la forme « ${w.form(p.form)} » dure au moins un an.`,
  procurementTerms: () => 'Offre refusée : dans un marché public classique, la ville paie tout le prix des travaux et aucun paiement annuel.',
  concessionNeverRecovers: () =>
    'Offre refusée : à ces conditions le partenaire ne récupère jamais son investissement, aucune durée de concession n’est donc légale ; augmentez le paiement ou la part de la ville.',
  concessionTooLong: (p, w) =>
    `Offre refusée : une concession ne peut pas durer plus que le temps d’amortir l’investissement avec un retour (art. R3114-2 du code de la commande publique) : ici ${w.years(p.limit)}, pas ${w.years(p.found)}.`,
  purchaseRefusedByCouncil: (p, w) =>
    `Achat refusé : il n’est pas soumis au conseil, qui a rejeté l’achat de ${w.project(p.project)} dans ${String(p.districts).includes(',') ? 'les quartiers' : 'le quartier'} ${String(p.districts)} pendant ce mandat, sa majorité s’étant divisée. Il ne se prononcera de nouveau qu’avec un quartier de plus, un appel à subventions auquel l’achat est éligible, ou après les prochaines élections.`,
  familyUnderContract: (p, w) =>
    `Achat refusé : ${w.project(p.project)} est déjà ${p.by === 'negotiation' ? `en cours de négociation dans le quartier ${String(p.district)} (négociation ${w.num(p.id, 0)})` : `sous contrat dans le quartier ${String(p.district)} (contrat ${w.num(p.id, 0)})`} ; la ville n’achète pas deux fois le même service dans un quartier (définition préalable des besoins, art. L2111-1 du code de la commande publique).`,
  goldenRule: (p, w) =>
    `Offre refusée par l’équilibre réel (art. L1612-4 du CGCT) : payer ${w.money(p.paymentEur)} par an laisserait la section de fonctionnement incapable de rembourser la dette sur ses ressources propres (épargne brute ${w.money(p.grossSavingsEur)}, remboursement ${w.money(p.principalEur)}, paiements déjà signés ${w.money(p.pendingEur)}).`,
  debtCeiling: (p, w) =>
    `Offre refusée par le plafond d’endettement : emprunter ${w.money(p.borrowEur)} porterait la capacité de désendettement à ${Number(p.ratioYears) >= 99 ? 'plus de 99 ans' : w.years(p.ratioYears)}, au-delà du plafond de ${w.years(p.ceilingYears)}.`,
  deferredPayment: (p, w) =>
    `Offre refusée : le paiement différé est interdit hors marché de partenariat (art. L2191-5 du code de la commande publique) ; dans un contrat « ${w.form(p.form)} », la ville paie les travaux à leur avancement (part de la ville 100 %, pas ${w.pct(p.cityCapitalShare)}).`,
  outlivesEquipment: (p, w) =>
    `Offre refusée : dans ce jeu, un contrat ne renouvelle pas ses équipements ; il ne peut donc pas durer plus longtemps que son équipement le plus court, ${w.project(p.project)} (${w.num(p.lifetimeYears, 0)} ans, et non ${w.num(p.durationYears, 0)}). Au-delà, la ville paierait un service qui n’est plus rendu. En réalité, l’acheteur fixe la durée selon la nature des prestations (art. L2112-5 du code de la commande publique) et peut confier le renouvellement au titulaire (gros entretien-renouvellement).`,
  partnershipBelowThreshold: (p, w) =>
    `Offre refusée : un marché de partenariat n’est permis qu’au-delà de ${w.money(p.thresholdEur)} de travaux pour son objet (art. R2211-1) ; ces travaux coûtent ${w.money(p.capexEur)}.`,
  partnershipNotStudied: (p, w) =>
    Number(p.readyInMonths) >= 0
      ? `Offre refusée : l’évaluation préalable de ce partenariat n’est pas finie (encore ${w.num(p.readyInMonths, 0)} mois ; art. L2212-1).`
      : 'Offre refusée : un marché de partenariat exige d’abord une évaluation préalable et une étude de soutenabilité budgétaire de son périmètre (art. L2212-1 et L2212-2).',
  partnershipNoValueForMoney: (p, w) =>
    `Offre refusée : l’évaluation préalable juge ce partenariat moins avantageux qu’un marché public (${w.money(p.partnershipValueEur)} contre ${w.money(p.procurementValueEur)} pour la ville, au taux public).`,
  partnershipStudyExists: (p, w) => `Étude refusée : une évaluation préalable de ce périmètre existe déjà (prête au mois ${w.num(p.readyTick, 0)} de la partie).`,
  concessionNoOperatingRisk: (p, w) =>
    `Offre refusée : une concession transfère le risque d’exploitation (art. L1121-1) ; un paiement annuel de ${w.money(p.paymentEur)} rembourserait à lui seul les coûts du partenaire avec un retour.`,
  amendmentPending: (p, w) => `Avenant refusé : un avenant au contrat ${w.num(p.contract, 0)} attend déjà la réponse du partenaire.`,
  amendmentUnbalanced: (p, w) =>
    `Avenant refusé : baisser le paiement du contrat ${w.num(p.contract, 0)} de ${w.pct(p.paymentCut)} ne laisse aucun allongement préserver l’équilibre financier du partenaire : le paiement ne couvrirait plus ses coûts d’exploitation, ou l’allongement dépasserait la durée de vie des équipements, et ces mois ne paieraient plus rien.`,
  amendmentTooLong: (p, w) =>
    `Avenant refusé : préserver l’équilibre financier du partenaire porterait le contrat ${w.num(p.contract, 0)} à ${w.years(p.foundYears)}, au-delà de ${w.years(p.limitYears)}.`,
  amendmentSubstantial: (p, w) =>
    `Avenant refusé : il ajouterait ${w.money(p.modificationEur)} au contrat ${w.num(p.contract, 0)}, d’une valeur initiale de ${w.money(p.initialValueEur)} ; au-delà de ${w.pct(p.limitShare)} de celle-ci ou du seuil européen de ${w.money(p.thresholdEur)} (marché ${p.object === 'works' ? 'de travaux' : 'de fournitures ou de services'}), c’est une modification substantielle qui exige une nouvelle mise en concurrence (art. R2194-7 et R2194-8 du code de la commande publique).`,
  noAmendment: (p, w) => `Réponse refusée : aucun avenant au contrat ${w.num(p.contract, 0)} n’attend de réponse.`,
  budgetSettled: (p, w) =>
    `Engagement refusé : le budget est réglé par le préfet après l’avis de la chambre régionale des comptes (art. L1612-5 ou L1612-14 du CGCT) ; aucun nouvel engagement avant le mois ${w.num(p.untilTick, 0)} de la partie.`,
  taxOutsideBudget: (p, w) =>
    `Budget refusé : les taux d’imposition se votent une fois par an, avec le budget (art. 1639 A du CGI) ; prochain vote au mois ${w.num(p.nextBudgetTick, 0)} de la partie.`,
  taxAlreadyVoted: (p, w) =>
    `Budget refusé : les taux de cette année ont déjà été votés au mois ${w.num(p.votedTick, 0)} (art. 1639 A du CGI) ; prochain vote au mois ${w.num(p.nextBudgetTick, 0)} de la partie.`,
  taxCap: (p, w) =>
    `Budget refusé : les taux porteraient le niveau d’imposition à ${w.num(p.foundLevel, 2)}, au-delà du plafond légal de ${w.num(p.capLevel, 2)} (art. 1636 B septies du CGI).`,
  envelopeExceeded: (p, w) =>
    `Engagement refusé par l’enveloppe smart city : la part de la ville dans ces travaux cette année, ${w.money(p.neededEur)} nets des subventions attendues, dépasse les ${w.money(p.envelopeLeftEur)} qui restent de l’enveloppe votée.`,
  envelopeUnfinanceable: (p, w) =>
    `Budget refusé : une enveloppe de ${w.money(p.envelopeEur)} ne peut pas être financée cette année ; l’épargne nette et ce que les banques prêteraient laissent ${w.money(p.capacityEur)} après le programme courant, pour les travaux déjà signés comme pour les nouveaux.`,
  paymentsDueNotCarried: (p, w) =>
    `Budget refusé : une enveloppe de ${w.money(p.envelopeEur)} n’inscrit pas les ${w.money(p.dueEur)} de crédits de paiement dus cette année sur les travaux déjà signés ; un budget qui les omet n’est pas sincère (art. L1612-4 du CGCT), et le préfet les inscrirait d’office (art. L1612-15).`,
  programmeUnfinanceable: (p, w) =>
    `Engagement refusé par le plan pluriannuel d’investissement : dans ${w.num(p.yearsAhead, 0)} an(s), ces travaux (${w.money(p.worksEur)}) et ceux déjà signés appelleraient ${w.money(p.neededEur)} de crédits de paiement, plus que les ${w.money(p.capacityEur)} par an que le budget peut financer après le programme courant.`,
  realBalance: (p, w) =>
    `Budget refusé par l’équilibre réel (art. L1612-4 du CGCT) : une baisse d’impôts de ${w.money(p.taxCutEur)} par an laisserait une épargne nette à venir de ${w.money(p.netSavingsEur)}, insuffisante pour rembourser la dette.`,
  lendersRefuse: (p, w) =>
    `Engagement refusé : aucune banque ne prêterait ; emprunter ${w.money(p.borrowEur)} porterait la capacité de désendettement de ${Number(p.signedYears) >= 99 ? 'plus de 99 ans' : w.years(p.signedYears)} (engagements compris, comme dans le bandeau) à ${Number(p.ratioYears) >= 99 ? 'plus de 99 ans' : w.years(p.ratioYears)}, au-delà des ${w.years(p.limitYears)} que les prêteurs acceptent (la référence de ${w.years(p.referenceYears)} est déjà une alerte).`,
  procedurePhase: (p, w) =>
    `Coup refusé : la procédure de passation est en phase ${PHASE_NAMES.fr[String(p.phase)] ?? String(p.phase)} ; encore ${w.num(p.monthsLeft, 0)} mois avant de pouvoir négocier.`,
  aboveCompetitiveBid: (p, w) =>
    `Offre refusée par la concurrence : un paiement annuel de ${w.money(p.paymentEur)} dépasse ce qu’accepterait le suivant des ${w.num(p.bidders, 0)} candidats (${w.money(p.capEur)}) ; le marché va à l’offre économiquement la plus avantageuse.`,
  fieldNotWholeNumber: (p, w) => `Action refusée : ${w.field(p.field)} doit être un nombre entier de ${w.num(p.min, 0)} à ${w.num(p.max, 0)} (reçu ${w.found(p.found)}).`,
  fieldNotData: (p, w) =>
    p.expected !== undefined
      ? `Action refusée : ${w.field(p.field)} ne peut être repris (reçu ${String(p.found)} ; attendu ${String(p.expected)}).`
      : `Action refusée : ${w.field(p.field)} n’est pas une donnée JSON (reçu ${NOT_DATA_FR[String(p.found)] ?? String(p.found)}) ; attendu : un nombre, un texte, vrai ou faux, une liste ou un objet.`,
  fieldUnknown: (p, w) => `Action refusée : ${w.field(p.field)} n’est pas un champ de « ${String(p.action)} » (ses champs : ${w.list(p.expected)}).`,
  wrongScreen: (p, w) => `Action refusée : « ${String(p.action)} » n’est pas possible sur l’écran ${w.screen(p.screen)} (possible sur : ${w.list(p.possible, w.screen)}).`,
  noMonthOpen: () => 'Décision refusée : aucun mois n’est ouvert aux décisions ; attendez le mois prochain.',
  sideComputer: (p, w) => `Décision refusée : ${w.side(p.side)} est ${p.side === 'city' ? 'jouée' : 'joué'} par l’ordinateur dans cette partie.`,
  sideNotYours: (p, w) => `Décision refusée : c’est le groupe de ${w.side(p.side)} qui a la main.`,
  sidePlayedByPeople: (p, w) => `Partie refusée : ${w.side(p.side)} est ${p.side === 'city' ? 'jouée' : 'joué'} par des personnes dans ce rôle ; ne lui choisissez pas de joueur informatique.`,
  noSideToPlay: () => 'Négociation refusée : personne ne joue de camp dans cette partie.',
  needsGame: (p) => `Action refusée : « ${String(p.action)} » demande une partie ; commencez-en une depuis le menu.`,
  noSave: () => 'Reprise refusée : il n’y a pas de partie sauvegardée.',
  saveUnreadable: (p) => `Reprise refusée : la sauvegarde est illisible (${String(p.error)}).`,
  saveDoesNotReplay: (p, w) =>
    `Reprise refusée : la partie sauvegardée ne se rejoue pas avec cette version du modèle (année ${w.num(p.year, 0)} : empreinte ${String(p.hash)}, la sauvegarde dit ${String(p.saved)}).`,
  noUnreadableSave: () => 'Action refusée : il n’y a pas de sauvegarde illisible à mettre de côté.',
  internalError: (p) => `Action refusée par une erreur interne du jeu : ${String(p.message)}.`,
};

const EN: Templates = {
  notAnAction: (p, w) => `Action refused: an action is an object with a "type", found ${w.found(p.found)}.`,
  unknownAction: (p, w) => `Action refused: there is no such action type (found ${w.found(p.type)}).`,
  fieldNotNumber: (p, w) => `Action refused: ${w.field(p.field)} must be a number (found ${w.found(p.found)}).`,
  fieldOutOfRange: (p, w) => `Action refused: ${w.field(p.field)} is ${w.value(p.field, p.found)}, but must lie between ${w.value(p.field, p.min)} and ${w.value(p.field, p.max)}.`,
  fieldNotBoolean: (p, w) => `Action refused: ${w.field(p.field)} must be yes or no (found ${w.found(p.found)}).`,
  fieldUnknownValue: (p, w) => `Action refused: ${w.field(p.field)} cannot be ${w.found(p.found)} (possible values: ${w.list(p.expected)}).`,
  playableYearsOver: (p, w) => `Decision refused: the ${w.num(p.years, 0)} playable years are over; the simulation runs on without new decisions.`,
  notYourTurn: (p, w) => `Move refused: it is ${w.side(p.turn)}'s turn to answer.`,
  oneRoundAMonth: () => 'Move refused: one negotiation round a month; wait for next month.',
  roundsExhausted: (p, w) => `Offer refused: the negotiation has had its ${w.num(p.max, 0)} rounds; accept the offer or walk away.`,
  awaitingRatification: () => 'Move refused: the deal is accepted and awaits the council’s ratification.',
  noPartner: () => 'Offer refused: there is no partner to negotiate with until a new one arrives.',
  noOffer: () => 'Acceptance refused: there is no offer to accept.',
  ownOffer: () => 'Acceptance refused: a side cannot accept its own offer.',
  noNegotiation: () => 'Walking away refused: there is no negotiation to leave.',
  offerNoLongerLawful: (p, w) => {
    const i = inner(p);
    const cause = i.code in EN && i.code !== 'offerNoLongerLawful' ? EN[i.code](i.params, w) : String(p.cause);
    return `Acceptance refused: the offer is no longer lawful: ${stripLead(cause)}`;
  },
  notPartnerContract: (p, w) => `Action refused: contract ${w.found(p.contract)} is not a contract with the partner.`,
  nothingToGiveUp: (p, w) => `Action refused: contract ${w.num(p.contract, 0)} runs no service that can be switched off (a platform, sensors, an app… in service); what it holds goes on serving once built (lighting, roofs, streets) or its works are not finished. It can be cancelled, not given up.`,
  contractNotRunning: (p, w) => `Action refused: contract ${w.num(p.contract, 0)} is no longer running (it is ${w.status(p.status)}).`,
  scalePilotByContract: () => 'Action refused: to scale a pilot up, propose a contract for its project in the other districts.',
  unknownForm: (p, w) => `Offer refused: there is no such contract form (found ${w.found(p.found)}; possible forms: ${w.list(p.expected, w.form)}).`,
  noProject: () => 'Offer refused: it names no project.',
  unknownProject: (p, w) => `Offer refused: there is no project ${w.project(p.project)} in this scenario.`,
  projectTwice: () => 'Offer refused: it names a project twice.',
  noDistrict: () => 'Offer refused: it covers no district.',
  districtTwice: () => 'Offer refused: it names a district twice.',
  unknownDistrict: (p, w) => `Offer refused: district ${w.found(p.district)} does not exist (0 to ${w.num(p.max, 0)}).`,
  termNotNumber: (p, w) => `Offer refused: ${w.field(p.term)} must be a number (found ${w.found(p.found)}).`,
  termOutOfRange: (p, w) => `Offer refused: ${w.field(p.term)} is ${w.value(p.term, p.found)}, but must lie between ${w.value(p.term, p.min)} and ${w.value(p.term, p.max)}.`,
  terminationCompensationCap: (p, w) => `Offer refused: a termination compensation of ${w.pct(p.found)} is above this scenario's cap of ${w.pct(p.max)}.`,
  guaranteeCap: (p, w) => `Offer refused: a guaranteed saving share of ${w.pct(p.found)} is above this scenario's cap of ${w.pct(p.max)}.`,
  grantCallsNotList: (p, w) => `Offer refused: the grant calls must be a list (found ${w.found(p.found)}).`,
  grantCallTwice: () => 'Offer refused: it names a grant call twice.',
  grantCallClosed: (p, w) => `Offer refused: the grant call "${w.call(p.call)}" is not open now.`,
  grantWithoutCityShare: (p, w) => p.form === 'concession' ? `Offer refused: in a concession with no public contribution (city share 0 %), the concessionaire, not the city, applies for grants (call "${w.call(p.call)}").` : `Offer refused: a grant reaches a contract in the form "${w.form(p.form)}" through the city's contribution to the investment, and this one has none (city share 0 %: the partner pre-finances all the works, repaid through the rent); nothing to file to the call "${w.call(p.call)}".`,
  pilotForm: () => 'Offer refused: a pilot uses the pilot form, and the pilot form is for pilots.',
  pilotOneDistrict: () => 'Offer refused: a pilot runs in one district.',
  pilotNotAllowed: (p, w) => `Offer refused: ${w.project(p.project)} cannot start as a pilot.`,
  pilotDuration: (p, w) => `Offer refused: a pilot lasts 1 to ${w.years(p.max)}, not ${w.years(p.found)}.`,
  contractTooShort: (p, w) => `Offer refused: a contract in the form "${w.form(p.form)}" lasts at least a year.`,
  procurementTerms: () => 'Offer refused: in a procurement contract the city pays the whole price of the works and no annual payment.',
  concessionNeverRecovers: () => 'Offer refused: under these terms the partner never recovers its investment, so no concession length is lawful; raise the payment or the city share.',
  concessionTooLong: (p, w) =>
    `Offer refused: a concession may not run longer than needed to recover the investment with a return (art. R3114-2 of the public procurement code): here ${w.years(p.limit)}, not ${w.years(p.found)}.`,
  purchaseRefusedByCouncil: (p, w) =>
    `Purchase refused: it is not put to the council, which rejected the purchase of ${w.project(p.project)} in ${String(p.districts).includes(',') ? 'districts' : 'district'} ${String(p.districts)} in this mandate, its majority having split. It will decide again only with one more district, a grant call the purchase is eligible for, or after the next elections.`,
  familyUnderContract: (p, w) =>
    `Purchase refused: ${w.project(p.project)} is already ${p.by === 'negotiation' ? `under negotiation in district ${String(p.district)} (negotiation ${w.num(p.id, 0)})` : `under contract in district ${String(p.district)} (contract ${w.num(p.id, 0)})`}; the city does not buy the same service twice in a district (needs defined beforehand, art. L2111-1 of the public procurement code).`,
  goldenRule: (p, w) =>
    `Offer refused by the real balance (art. L1612-4 of the CGCT): paying ${w.money(p.paymentEur)} a year would leave the operating section unable to repay debt from its own resources (gross savings ${w.money(p.grossSavingsEur)}, debt repayment ${w.money(p.principalEur)}, payments already signed ${w.money(p.pendingEur)}).`,
  debtCeiling: (p, w) =>
    `Offer refused by the debt ceiling: borrowing ${w.money(p.borrowEur)} would raise debt ÷ gross savings to ${Number(p.ratioYears) >= 99 ? 'more than 99 years' : w.years(p.ratioYears)}, above the ceiling of ${w.years(p.ceilingYears)}.`,
  deferredPayment: (p, w) =>
    `Offer refused: deferred payment is forbidden outside a partnership contract (art. L2191-5 of the public procurement code); in a "${w.form(p.form)}" contract the city pays the works as built (city share 100 %, not ${w.pct(p.cityCapitalShare)}).`,
  outlivesEquipment: (p, w) =>
    `Offer refused: in this game a contract renews none of its equipment, so it may not last longer than its shortest-lived equipment, ${w.project(p.project)} (${w.num(p.lifetimeYears, 0)} years, not ${w.num(p.durationYears, 0)}). Beyond that the city would pay for a service no longer rendered. In reality the buyer sets the length from the nature of the services (art. L2112-5 of the public procurement code) and may have the holder renew the equipment (major maintenance and renewal).`,
  partnershipBelowThreshold: (p, w) =>
    `Offer refused: a partnership contract is allowed only above ${w.money(p.thresholdEur)} of works for its object (art. R2211-1); these works cost ${w.money(p.capexEur)}.`,
  partnershipNotStudied: (p, w) =>
    Number(p.readyInMonths) >= 0
      ? `Offer refused: the prior evaluation of this partnership is not finished (${w.num(p.readyInMonths, 0)} more months; art. L2212-1).`
      : 'Offer refused: a partnership contract needs a prior evaluation and a budget-sustainability study of its scope first (art. L2212-1 and L2212-2).',
  partnershipNoValueForMoney: (p, w) =>
    `Offer refused: the prior evaluation finds this partnership worse value than public procurement (${w.money(p.partnershipValueEur)} against ${w.money(p.procurementValueEur)} for the city, at the public rate).`,
  partnershipStudyExists: (p, w) => `Study refused: a prior evaluation of this scope exists already (ready in month ${w.num(p.readyTick, 0)} of the game).`,
  concessionNoOperatingRisk: (p, w) =>
    `Offer refused: a concession transfers the operating risk (art. L1121-1); an annual payment of ${w.money(p.paymentEur)} alone would repay the partner's costs with a return.`,
  amendmentPending: (p, w) => `Amendment refused: an amendment to contract ${w.num(p.contract, 0)} already awaits the partner's answer.`,
  amendmentUnbalanced: (p, w) =>
    `Amendment refused: cutting the payment of contract ${w.num(p.contract, 0)} by ${w.pct(p.paymentCut)} leaves no lengthening that keeps the partner's financial balance: the payment would no longer cover its running costs, or the lengthening would outlast the equipment, whose extra months would pay for nothing.`,
  amendmentTooLong: (p, w) =>
    `Amendment refused: keeping the partner's financial balance would make contract ${w.num(p.contract, 0)} last ${w.years(p.foundYears)}, beyond ${w.years(p.limitYears)}.`,
  amendmentSubstantial: (p, w) =>
    `Amendment refused: it would add ${w.money(p.modificationEur)} to contract ${w.num(p.contract, 0)}, whose initial value is ${w.money(p.initialValueEur)}; beyond ${w.pct(p.limitShare)} of it or the EU threshold of ${w.money(p.thresholdEur)} (a ${p.object === 'works' ? 'works' : 'supplies or services'} contract), it is a substantial modification that needs a new award (art. R2194-7 and R2194-8 of the public procurement code).`,
  noAmendment: (p, w) => `Answer refused: no amendment to contract ${w.num(p.contract, 0)} awaits an answer.`,
  budgetSettled: (p, w) =>
    `Commitment refused: the budget is settled by the prefect after the regional audit chamber's review (art. L1612-5 or L1612-14 of the CGCT); no new commitment before month ${w.num(p.untilTick, 0)} of the game.`,
  taxOutsideBudget: (p, w) =>
    `Budget refused: tax rates are voted once a year, with the budget (art. 1639 A of the CGI); next vote in month ${w.num(p.nextBudgetTick, 0)} of the game.`,
  taxAlreadyVoted: (p, w) =>
    `Budget refused: this year's rates were already voted in month ${w.num(p.votedTick, 0)} (art. 1639 A of the CGI); next vote in month ${w.num(p.nextBudgetTick, 0)} of the game.`,
  taxCap: (p, w) =>
    `Budget refused: the rates would take the tax level to ${w.num(p.foundLevel, 2)}, past its legal cap of ${w.num(p.capLevel, 2)} (art. 1636 B septies of the CGI).`,
  envelopeExceeded: (p, w) =>
    `Commitment refused by the smart-city envelope: the city's share of these works this year, ${w.money(p.neededEur)} net of expected grants, exceeds the ${w.money(p.envelopeLeftEur)} left in the envelope the council voted.`,
  envelopeUnfinanceable: (p, w) =>
    `Budget refused: an envelope of ${w.money(p.envelopeEur)} cannot be financed this year; net savings and what banks would lend leave ${w.money(p.capacityEur)} after the baseline programme, for the works already signed and new ones alike.`,
  paymentsDueNotCarried: (p, w) =>
    `Budget refused: an envelope of ${w.money(p.envelopeEur)} leaves out the ${w.money(p.dueEur)} of payment credits falling due this year on works already signed; a budget that omits them is not sincere (art. L1612-4 of the CGCT), and the prefect would write them in (art. L1612-15).`,
  programmeUnfinanceable: (p, w) =>
    `Commitment refused by the multi-year investment plan: ${w.num(p.yearsAhead, 0)} year(s) from now these works (${w.money(p.worksEur)}) and those already signed would call for ${w.money(p.neededEur)} of payment credits, more than the ${w.money(p.capacityEur)} a year the budget can finance after the baseline programme.`,
  realBalance: (p, w) =>
    `Budget refused by the real balance (art. L1612-4 of the CGCT): a tax cut of ${w.money(p.taxCutEur)} a year would leave net savings to come of ${w.money(p.netSavingsEur)}, not enough to repay the debt.`,
  lendersRefuse: (p, w) =>
    `Commitment refused: no bank would lend; borrowing ${w.money(p.borrowEur)} would raise debt ÷ gross savings from ${Number(p.signedYears) >= 99 ? 'more than 99 years' : w.years(p.signedYears)} (with commitments, as in the top bar) to ${Number(p.ratioYears) >= 99 ? 'more than 99 years' : w.years(p.ratioYears)}, past the ${w.years(p.limitYears)} lenders accept (the ${w.years(p.referenceYears)} reference is already an alarm).`,
  procedurePhase: (p, w) =>
    `Move refused: the award procedure is in its ${PHASE_NAMES.en[String(p.phase)] ?? String(p.phase)} phase; ${w.num(p.monthsLeft, 0)} more month(s) before the sides can negotiate.`,
  aboveCompetitiveBid: (p, w) =>
    `Offer refused by competition: an annual payment of ${w.money(p.paymentEur)} is above what the next of ${w.num(p.bidders, 0)} bidders would accept (${w.money(p.capEur)}); the award goes to the economically most advantageous offer.`,
  fieldNotWholeNumber: (p, w) => `Action refused: ${w.field(p.field)} must be a whole number from ${w.num(p.min, 0)} to ${w.num(p.max, 0)} (found ${w.found(p.found)}).`,
  fieldNotData: (p, w) =>
    p.expected !== undefined
      ? `Action refused: ${w.field(p.field)} cannot be taken as it is (found ${String(p.found)}; expected ${String(p.expected)}).`
      : `Action refused: ${w.field(p.field)} is not JSON data (found ${String(p.found)}); expected a number, a string, true or false, a list or an object.`,
  fieldUnknown: (p, w) => `Action refused: ${w.field(p.field)} is not a field of "${String(p.action)}" (its fields: ${w.list(p.expected)}).`,
  wrongScreen: (p, w) => `Action refused: "${String(p.action)}" is not possible on the ${w.screen(p.screen)} screen (possible on: ${w.list(p.possible, w.screen)}).`,
  noMonthOpen: () => 'Decision refused: no month is open for decisions; wait for the next month.',
  sideComputer: (p, w) => `Decision refused: ${w.side(p.side)} is played by the computer in this game.`,
  sideNotYours: (p, w) => `Decision refused: ${w.side(p.side)}'s group holds the controls now.`,
  sidePlayedByPeople: (p, w) => `Game refused: ${w.side(p.side)} is played by people in this role; choose no computer player for it.`,
  noSideToPlay: () => 'Negotiation refused: nobody plays a side in this game.',
  needsGame: (p) => `Action refused: "${String(p.action)}" needs a game; start one from the menu.`,
  noSave: () => 'Resuming refused: there is no saved game.',
  saveUnreadable: (p) => `Resuming refused: the save cannot be read (${String(p.error)}).`,
  saveDoesNotReplay: (p, w) => `Resuming refused: the saved game does not replay with this version of the model (year ${w.num(p.year, 0)}: hash ${String(p.hash)}, the save says ${String(p.saved)}).`,
  noUnreadableSave: () => 'Action refused: there is no unreadable save to set aside.',
  internalError: (p) => `Action refused by an internal error of the game: ${String(p.message)}.`,
};

/** Each language's templates (exported for the test that renders every code). */
const REFUSAL_TEMPLATES: Record<Lang, Templates> = { fr: FR, en: EN };

/** What was refused, at the head of each sentence ("Offre refusée : ", "Offer refused by "). */
const LEAD = /^[\p{L}’/ ]+? refus(?:ée?|ed)(?: par | : | by |: )/u;

/** A sentence of ours without its lead, to quote inside another ("… : <cause>"). */
function stripLead(s: string): string {
  const rest = s.replace(LEAD, '');
  // Lower-case the first letter, unless it starts an acronym or a name ("LED", "Éclairage LED" stays).
  return rest.length > 1 && rest.charAt(1) === rest.charAt(1).toLowerCase() && !/^\p{Lu}\S*\s\p{Lu}/u.test(rest) ? rest.charAt(0).toLowerCase() + rest.slice(1) : rest;
}

/** A refusal in `lang` (the interface's language by default), from its code and figures. */
export function renderRefusal(p: Pick<Problem, 'code' | 'params'>, names: RefusalNames = {}, lang: Lang = getLang()): string {
  const template = REFUSAL_TEMPLATES[lang][p.code];
  return template ? template(p.params, words(lang, names)) : p.code;
}

/** Only the cause of a refusal, without what was refused (for "This offer is not lawful: …", "Limit: …"). */
export function renderRefusalCause(p: Pick<Problem, 'code' | 'params'>, names: RefusalNames = {}, lang: Lang = getLang()): string {
  return stripLead(renderRefusal(p, names, lang));
}
