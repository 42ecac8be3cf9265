/**
 * The months run: the map stays in view, with a compact bar of controls at the bottom (next month,
 * play / pause, the speed in months per second, the months of the year gone by, the negotiation
 * table) and, on the right, what happened this year in plain words, the latest first. The ticking
 * itself is the app's loop (app.ts); the keyboard shortcuts (Space, →, F) too.
 */
import { t } from '../../i18n';
import { SPEEDS } from '../../state/game-types';
import { icon } from '../icons';
import { logView, screenRoot, screenTitle, sessionOf, type ScreenContext, type ScreenView } from './context';
import { button, h, relabel } from '../dom';
import { yearEntries, yearStartTick } from './figures';
import { capital } from '../words/names';
import { gameYear, monthName, monthYear } from '../words/dates';
import { logLines } from '../words/log';
import { num } from '../words/numbers';

/**
 * The running log of the year, newest first, under a heading for each month. An election's result
 * is kept for the election screen, which follows the year's summary: here the vote is only said
 * to have been held.
 */
export function yearLog(ctx: ScreenContext, emptyText: string): HTMLElement {
  const session = sessionOf(ctx);
  const lines = logLines(yearEntries(session), { ...logView(ctx), withholdElection: true }).reverse();
  if (lines.length === 0) return h('p', { class: 'help log-empty' }, emptyText);
  const groups: HTMLElement[] = [];
  let list: HTMLElement | null = null;
  let month = -1;
  for (const l of lines) {
    if (l.tick !== month || !list) {
      month = l.tick;
      list = h('ol', { class: 'log' });
      groups.push(h('li', { class: 'log-month' }, h('h3', { class: 'log-when' }, capital(monthYear(session.scenario, l.tick))), list));
    }
    list.append(h('li', { class: `log-line log-${l.kind}` }, icon(l.icon, 'icon log-icon'), h('span', { class: 'log-text' }, l.text)));
  }
  return h('ol', { class: 'log-months' }, ...groups);
}

export function monthsScreen(ctx: ScreenContext): ScreenView {
  const { store } = ctx.game;
  const toggle = button('', { kind: 'primary', focus: 'play-toggle', onClick: () => ctx.dispatch({ type: 'setPlaying', playing: !store.getState().ui.playing }) });
  const speeds = SPEEDS.map((s) => button(`×${num(s)}`, { testid: `speed-${s}`, kind: 'quiet', pressed: false, label: t('months.speedLabel', { n: num(s) }), onClick: () => ctx.dispatch({ type: 'setSpeed', speed: s }) }));
  const year = h('div', { class: 'controls-year' });
  const negotiate = button('', { testid: 'open-negotiation', onClick: () => ctx.dispatch({ type: 'openNegotiation' }) });
  const eyebrow = h('p', { class: 'eyebrow' });
  const body = h('div', { class: 'side-log-body', attrs: { 'data-scroll': 'months-log' } });
  const controls = h(
    'div',
    { class: 'controls' },
    h('div', { class: 'controls-row' }, toggle, button(t('months.next'), { icon: 'step', testid: 'next-month', onClick: () => ctx.dispatch({ type: 'advance' }) })),
    h('div', { class: 'controls-row' }, h('span', { class: 'field-label' }, t('months.speed')), h('div', { class: 'segmented speeds', attrs: { role: 'group', 'aria-label': t('months.speed') } }, ...speeds), h('span', { class: 'speed-unit' }, t('months.perSecond'))),
    year,
    negotiate,
    h('p', { class: 'help' }, t('months.shortcuts')),
  );
  const el = screenRoot('months', 'overlay', h('aside', { class: 'side-log' }, h('header', { class: 'side-log-head' }, eyebrow, screenTitle('months', t('months.title'), 'h2'), controls), body));

  /** The months move without a rebuild: the controls stay under the pointer and the focus. */
  const update = (c: ScreenContext) => {
    const session = sessionOf(c);
    const sc = session.scenario;
    const { playing, speed } = c.state.ui;
    const from = yearStartTick(session);
    const done = session.sim.tick - from;
    relabel(toggle, playing ? t('months.pause') : t('months.play'), playing ? 'pause' : 'play');
    toggle.dataset.testid = playing ? 'pause' : 'play';
    speeds.forEach((b, i) => b.setAttribute('aria-pressed', String(SPEEDS[i] === speed)));
    const progress = t('months.progress', { n: num(done), total: num(12) });
    year.replaceChildren(
      h('span', { class: 'field-label' }, progress),
      h('ol', { class: 'month-cells', attrs: { 'aria-hidden': 'true' } }, ...Array.from({ length: 12 }, (_, i) => h('li', { class: i < done ? 'gone' : i === done ? 'now' : '', attrs: { title: capital(monthYear(sc, from + i)) } }, monthName(sc, from + i).charAt(0).toLocaleUpperCase()))),
    );
    negotiate.hidden = !(session.humanSides.length > 0 && session.tickOpen);
    relabel(negotiate, session.sim.negotiation ? t('dec.toTable') : t('months.negotiate'), 'exchange');
    eyebrow.textContent = t('months.eyebrow', { year: String(gameYear(sc, from)) });
    const top = body.scrollTop;
    body.replaceChildren(yearLog(c, t('months.quiet')));
    body.scrollTop = top;
  };
  update(ctx);
  return { el, initialFocus: toggle, update };
}
