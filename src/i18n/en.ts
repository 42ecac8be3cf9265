/** English strings of the interface; the keys are those of `fr.ts` (checked by the compiler). */
import type { MessageKey } from './fr';

import { enCity } from './en-city';
import { enLength } from './en-length';
import { enNames } from './en-names';
import { enNegotiation } from './en-negotiation';
import { enWords } from './en-words';
import { enScreens } from './en-screens';
import { enCauses } from './en-causes';

export const en: Record<MessageKey, string> = {
  ...enNames,
  ...enScreens,
  ...enCauses,
  ...enNegotiation,
  ...enCity,
  ...enWords,
  ...enLength,
  'app.name': 'Horizons',
  'app.tagline': 'Investing in the smart city: time horizons that do not match',
  // Units of the sim's REPORTERS, as shown in headers and figures (unknown units show as they are).
  'unit.EUR': '€',
  'unit.MEUR': '€M',
  'unit.services/MEUR': 'services/€M',
  'unit.years': 'years',
  'unit.0-1': 'index 0–1',
  'unit.x': 'index (1 = start)',
  'unit.services': 'services',
  'unit.pilots': 'pilots',
  'unit.contracts': 'contracts',
  'unit.elections': 'elections',
  'unit.negotiations': 'negotiations',
  'unit.points': 'points',
  'unit.service-years': 'service-years',
  "explain.city.opens":
    "We offer {project} over {years} years at €{paymentM} M a year: worth €{valueM} M to the city, and we give the partner {acceptChance} of accepting.",
  "explain.city.accepts":
    "We sign: {years} years at €{paymentM} M a year are still worth €{valueM} M to the city, as we count it.",
  "explain.city.counters":
    "At €{offeredM} M a year the deal is worth only €{valueM} M to the city: we offer €{paymentM} M over {years} years (we think it is {believedPatience}).",
  "explain.city.tooLong":
    "{offeredYears} years is too long for us: the election is {electionMonths} months away. We offer {years} years at €{paymentM} M a year.",
  "explain.city.walksAway":
    "At €{paymentM} M a year over {years} years the deal is worth €{valueM} M to the city: we would rather do without.",
  "explain.partner.accepts.cityView":
    "We sign: on these terms the deal covers our cost of capital ({ratePct} %) over {years} years.",
  "explain.partner.needsLonger.cityView":
    "{offeredYears} years is too short to recover our investment at {ratePct} %: we need {years} years at €{paymentM} M a year.",
  "explain.partner.walksAway.cityView":
    "On these terms the deal does not cover our cost of capital ({ratePct} %): we will put our capital into other cities.",
  "explain.partner.accepts":
    "We sign: at {ratePct} %, the deal is worth €{valueM} M to us over {years} years.",
  "explain.partner.needsLonger":
    "{offeredYears} years is too short to recover €{capitalM} M at {ratePct} %: we need {years} years at €{paymentM} M a year.",
  "explain.partner.needsMore":
    "At €{offeredM} M a year we do not cover our cost of capital ({ratePct} %): we need €{paymentM} M a year.",
  "explain.partner.needsCompensation":
    "A new majority could cancel (a {cancelRisk} risk each year): we ask for {compensationPct} % termination compensation and €{paymentM} M a year.",
  "explain.partner.walksAway":
    "At these terms the deal is worth €{valueM} M to us at {ratePct} %: we take our capital to other cities.",
  "explain.city.budget":
    "This year's budget: €{envelopeM} M for the smart city, taxes unchanged (debt-capacity ratio {debtYears} years, ceiling {ceilingYears}).",
  "explain.city.budgetTaxUp":
    "This year's budget: €{envelopeM} M for the smart city; savings no longer cover debt repayment, so taxes rise by {taxPct} %.",
  "explain.city.budgetTaxDown":
    "This year's budget: €{envelopeM} M for the smart city; the margin is wide, so taxes fall by {taxPct} %.",
  "explain.city.smartCityOffice":
    "Alignment is only {alignmentPct} %: we set up a smart-city office to coordinate the departments.",
  "explain.city.interCommunalAgreement":
    "A grant call needs several communes: we sign an inter-communal agreement (alignment {alignmentPct} %).",
  "explain.city.sharedDataPlatform":
    "The data platform runs: we adopt a shared data policy (alignment {alignmentPct} %).",
  "explain.playEnd.standingChoices":
    "The playable years are over: the model stops counting the governance measures ({kept} in place) and the concertation effort ({concertationPct} %, usual {usualPct} %), neither their cost nor the decisions they would serve; the contracts and the equipment run on.",
  "explain.city.pilotAlone":
    "We start a {project} pilot on our own: €{costM} M of city money, to learn before deploying.",
  "explain.city.buysAlone":
    "We buy {project} on our own in {districts} districts: €{costM} M of city money, worth €{valueM} M as we count it.",
  "explain.city.abandons":
    "We end contract {contract} in the public interest and give up the services it runs that we do not want to keep (the platforms, sensors and apps are switched off; the lamps, roofs and streets stay): what we stop paying, net of the services we lose, is worth €{savedM} M to us, more than the €{compensationM} M of compensation the law owes the partner and the €{repaidM} M of grants we must repay for them.",
  "explain.city.terminates":
    "We end contract {contract} in the public interest: its payments still to come are worth €{savedM} M to us, more than the €{compensationM} M of compensation the law owes the partner.",
  "explain.city.proposesAmendment":
    "We propose an amendment to contract {contract}: {cutPct} % less a year, over a longer contract (€{savedM} M saved as we count it).",
  "explain.city.studiesPartnership":
    "We commission the prior evaluation of a partnership contract for {project}: €{costM} M, {months} months.",
  "explain.partner.signsAmendment":
    "We sign the amendment to contract {contract}: it keeps its value to us (€{valueAfterM} M against €{valueNowM} M).",
  "explain.partner.refusesAmendment":
    "We refuse the amendment to contract {contract}: it would be worth €{valueAfterM} M to us instead of €{valueNowM} M; the contract runs on.",
};
