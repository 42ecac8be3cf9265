/**
 * The epilogue: the playable years are over and the model runs on to its horizon, a year a frame
 * (the app's loop), so that the late consequences of the contracts show. A progress bar, the year
 * reached, what is happening (the latest entries of the log), and a pause.
 */
import { t } from '../../i18n';
import { cardFooter, screenRoot, screenTitle, sessionOf, logView, type ScreenContext, type ScreenView } from './context';
import { button, h, relabel } from '../dom';
import { gameYear } from '../words/dates';
import { logLines } from '../words/log';
import { num } from '../words/numbers';
import { icon } from '../icons';

export function epilogueScreen(ctx: ScreenContext): ScreenView {
  const { store } = ctx.game;
  const title = screenTitle('epilogue', '');
  const lead = h('p', { class: 'lead' });
  const fill = h('span', { class: 'progress-fill' });
  const bar = h('div', { class: 'progress', attrs: { role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-label': t('epi.progress') } }, fill);
  const recent = h('div', { class: 'epilogue-log' });
  const toggle = button('', { focus: 'play-toggle', onClick: () => ctx.dispatch({ type: 'setPlaying', playing: !store.getState().ui.playing }) });
  const el = screenRoot('epilogue', 'center', h('div', { class: 'card epilogue-card' }, h('p', { class: 'eyebrow' }, icon('hourglass'), h('span', {}, t('epi.eyebrow'))), title, lead, bar, recent, cardFooter(toggle)));

  /** A year a frame: the bar, the year and the latest news move in place. */
  const update = (c: ScreenContext) => {
    const session = sessionOf(c);
    const sc = session.scenario;
    const start = sc.playableYears * 12;
    const end = sc.horizonYears * 12;
    const share = Math.max(0, Math.min(1, (session.sim.tick - start) / Math.max(1, end - start)));
    title.textContent = t('epi.title', { year: String(gameYear(sc, Math.min(session.sim.tick, end - 1))), horizon: String(gameYear(sc, end - 1)) });
    lead.textContent = t('epi.text', { years: num(sc.playableYears) });
    fill.style.width = `${(share * 100).toFixed(1)}%`;
    bar.setAttribute('aria-valuenow', String(Math.round(share * 100)));
    const lines = logLines(session.sim.log.slice(-40), logView(c)).slice(-4).reverse();
    recent.replaceChildren(lines.length > 0 ? h('ul', { class: 'log compact' }, ...lines.map((l) => h('li', { class: 'log-line' }, icon(l.icon, 'icon log-icon'), h('span', { class: 'log-when' }, String(gameYear(sc, l.tick))), h('span', { class: 'log-text' }, l.text)))) : '');
    const playing = c.state.ui.playing;
    relabel(toggle, playing ? t('months.pause') : t('epi.resume'), playing ? 'pause' : 'play');
    toggle.dataset.testid = playing ? 'pause' : 'play';
    toggle.className = `btn ${playing ? 'btn-secondary' : 'btn-primary'}`;
  };
  update(ctx);
  return { el, initialFocus: toggle, update };
}
