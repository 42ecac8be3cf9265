/**
 * What the decisions screen says the model does, in the player's language, from the sim's own
 * queries (nothing here computes the model): a governance measure's effect on the alignment
 * target (`governanceEffect`), the price of a purchase alone before it is launched
 * (`launchAlonePrice`), and the envelope of the year being played.
 */
import { t } from '../../i18n';
import { GOVERNANCE_MEASURES, governanceEffect, launchAlonePrice, type Action, type Scenario, type SimState } from '../../sim';
import { eur, pct, points } from './numbers';

type Measure = (typeof GOVERNANCE_MEASURES)[number];

/** A governance measure as the model applies it: the alignment target with it and without it, how fast the alignment follows, its cost; and the tooltip that says why the gain is not the measure's raw figure. */
export function governanceWords(sim: SimState, scenario: Scenario, measure: Measure): { text: string; tip: string } {
  const e = governanceEffect(sim, scenario, measure);
  const gain = points(e.targetWith - e.targetWithout);
  return {
    text: t('words.gov.effect', { with: pct(e.targetWith), without: pct(e.targetWithout), gain, monthly: pct(e.monthlyShare, 1), cost: eur(scenario.coordination.measures[measure].costEur) }),
    tip: t('words.gov.effectTip', { base: pct(scenario.coordination.alignment), share: pct(scenario.coordination.measures[measure].gain), gain }),
  };
}

/** The price of launching a project alone with these choices, before the click; a prompt when no district is chosen. */
export function alonePriceWords(sim: SimState, scenario: Scenario, a: Omit<Extract<Action, { type: 'launchAlone' }>, 'type' | 'explanation'>): string {
  const price = launchAlonePrice(sim, scenario, a);
  if (!price) return t('words.alone.pickDistrict');
  return price.expectedGrantsEur >= 1
    ? t('words.alone.price', { city: eur(price.cityEur), works: eur(price.worksEur), grants: eur(price.expectedGrantsEur), thisYear: eur(price.thisYearEur) })
    : t('words.alone.priceNoGrant', { city: eur(price.cityEur), thisYear: eur(price.thisYearEur) });
}
