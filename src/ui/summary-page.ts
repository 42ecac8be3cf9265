/**
 * The placeholder page: the default scenario's briefing, a seed, a Run button, and the run's
 * yearly summary as key figures, charts and a table. It reads the store and calls its actions;
 * every figure comes from the simulation, every label from the REPORTERS or the i18n files.
 */
import { REPORTERS, type Scenario } from '../sim';
import { getLang, localized, onLangChange, setLang, t, type MessageKey } from '../i18n';
import type { GameStore, GameStoreState, YearRow } from '../state/store';
import { columnFormat, formatTick, formatWithUnit, unitLabel } from './format';
import { lineChart, type ChartSeries } from './line-chart';

/** Okabe–Ito colours; the city and the partner keep theirs everywhere. */
export const COLORS = { city: '#0072B2', partner: '#D55E00', green: '#009E73', sky: '#56B4E9' } as const;

/** Final figures shown as cards above the charts, in this order. */
const KEY_FIGURES = ['servicesDelivered', 'citizenSatisfaction', 'cityMoneySpentEur', 'partnerNpvEur'] as const;

type Reporter = (typeof REPORTERS)[number];
type ActorSide = 'city' | 'partner' | null;

export interface SummaryPageOptions {
  scenario: Scenario;
  /** The scenario's id as the CLI knows it (shown in the command-line hint). */
  scenarioId: string;
  store: GameStore;
  initialSeed: number;
  /** Citizen agents of the run (the scenario's own count unless a test asked for fewer). */
  agents: number;
}

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  node.append(...children);
  return node;
}

/** An element whose text is the i18n string `key`, refreshed when the language changes. */
function i18n<K extends keyof HTMLElementTagNameMap>(tag: K, key: MessageKey, attrs: Record<string, string> = {}) {
  const node = el(tag, { ...attrs, 'data-i18n': key });
  node.textContent = t(key);
  return node;
}

function sideOf(key: string): ActorSide {
  if (key.startsWith('partner')) return 'partner';
  if (key.startsWith('city') || key === 'debtCapacityYears') return 'city';
  return null;
}

function reporter(key: string): Reporter | undefined {
  return REPORTERS.find((r) => r.key === key);
}

function sideTag(side: ActorSide): HTMLElement | null {
  if (!side) return null;
  return el('span', { class: `side-tag side-${side}` }, t(side === 'city' ? 'charts.city' : 'charts.partner'));
}

const LOGO = `<svg viewBox="0 0 40 40" width="40" height="40" aria-hidden="true">
  <path d="M4 28 A16 16 0 0 1 36 28" fill="none" stroke="${COLORS.city}" stroke-width="5" stroke-linecap="round"/>
  <path d="M12 28 A8 8 0 0 1 28 28" fill="none" stroke="${COLORS.partner}" stroke-width="5" stroke-linecap="round"/>
  <line x1="2" y1="34" x2="38" y2="34" stroke="#1a1a1a" stroke-width="3" stroke-linecap="round"/>
</svg>`;

/** Builds the page into `root` and keeps it in step with the store and the language. */
export function mountSummaryPage(root: HTMLElement, opts: SummaryPageOptions): () => void {
  const { scenario, store } = opts;
  let seedError = false;

  const brand = el('div', { class: 'brand' });
  brand.innerHTML = LOGO;
  brand.append(i18n('span', 'app.name', { class: 'wordmark' }));
  const langButton = el('button', { type: 'button', id: 'lang-toggle', class: 'lang-toggle' });
  const topbar = el('header', { class: 'topbar' }, el('div', { class: 'topbar-inner' }, brand, i18n('p', 'app.tagline', { class: 'tagline' }), langButton));

  const title = el('h1', { id: 'scenario-title' });
  const briefing = el('p', { class: 'briefing', id: 'scenario-briefing' });
  const hero = el(
    'section',
    { class: 'hero' },
    i18n('p', 'scenario.heading', { class: 'eyebrow' }),
    title,
    briefing,
    i18n('p', 'app.placeholderNote', { class: 'note' }),
  );

  const seedInput = el('input', { id: 'seed-input', type: 'number', min: '0', step: '1', inputmode: 'numeric', value: String(opts.initialSeed) });
  const runButton = i18n('button', 'controls.run', { type: 'submit', id: 'run-button', class: 'run-button' });
  const agentsNote = el('p', { class: 'help' });
  const status = el('p', { class: 'status', id: 'run-status', role: 'status', 'aria-live': 'polite' });
  const form = el(
    'form',
    { class: 'run-form', novalidate: '' },
    el('div', { class: 'field' }, i18n('label', 'controls.seed', { for: 'seed-input' }), seedInput),
    runButton,
  );
  const controls = el(
    'section',
    { class: 'card controls', 'aria-labelledby': 'controls-heading' },
    i18n('h2', 'controls.heading', { id: 'controls-heading' }),
    form,
    i18n('p', 'controls.seedHelp', { class: 'help' }),
    agentsNote,
    status,
  );

  const results = el('div', { class: 'results', id: 'results' });
  const footer = el('footer', { class: 'footer' }, el('code', { id: 'cli-hint' }));
  const main = el('main', { class: 'page' }, el('div', { class: 'intro' }, hero, controls), results);
  root.replaceChildren(topbar, main, footer);

  function renderChrome(): void {
    document.documentElement.lang = getLang();
    document.title = `${t('app.name')} — ${localized(scenario.title)}`;
    for (const node of root.querySelectorAll<HTMLElement>('[data-i18n]')) node.textContent = t(node.dataset.i18n as MessageKey);
    langButton.textContent = t('lang.switchTo');
    langButton.setAttribute('aria-label', t('lang.switchLabel'));
    langButton.lang = getLang() === 'fr' ? 'en' : 'fr';
    title.textContent = localized(scenario.title);
    briefing.textContent = localized(scenario.briefing);
    agentsNote.textContent = t('controls.agents', { count: new Intl.NumberFormat(getLang() === 'fr' ? 'fr-FR' : 'en-GB').format(opts.agents) });
  }

  function renderStatus(state: GameStoreState): void {
    status.dataset.status = seedError ? 'error' : state.status;
    runButton.toggleAttribute('disabled', state.status === 'running');
    if (seedError) status.textContent = t('status.badSeed');
    else if (state.status === 'error') status.textContent = t('status.error', { message: state.error ?? '' });
    else if (state.status === 'done') {
      const rows = state.snapshot.yearly;
      status.textContent = t('status.done', { years: rows.length, from: rows[0]?.year ?? '', to: rows[rows.length - 1]?.year ?? '' });
    } else status.textContent = t(state.status === 'running' ? 'status.running' : 'status.idle');
    footer.querySelector('code')!.textContent = t('footer.cli', { scenario: opts.scenarioId, seed: state.snapshot.seed });
  }

  function renderResults(state: GameStoreState): void {
    const rows = state.snapshot.yearly;
    if (state.status !== 'done' || rows.length === 0) {
      results.replaceChildren(el('section', { class: 'card empty' }, i18n('p', 'table.empty')));
      return;
    }
    results.replaceChildren(keyFigures(rows), charts(rows), yearlyTable(rows), hashBox(state.snapshot.stateHash));
  }

  function render(): void {
    const state = store.getState();
    renderChrome();
    renderStatus(state);
    renderResults(state);
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const seed = Number(seedInput.value);
    seedError = seedInput.value.trim() === '' || !Number.isSafeInteger(seed) || seed < 0;
    if (seedError) {
      renderStatus(store.getState());
      return;
    }
    const url = new URL(window.location.href);
    url.searchParams.set('seed', String(seed));
    window.history.replaceState(null, '', url);
    status.dataset.status = 'running';
    status.textContent = t('status.running');
    runButton.setAttribute('disabled', '');
    // Let the browser paint the "running" state before the (synchronous) run takes the thread.
    requestAnimationFrame(() => setTimeout(() => store.getState().run(seed), 0));
  });
  langButton.addEventListener('click', () => setLang(getLang() === 'fr' ? 'en' : 'fr'));

  const unsubscribeStore = store.subscribe(() => {
    const state = store.getState();
    renderStatus(state);
    renderResults(state);
  });
  const unsubscribeLang = onLangChange(render);
  render();
  return () => {
    unsubscribeStore();
    unsubscribeLang();
  };
}

function keyFigures(rows: YearRow[]): HTMLElement {
  const last = rows[rows.length - 1]!;
  const cards = KEY_FIGURES.map((key) => {
    const r = reporter(key);
    const side = sideOf(key);
    const card = el('div', { class: `figure${side ? ` figure-${side}` : ''}`, title: r ? localized(r.describe) : '' });
    const label = el('p', { class: 'figure-label' }, r ? localized(r.label) : key);
    const tag = sideTag(side);
    if (tag) label.prepend(tag);
    card.append(label, el('p', { class: 'figure-value', 'data-key': key }, formatWithUnit(last[key] ?? NaN, r?.unit ?? '')));
    return card;
  });
  return el(
    'section',
    { class: 'block', 'aria-labelledby': 'results-heading' },
    el('div', { class: 'block-head' }, i18n('h2', 'results.heading', { id: 'results-heading' }), el('p', { class: 'block-sub' }, t('results.final', { year: last.year ?? '' }))),
    el('div', { class: 'figures' }, ...cards),
  );
}

function charts(rows: YearRow[]): HTMLElement {
  const years = rows.map((r) => r.year ?? 0);
  const series = (key: string, color: string, marker: ChartSeries['marker'], dashed = false): ChartSeries => ({
    label: reporter(key) ? localized(reporter(key)!.label) : key,
    color,
    marker,
    dashed,
    values: rows.map((r) => r[key] ?? NaN),
  });
  const titled = (key: string, withUnit: boolean) => {
    const r = reporter(key);
    return r ? `${localized(r.label)}${withUnit && r.unit ? ` (${unitLabel(r.unit)})` : ''}` : key;
  };
  const describe = (key: string) => (reporter(key) ? localized(reporter(key)!.describe) : key);
  const money = [series('cityMoneySpentEur', COLORS.city, 'circle'), series('partnerNpvEur', COLORS.partner, 'square', true)];
  return el(
    'section',
    { class: 'block', 'aria-labelledby': 'charts-heading' },
    i18n('h2', 'charts.heading', { id: 'charts-heading' }),
    el(
      'div',
      { class: 'charts' },
      lineChart({ title: titled('citizenSatisfaction', true), years, series: [series('citizenSatisfaction', COLORS.city, 'circle')], formatTick, description: describe('citizenSatisfaction') }),
      lineChart({ title: titled('servicesDelivered', false), years, series: [series('servicesDelivered', COLORS.city, 'circle')], formatTick, description: describe('servicesDelivered') }),
      lineChart({ title: `${t('charts.money')} (${unitLabel('EUR')})`, years, series: money, formatTick, description: t('charts.money') }),
    ),
  );
}

/** The reporters the yearly rows carry, in the order the sim declares them. */
export function tableColumns(rows: readonly YearRow[]): Reporter[] {
  const first = rows[0] ?? {};
  return REPORTERS.filter((r) => r.key in first);
}

function yearlyTable(rows: YearRow[]): HTMLElement {
  const columns = tableColumns(rows);
  const head = el('tr', {}, el('th', { scope: 'col', class: 'year-col' }, t('table.year')));
  const formats = columns.map((r) => columnFormat(r.unit, rows.map((row) => row[r.key] ?? NaN)));
  columns.forEach((r, i) => {
    const side = sideOf(r.key);
    const unit = formats[i]!.unit;
    const th = el('th', { scope: 'col', title: localized(r.describe), 'data-key': r.key, class: side ? `side-${side}` : '' });
    th.append(el('span', { class: 'col-label' }, localized(r.label)));
    if (unit) th.append(el('span', { class: 'col-unit' }, unit));
    head.append(th);
  });
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr', { 'data-year': String(row.year ?? '') }, el('th', { scope: 'row', class: 'year-col' }, String(row.year ?? '')));
    columns.forEach((r, i) => tr.append(el('td', {}, formats[i]!.format(row[r.key] ?? NaN))));
    body.append(tr);
  }
  const table = el('table', { id: 'yearly-table', class: 'yearly' }, el('caption', {}, t('table.caption')), el('thead', {}, head), body);
  return el(
    'section',
    { class: 'block', 'aria-labelledby': 'table-heading' },
    i18n('h2', 'table.heading', { id: 'table-heading' }),
    el('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-labelledby': 'table-heading' }, table),
  );
}

function hashBox(hash: string): HTMLElement {
  return el(
    'section',
    { class: 'block hash' },
    i18n('h2', 'hash.label'),
    el('code', { id: 'state-hash' }, hash),
    i18n('p', 'hash.help', { class: 'help' }),
  );
}
