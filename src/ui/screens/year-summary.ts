/**
 * The year summary: the changes that matter and why. For each key figure (satisfaction, services,
 * the debt-capacity ratio, energy saved, vote intention and, for the partner's eyes, its portfolio
 * value) the value now, its change over the year and the cause taken from the year's log; then
 * what happened, month by month. The figures at the year's start come from the yearly rows (or the
 * app's snapshot where no reporter records them).
 */
import { t } from '../../i18n';
import { icon } from '../icons';
import { continueFooter, screenRoot, screenTitle, sessionOf, logView, type ScreenContext, type ScreenView } from './context';
import { figure, h } from '../dom';
import { budgetCards } from './events';
import { electionResults } from './election';
import { causesOf, figureLabel, figureTip, formatChange, formatFigure, liveFigures, yearEntries, yearStartTick, type FigureId } from './figures';
import { yearLog } from './months';
import { gameYear } from '../words/dates';
import { years } from '../words/numbers';

/** The direction of a change as an arrow (its shape says up or down; its colour whether that is good). */
function trendIcon(delta: number, shown: string, goodWhenUp: boolean): SVGSVGElement {
  if (shown === t('screens.change.none')) return icon('flat', 'icon trend');
  const up = delta > 0;
  return icon(up ? 'trendUp' : 'trendDown', `icon trend ${up === goodWhenUp ? 'good' : 'bad'}`);
}

export function yearSummaryScreen(ctx: ScreenContext): ScreenView {
  const session = sessionOf(ctx);
  const sc = session.scenario;
  const from = yearStartTick(session);
  const base = ctx.starts.at(session, from);
  const live = liveFigures(session);
  const view = logView(ctx);
  // The partner's value for its eyes only; the city's gross savings otherwise.
  const ids: FigureId[] = ['satisfaction', 'services', 'debt', 'energy', 'vote', ctx.partnerVisible ? 'partnerValue' : 'savings'];
  const cards = ids.map((id) => {
    const before = base?.[id];
    const delta = before !== undefined && Number.isFinite(before) ? live[id] - before : NaN;
    // The largest cause with its size (the value's tooltip lists the next ones).
    const cause = causesOf(id, session, ctx.starts, view, 1)[0];
    const shown = Number.isFinite(delta) ? formatChange(id, delta) : '';
    // In an election year the vote intention is, after the vote, for the mayor in office now (the
    // re-elected one or the new one): the vote above gives the result; this card says whose it is.
    const lastVote = id === 'vote' ? session.elections[session.elections.length - 1] : undefined;
    if (lastVote) {
      return h(
        'article',
        { class: `key-card key-${id}`, testid: 'vote-after-election' },
        h('h2', { class: 'key-label' }, figureLabel(id)),
        h('div', { class: 'key-row' }, h('span', { class: 'key-value' }, figure(formatFigure(id, live[id]), figureTip(id, session, ctx.starts, view), { focus: `sum-${id}` }))),
        h('p', { class: 'key-cause help' }, t('sum.voteAfterElection', { who: t(lastVote.incumbentWon ? 'sum.voteAfterElection.reelected' : 'sum.voteAfterElection.new') })),
      );
    }
    return h(
      'article',
      { class: `key-card key-${id}${id.startsWith('partner') ? ' side-partner' : ''}` },
      h('h2', { class: 'key-label' }, figureLabel(id)),
      h(
        'div',
        { class: 'key-row' },
        h('span', { class: 'key-value' }, figure(formatFigure(id, live[id]), figureTip(id, session, ctx.starts, view), { focus: `sum-${id}` })),
        id === 'debt' ? h('span', { class: 'help' }, t('sum.ceiling', { ceiling: years(sc.city.debtCeilingYears, 0) })) : null,
      ),
      Number.isFinite(delta)
        ? h('p', { class: 'key-change' }, trendIcon(delta, shown, id !== 'debt'), h('span', {}, t('sum.change', { change: shown })))
        : h('p', { class: 'key-change help' }, t('sum.noBase')),
      !shown || shown === t('screens.change.none') ? null : cause ? h('p', { class: 'key-cause' }, t('sum.why', { cause })) : h('p', { class: 'key-cause help' }, t(`sum.drift.${id}`)),
    );
  });
  const { footer, go } = continueFooter(ctx);
  const el = screenRoot(
    'yearSummary',
    'center',
    h(
      'div',
      { class: 'card summary-card' },
      h('p', { class: 'eyebrow' }, t('sum.eyebrow')),
      screenTitle('yearSummary', t('sum.title', { year: String(gameYear(sc, from)) })),
      // An election year opens with its vote: one screen rather than two to click through (issue 11).
      ...electionResults(ctx),
      ...(() => {
        // The prefect's settlement and the debt alarm of the year: cards above the figures, not a line in the log.
        const cards = budgetCards(sc, yearEntries(session));
        return cards.length > 0 ? [h('div', { class: 'event-grid summary-alerts', testid: 'summary-alerts' }, ...cards)] : [];
      })(),
      session.saveError ? h('p', { class: 'status status-refused' }, icon('warning'), h('span', {}, t('sum.saveError', { error: session.saveError }))) : null,
      h('div', { class: 'summary-grid' }, h('div', { class: 'key-grid' }, ...cards), h('section', { class: 'summary-log', attrs: { 'data-scroll': 'summary-log' } }, h('h2', {}, t('sum.happened')), yearLog(ctx, t('sum.quiet')))),
      footer,
    ),
  );
  return { el, initialFocus: go };
}
