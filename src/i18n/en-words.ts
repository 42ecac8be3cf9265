/** English words that agree with their number and what the decisions screen says the model does (see fr-words.ts). */
import type { frWords } from './fr-words';

export const enWords: Record<keyof typeof frWords, string> = {
  'words.districts.one': '{n} district',
  'words.districts.other': '{n} districts',
  'words.yearsPlayed.one': '{n} year played',
  'words.yearsPlayed.other': '{n} years played',
  'words.contractsSigned.one': '{n} contract signed',
  'words.contractsSigned.other': '{n} contracts signed',
  'words.cancelled.one': '{n} cancelled',
  'words.cancelled.other': '{n} cancelled',
  'words.taxes.unchanged': 'taxes unchanged',
  'words.taxes.up': 'taxes up {pct}',
  'words.taxes.down': 'taxes down {pct}',
  'words.gov.effect': 'Alignment target {with} with it, {without} without ({gain}); each month the alignment goes {monthly} of the way to its target. Cost: {cost} a year.',
  'words.gov.effectTip': 'A measure’s gain is a share of the way from the territory’s structural alignment ({base}) to 100 %: {share} of that way, that is {gain} on the target. The alignment does not get there at once: it closes in month after month.',
  'words.alone.price': 'Price to the city: {city} ({works} of works, less {grants} of expected grants), of which {thisYear} paid before the next budget, taken from this year’s envelope.',
  'words.alone.priceNoGrant': 'Price to the city: {city} of works, of which {thisYear} paid before the next budget, taken from this year’s envelope.',
  'words.alone.priceTip': 'At the catalogue price; an overrun drawn during the works is the city’s too. Expected grants: each ticked call’s rate, within its budget and the cap on grants, times the chance that the file succeeds; only the grant won comes back to the city.',
  'words.alone.pickDistrict': 'Choose at least one district to see the price.',
  'words.envelope.label': '{year} envelope left',
  'words.envelope.notVoted': '{year} budget not voted yet: this is what is left of the previous envelope; voting the budget replaces it.',
  'words.envelope.notVotedFirst': '{year} budget not voted yet: this is the envelope planned at the start; voting the budget replaces it.',
  'words.metric.envelopeLeftEur.more': 'This is the envelope of the year being played: the budget vote sets it at the start of the year; until it is held, it is what is left of the previous one (the envelope planned at the start, in the first year).',
  'words.metric.partnerNpvEur.more': 'This is the NPV realised so far (works paid, payments received, discounted to the start of the game), not the one on the table’s chart: that one is a contract’s expected value over its whole term, through the partner’s eyes on the day of the offer. Right after a signature the realised NPV falls (the works are paid first), then climbs back with the payments.',
  'words.call.rate': '{pct} of the works',
};
