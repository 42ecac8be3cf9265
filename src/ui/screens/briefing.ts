/**
 * The briefing: the situation (the scenario's own briefing and its key facts), then for each side
 * people play, its objective, how it is scored at the end, and what the other side is known to want
 * (the computer opponent's personality, as the menu described it). Nothing private is shown: the
 * same page may be read by both groups.
 */
import { localized, t } from '../../i18n';
import { computerPlayers, type Actor } from '../../sim';
import type { Session } from '../../state/game-types';
import { icon } from '../icons';
import { continueFooter, screenRoot, screenTitle, sessionOf, type ScreenContext, type ScreenView } from './context';
import { figure, h } from '../dom';
import { capital } from '../words/names';
import { eur, num, years } from '../words/numbers';
import { monthYear } from '../words/dates';

/** The computer personality playing `side`, in words, or null when people play it. */
function computerOf(session: Session, side: Actor): { name: string; describe: string } | null {
  const id = session.setup[side];
  const p = computerPlayers(side).find((x) => x.id === id);
  if (!p) return null;
  return { name: localized(p.name), describe: localized(p.describe) };
}

/** A side's card; `withOther`: what the other side wants (left out when both cards are on the page). */
function roleCard(session: Session, side: Actor, withOther: boolean): HTMLElement {
  const sc = session.scenario;
  const other: Actor = side === 'city' ? 'partner' : 'city';
  const computer = computerOf(session, other);
  const played = session.humanSides.includes(side);
  const params = { ceiling: years(sc.city.debtCeilingYears, 0), election: monthYear(sc, session.sim.nextElectionTick), envelope: eur(sc.city.smartCityEnvelopeEur), partner: sc.partner.name };
  return h(
    'article',
    { class: `role-card side-${side}` },
    h('h2', { class: 'role-card-title' }, icon(side === 'city' ? 'city' : 'partner'), h('span', {}, played ? t(`brief.${side}.you`) : t(`brief.${side}.computer`))),
    h('h3', {}, t('brief.goal')),
    h('p', {}, t(`brief.${side}.goal`, params)),
    h('h3', {}, t('brief.score')),
    h('p', {}, t(`brief.${side}.score`, params)),
    withOther ? h('h3', {}, t('brief.other')) : null,
    withOther ? h('p', {}, t(`brief.${side}.other`, params)) : null,
    computer ? h('p', { class: 'opponent' }, h('strong', {}, computer.name), h('span', {}, ` — ${computer.describe}`)) : null,
  );
}

export function briefingScreen(ctx: ScreenContext): ScreenView {
  const session = sessionOf(ctx);
  const sc = session.scenario;
  const population = sc.territory.districts.reduce((a, d) => a + d.population, 0);
  const facts = h(
    'ul',
    { class: 'facts' },
    h('li', {}, figure(num(population), t('brief.fact.populationTip')), h('span', {}, t('brief.fact.population'))),
    h('li', {}, figure(num(sc.territory.communes), t('brief.fact.communesTip')), h('span', {}, t('brief.fact.communes'))),
    h('li', {}, figure(eur(sc.city.smartCityEnvelopeEur), t('brief.fact.envelopeTip')), h('span', {}, t('brief.fact.envelope'))),
    h('li', {}, figure(years(sc.city.debtCeilingYears, 0), t('brief.fact.ceilingTip')), h('span', {}, t('brief.fact.ceiling'))),
    h('li', {}, figure(capital(monthYear(sc, session.sim.nextElectionTick)), t('brief.fact.electionTip', { years: num(sc.politics.termYears) })), h('span', {}, t('brief.fact.election'))),
    h('li', {}, figure(years(sc.playableYears, 0), t('brief.fact.yearsTip', { horizon: years(sc.horizonYears, 0) })), h('span', {}, t('brief.fact.years'))),
  );
  const sides: Actor[] = session.humanSides.length === 1 ? session.humanSides : ['city', 'partner'];
  const { footer, go } = continueFooter(ctx);
  const el = screenRoot(
    'briefing',
    'center',
    h(
      'div',
      { class: 'card briefing-card' },
      h('p', { class: 'eyebrow' }, t(`brief.eyebrow.${session.setup.role}`)),
      screenTitle('briefing', localized(sc.title)),
      h(
        'div',
        { class: `briefing-grid${sides.length > 1 ? ' two-sides' : ''}` },
        h('section', { class: 'situation' }, h('h2', {}, t('brief.situation')), h('p', { class: 'lead' }, localized(sc.briefing)), facts),
        h('div', { class: 'role-cards' }, ...sides.map((s) => roleCard(session, s, sides.length === 1))),
      ),
      footer,
    ),
  );
  return { el, initialFocus: go };
}
