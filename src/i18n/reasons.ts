/**
 * The simulation's reasons in the player's language.
 *
 * The model refuses an illegal action with a reason in plain English (`{ ok: false, reason }`),
 * the words a script or a test reads. The game shows those reasons to players: in English as they
 * are, in French through the patterns below, which recognise every reason a player can meet
 * through the interface (turns, rounds, ratification, the budget's rules (rules/legality.ts), the
 * concession length, pilots, the scenario's limits, the store's own refusals) and put their
 * numbers into a French sentence. A reason no pattern knows (a malformed action from a script)
 * is shown as it is. tests/i18n-reasons.test.ts checks the patterns against the model's real messages.
 */
import { getLang } from './index';

const SIDE_FR: Record<string, string> = { city: 'la ville', partner: 'le partenaire', suppliers: 'les fournisseurs' };
const side = (s: string) => SIDE_FR[s] ?? s;
/** `€1.2 M` (the model's English) → `1,2 M€`. */
const eur = (s: string) => s.replace('€', '').replace(/(\d)\.(\d)/, '$1,$2').trim() + (s.includes('€') ? '€' : '');

/** French templates, in the order tried; `$1`… are the captures, passed through the optional mapper. */
const FR: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^the offer is no longer lawful: (.*)$/, (m) => `l’offre n’est plus légale : ${localizeFr(m[1]!)}`],
  [/^it is the (city|partner)'s turn to answer$/, (m) => `c’est à ${side(m[1]!)} de répondre`],
  [/^it is the (city|partner)'s turn$/, (m) => `c’est au tour de ${side(m[1]!)}`],
  [/^it is the (city|partner)'s group that holds the controls now$/, (m) => `c’est le groupe de ${side(m[1]!)} qui a la main`],
  [/^the (city|partner) is played by the computer in this game$/, (m) => `${side(m[1]!)} est joué(e) par l’ordinateur dans cette partie`],
  [/^one round a month: wait for next month$/, () => 'un tour par mois : attendez le mois prochain'],
  [/^one round a month: answer next month$/, () => 'un tour par mois : répondez le mois prochain'],
  [/^the negotiation has had its (\d+) rounds: accept the offer or walk away$/, (m) => `la négociation a épuisé ses ${m[1]} tours : acceptez l’offre ou rompez`],
  [/^the deal is accepted and awaits ratification: no new offer now$/, () => 'l’accord est accepté et attend la ratification : pas de nouvelle offre'],
  [/^the deal is already accepted and awaits ratification$/, () => 'l’accord est déjà accepté et attend la ratification'],
  [/^there is no partner to negotiate with until a new one arrives$/, () => 'aucun partenaire avec qui négocier tant qu’un nouveau n’est pas arrivé'],
  [/^there is no offer to accept$/, () => 'il n’y a pas d’offre à accepter'],
  [/^there is no negotiation to leave$/, () => 'il n’y a pas de négociation à quitter'],
  [/^a side cannot accept its own offer$/, () => 'on ne peut pas accepter sa propre offre'],
  [/^the playable years are over \((\d+)\); the simulation runs on without new decisions$/, (m) => `les ${m[1]} années jouables sont finies ; la simulation continue sans nouvelles décisions`],
  [/^the offer names no project$/, () => 'l’offre ne nomme aucun projet'],
  [/^the offer covers no district$/, () => 'l’offre ne couvre aucun quartier'],
  [/^a project is named twice$/, () => 'un projet est cité deux fois'],
  [/^a district is named twice$/, () => 'un quartier est cité deux fois'],
  [/^termination compensation: found ([\d.]+), this scenario allows at most ([\d.]+)$/, (m) => `indemnité de résiliation : ${m[1]}, ce scénario autorise au plus ${m[2]}`],
  [/^guaranteed saving share: found ([\d.]+), this scenario allows at most ([\d.]+)$/, (m) => `part d’économies garantie : ${m[1]}, ce scénario autorise au plus ${m[2]}`],
  [/^grant call "(.*)" is not open now$/, (m) => `l’appel à projets « ${m[1]} » n’est pas ouvert`],
  [/^a pilot uses the pilot form, and the pilot form is for pilots$/, () => 'une expérimentation prend la forme « pilote », et cette forme est réservée aux expérimentations'],
  [/^a pilot runs in one district$/, () => 'une expérimentation se fait dans un seul quartier'],
  [/^(.*) cannot start as a pilot$/, (m) => `${m[1]} ne peut pas commencer par une expérimentation`],
  [/^a pilot lasts 1 to (\d+) years$/, (m) => `une expérimentation dure de 1 à ${m[1]} ans`],
  [/^a (\w+) contract lasts at least a year$/, () => 'ce contrat dure au moins un an'],
  [/^in a procurement contract the city pays the whole price of the works and no annual payment$/, () => 'dans un marché public classique, la ville paie tout le prix des travaux et aucun loyer annuel'],
  [/^under these terms the partner never recovers its investment, so no concession length is lawful: raise the payment or the city share$/, () => 'à ces conditions le partenaire ne récupère jamais son investissement : aucune durée de concession n’est légale ; augmentez le paiement ou la part de la ville'],
  [/^a concession may not run longer than needed to recover the investment with a return \(R3114-2\): here (\d+) years, not (\d+)$/, (m) => `une concession ne peut pas durer plus que le temps d’amortir l’investissement avec un retour (art. R3114-2) : ici ${m[1]} ans, pas ${m[2]}`],
  // the budget (CGCT), rules/legality.ts
  [
    /^the real balance \(CGCT L1612-4\): paying (\S+ ?\S*) a year would leave the operating section unable to repay debt from its own resources \(gross savings (\S+ ?\S*), debt repayment (\S+ ?\S*), already signed (\S+ ?\S*)\)$/,
    (m) => `l’équilibre réel (CGCT L1612-4) : payer ${eur(m[1]!)} par an empêcherait la section de fonctionnement de rembourser la dette sur ses ressources propres (épargne brute ${eur(m[2]!)}, remboursement ${eur(m[3]!)}, déjà signé ${eur(m[4]!)})`,
  ],
  [
    /^no bank would lend: borrowing (\S+ ?\S*) would raise debt ÷ gross savings to ([\d.]+) years, past the ([\d.]+) years lenders accept \(the ([\d.]+)-year reference is already an alarm\)$/,
    (m) => `aucune banque ne prêterait : emprunter ${eur(m[1]!)} porterait la capacité de désendettement à ${m[2]!.replace('.', ',')} ans, au-delà des ${m[3]} ans qu’acceptent les prêteurs (la référence de ${m[4]} ans est déjà une alerte)`,
  ],
  [
    /^the smart-city envelope: the city's share of these works this year, (\S+ ?\S*) net of expected grants, exceeds the (\S+ ?\S*) left in the envelope the council voted$/,
    (m) => `l’enveloppe smart city : la part de la ville dans ces travaux cette année, ${eur(m[1]!)} nets des subventions attendues, dépasse les ${eur(m[2]!)} qui restent dans l’enveloppe votée par le conseil`,
  ],
  [
    /^an envelope of (\S+ ?\S*) cannot be financed this year: net savings and what banks would lend leave (\S+ ?\S*) after the baseline programme and the works already signed$/,
    (m) => `une enveloppe de ${eur(m[1]!)} ne peut pas être financée cette année : l’épargne nette et ce que les banques prêteraient laissent ${eur(m[2]!)} après le programme d’investissement courant et les travaux déjà signés`,
  ],
  [
    /^a tax cut of (\S+ ?\S*) a year would leave the budget out of real balance \(CGCT L1612-4\): net savings to come are (\S+ ?\S*)$/,
    (m) => `une baisse d’impôts de ${eur(m[1]!)} par an romprait l’équilibre réel du budget (CGCT L1612-4) : l’épargne nette attendue est de ${eur(m[2]!)}`,
  ],
  [
    /^the budget is settled by the prefect after the regional audit chamber's review \(CGCT L1612-5\): no new commitment until month (\d+)$/,
    (m) => `le budget est réglé par le préfet après l’avis de la chambre régionale des comptes (CGCT L1612-5) : aucun nouvel engagement avant le mois ${m[1]}`,
  ],
  [/^contract (\d+) is not a contract with the partner$/, (m) => `le contrat ${m[1]} n’est pas un contrat avec le partenaire`],
  [/^contract (\d+) is (\w+), not running$/, (m) => `le contrat ${m[1]} n’est plus en cours`],
  [/^wait for the next month to negotiate$/, () => 'attendez le mois prochain pour négocier'],
  [/^there is no saved game$/, () => 'il n’y a pas de partie sauvegardée'],
  [/^nobody plays a side in this game$/, () => 'personne ne joue de camp dans cette partie'],
];

function localizeFr(text: string): string {
  for (const [re, render] of FR) {
    const m = text.match(re);
    if (m) return render(m);
  }
  return text;
}

/** A reason from the model or the store, in the current language. */
export function localizeReason(r: string | { reason: string }): string {
  const text = typeof r === 'string' ? r : r.reason;
  return getLang() === 'fr' ? localizeFr(text) : text;
}

/** Whether the French patterns know this reason (for the tests). */
export function knowsReason(text: string): boolean {
  return FR.some(([re]) => re.test(text));
}
