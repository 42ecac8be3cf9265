/**
 * The events of the year, as cards: each event that happened as the year opened (its title, one
 * sentence with its size), the grant calls that opened (funder, budget, rate, deadline and
 * conditions), and the election when it falls within the year. A quiet year says so. They are the
 * news at the top of the decisions screen (`yearNews`), with the budget cards (also on the year summary).
 */
import './news.css';
import { t } from '../../i18n';
import type { LogEntry, LogEntryOf, Scenario } from '../../sim';
import type { GrantCallState } from '../../sim/types';
import { icon, type IconName } from '../icons';
import { sessionOf, type ScreenContext } from './context';
import { figure, h } from '../dom';
import { yearEntries, yearStartTick } from './figures';
import { callName, capital, funderName } from '../words/names';
import { debtAlarmWords, eventIcon, eventText, eventTitle, settlementWords } from '../words/events';
import { eur, months, pct } from '../words/numbers';
import { calendarMonthName, monthYear } from '../words/dates';

function card(kind: string, iconName: IconName, title: string, when: string, ...body: (Node | string | null)[]): HTMLElement {
  return h('article', { class: `event-card event-${kind}` }, h('header', {}, icon(iconName, 'icon event-icon'), h('div', {}, h('h2', {}, title), h('p', { class: 'when' }, when))), ...body.map((b) => (typeof b === 'string' ? h('p', {}, b) : b)));
}

/** The prefect's settlement of the budget (CGCT L1612-5, or L1612-14 for a deficit in the accounts) as a card with its figures: the city feels it. */
function settlementCard(scenario: Scenario, e: LogEntryOf<'budgetSettled'>): HTMLElement {
  const w = settlementWords(scenario, e.data);
  const item = (label: string, value: string, tip: string, testid: string) => h('li', {}, h('span', {}, label), figure(value, tip, { testid }));
  return card(
    'settled',
    'warning',
    t('events.settled.title'),
    capital(monthYear(scenario, e.tick)),
    t(e.data.article === 'L1612-14' ? 'events.settled.text14' : 'events.settled.text', w),
    h(
      'ul',
      { class: 'settle-figures', testid: 'settled-figures' },
      item(t('events.settled.deficit'), w.deficit!, t('events.settled.deficitTip'), 'settled-deficit'),
      item(t('events.settled.advance'), w.advance!, t('events.settled.advanceTip'), 'settled-advance'),
      item(t('events.settled.tax'), `+${w.tax}`, t('events.settled.taxTip'), 'settled-tax'),
      item(t('events.settled.cut'), `\u2212${w.cut}`, t('events.settled.cutTip'), 'settled-cut'),
      item(t('events.settled.until'), capital(w.until!), t('events.settled.untilTip'), 'settled-until'),
    ),
  );
}

/** The debt alarm (the 12-year reference passed): what lenders now do. */
function alarmCard(scenario: Scenario, e: LogEntryOf<'debtAlarm'>): HTMLElement {
  return card('alarm', 'warning', t('events.alarm.title'), capital(monthYear(scenario, e.tick)), t('events.alarm.text', debtAlarmWords(e.data)));
}

/** Cards for the budget rules that bit (the prefect's settlement, the debt alarm) among these entries. */
export function budgetCards(scenario: Scenario, entries: readonly LogEntry[]): HTMLElement[] {
  const out: HTMLElement[] = [];
  // The settlement first: it binds; the alarm only warns.
  for (const e of entries) if (e.kind === 'budgetSettled') out.push(settlementCard(scenario, e));
  for (const e of entries) if (e.kind === 'debtAlarm') out.push(alarmCard(scenario, e));
  return out;
}

function callCard(ctx: ScreenContext, call: GrantCallState): HTMLElement {
  const sc = sessionOf(ctx).scenario;
  const conditions: string[] = [];
  if (call.pilotOnly) conditions.push(t('events.call.pilotOnly'));
  if (call.sustainabilityOnly) conditions.push(t('events.call.sustainable'));
  if (call.minCommunes > 1) conditions.push(t('events.call.communes', { n: String(call.minCommunes) }));
  return card(
    'call',
    'euro',
    t('events.call.title', { call: callName(call.id), funder: funderName(call.funder) }),
    t('events.call.until', { date: monthYear(sc, call.deadlineTick) }),
    h(
      'p',
      { class: 'call-figures' },
      figure(eur(call.budgetLeftEur), t('events.call.budgetTip')),
      h('span', {}, t('events.call.budget')),
      figure(pct(call.rate), t('events.call.rateTip')),
      h('span', {}, t('events.call.rate')),
    ),
    conditions.length > 0 ? h('ul', { class: 'conditions' }, ...conditions.map((c) => h('li', {}, c))) : h('p', { class: 'help' }, t('events.call.noCondition')),
  );
}

/** The scenario's grant calls over a year, by calendar month: what can be co-financed, and when. */
function callCalendar(ctx: ScreenContext): HTMLElement {
  const sc = sessionOf(ctx).scenario;
  const month = (m: number) => capital(calendarMonthName(m));
  const calls = [...sc.funding.calls].sort((a, b) => ((a.monthOpen - sc.start.month + 12) % 12) - ((b.monthOpen - sc.start.month + 12) % 12));
  return card(
    'calendar',
    'calendar',
    t('events.calendar.title'),
    t('events.calendar.when'),
    h(
      'ul',
      { class: 'call-calendar' },
      ...calls.map((c) =>
        h(
          'li',
          {},
          h('strong', {}, month(c.monthOpen)),
          h('span', {}, t(c.everyYears > 1 ? 'events.calendar.callEvery' : 'events.calendar.call', { call: callName(c.id), funder: funderName(c.funder), every: String(c.everyYears) })),
          figure(eur(c.budgetEur), t('events.call.budgetTip')),
        ),
      ),
    ),
  );
}

/**
 * The news of the year, at the top of the decisions screen: the events that happened as the year
 * opened, the grant calls that opened with it, the election when it falls within the year (or a
 * quiet start), and the calendar of the grant calls, folded. They stand where the players act on
 * them rather than on a screen of their own that only asked to click on (issue 11).
 */
export function yearNews(ctx: ScreenContext): HTMLElement {
  const session = sessionOf(ctx);
  const sc = session.scenario;
  const sim = session.sim;
  const from = yearStartTick(session);
  // The year-end budget (closed as the last month ended) and what the prefect or the lenders did about it come first: they bind this year's decisions.
  const cards: HTMLElement[] = budgetCards(sc, sim.log.filter((e) => e.tick >= from - 1));
  for (const e of yearEntries(session)) {
    if (e.kind !== 'event') continue;
    const kind = e.data.kind;
    cards.push(card('shock', eventIcon(kind), eventTitle(kind), capital(monthYear(sc, e.tick)), eventText(sc, e.data.id, kind)));
  }
  for (const call of sim.grantCalls) if (call.openTick >= from && call.deadlineTick >= sim.tick) cards.push(callCard(ctx, call));
  // An election the players will vote in: within the year and within the game's playable years.
  if (sim.nextElectionTick < from + 12 && sim.nextElectionTick < sc.playableYears * 12) {
    cards.push(
      card(
        'election',
        'ballot',
        t('events.election.title'),
        capital(monthYear(sc, sim.nextElectionTick)),
        t('events.election.text', { months: months(sim.nextElectionTick - sim.tick), campaign: months(sc.politics.campaignMonths) }),
      ),
    );
  }
  if (cards.length === 0) cards.push(card('calm', 'sun', t('events.calm.title'), capital(monthYear(sc, sim.tick)), t('events.calm.text')));
  const calendar = sc.funding.calls.length > 0 ? h('details', { class: 'news-calendar', testid: 'news-calendar', attrs: { 'data-keep-open': 'news-calendar' } }, h('summary', {}, t('events.calendar.title')), callCalendar(ctx)) : null;
  return h('section', { class: 'block year-news', testid: 'year-news' }, h('h3', { class: 'block-title' }, icon('calendar'), h('span', {}, t('events.title'))), h('div', { class: 'event-grid news-grid' }, ...cards), calendar);
}
