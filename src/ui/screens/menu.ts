/**
 * The menu: the language; a card per scenario (title, a mini-map drawn from its districts, its
 * briefing, its duration); the game's length (the first term, whole terms, or all the playable
 * years, each with an estimate of the minutes it takes); the role (the city, the partner, two groups on one screen, or watching
 * computer against computer); the computer opponent (a personality or a scripted strategy); the
 * seed (shown, editable, random by default); then start. Above them, the autosaved game to
 * continue, and — when a save could not be read — a panel that says what was wrong, where the save
 * is kept, and offers it as a file.
 */
import { localized, t } from '../../i18n';
import { computerPlayers, MAX_SEED, type Actor } from '../../sim';
import { ROLES, type Role, type ScenarioEntry } from '../../state/game-types';
import { langSwitch, largeTypeSwitch } from '../hud';
import { icon, type IconName } from '../icons';
import { localValue, screenRoot, screenTitle, type ScreenContext, type ScreenView } from './context';
import { button, downloadText, h, statusLine, type Child, type Props, type Status } from '../dom';
import { num, years } from '../words/numbers';
import { counted } from '../words/plurals';
import { gameYear } from '../words/dates';
import { gameLengths } from '../../sim/scenario-schema';
import { defaultGameYears } from '../../state/start';
import './menu-length.css';

const SVG_NS = 'http://www.w3.org/2000/svg';

interface MenuChoice {
  scenario: string;
  role: Role;
  /** The computer personality of each side, when the computer plays it. */
  city: string;
  partner: string;
  /** The game's length in years (one of the scenario's `gameLengths`). */
  years: number;
}

/**
 * The estimate of a game's minutes shown beside each length (README, "Game length"): about a
 * minute and a quarter a click (a screen read or a move discussed; the observation before
 * this work was a quiet year of three clicks in 3–5 minutes), at the 5–6 clicks a year with one
 * negotiation that tests/e2e/length.test.ts counts, plus the menu and the briefing.
 */
const SETUP_MINUTES = 5;
const MINUTES_PER_YEAR = 7;

/** A duration in minutes as the menu shows it, to the nearest five minutes ("45 min", "1 h 30", "2 h"). */
function duration(minutes: number): string {
  const m = Math.max(5, Math.round(minutes / 5) * 5);
  if (m < 60) return t('len.minutes', { n: num(m) });
  const rest = m % 60;
  return rest === 0 ? t('len.hoursOnly', { h: num(Math.floor(m / 60)) }) : t('len.hours', { h: num(Math.floor(m / 60)), m: String(rest).padStart(2, '0') });
}

/** The name of a length: the first term, N terms, or the whole game. */
function lengthName(sc: ScenarioEntry['scenario'], y: number): string {
  if (y === sc.playableYears) return t('len.whole');
  const terms = y / sc.politics.termYears;
  return terms === 1 ? t('len.firstTerm') : terms === 2 ? t('len.twoTerms') : t('len.terms', { n: num(terms) });
}

/** The lengths of the chosen scenario, as radio tiles with the years they cover and an estimate of the minutes. */
function lengthBlock(ctx: ScreenContext, choice: MenuChoice, rerender: () => void): HTMLElement | null {
  const entry = ctx.state.catalogue.find((e) => e.id === choice.scenario);
  if (!entry) return null;
  const sc = entry.scenario;
  const tip = t('len.estimateTip', { setup: duration(SETUP_MINUTES), perYear: duration(MINUTES_PER_YEAR) });
  const tiles = gameLengths(sc).map((y) => {
    const selected = choice.years === y;
    const tile = h(
      'button',
      { class: `role-tile length-tile${selected ? ' selected' : ''}`, testid: `length-${y}`, attrs: { role: 'radio', 'aria-checked': String(selected), type: 'button' } },
      selected ? icon('check', 'icon selected-mark') : null,
      h(
        'span',
        { class: 'role-text' },
        h('span', { class: 'role-name' }, lengthName(sc, y)),
        h('span', { class: 'role-desc' }, t('len.span', { years: years(y, 0), from: String(sc.start.year), to: String(gameYear(sc, y * 12 - 1)) })),
        h('span', { class: 'length-estimate', testid: `length-estimate-${y}`, attrs: { title: tip } }, icon('hourglass'), h('span', {}, t('len.estimate', { time: duration(SETUP_MINUTES + MINUTES_PER_YEAR * y) }))),
      ),
    );
    tile.title = `${tip} ${t('len.epilogue', { horizon: String(gameYear(sc, sc.horizonYears * 12 - 1)) })}`;
    tile.addEventListener('click', () => {
      choice.years = y;
      rerender();
    });
    return tile;
  });
  return h(
    'div',
    { class: 'length-block' },
    h('h2', { class: 'col-title' }, t('len.title')),
    h('div', { class: 'length-grid', attrs: { role: 'radiogroup', 'aria-label': t('len.title') } }, ...tiles),
  );
}

/** The scenario's districts as a mini-map: one disc per district (area ∝ population), joined to its nearest neighbours. */
function miniMap(entry: ScenarioEntry): SVGSVGElement {
  const W = 200;
  const H = 140;
  const ds = entry.scenario.territory.districts;
  const el = document.createElementNS(SVG_NS, 'svg');
  el.setAttribute('viewBox', `0 0 ${W} ${H}`);
  el.setAttribute('class', 'minimap');
  el.setAttribute('aria-hidden', 'true');
  const maxPop = Math.max(...ds.map((d) => d.population));
  // The districts' own extent, stretched to the picture (keeping their proportions).
  const xs = ds.map((d) => d.x);
  const ys = ds.map((d) => d.y);
  const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), 1e-6);
  const scale = Math.min((W - 36) / span, (H - 36) / span);
  const cx = (Math.max(...xs) + Math.min(...xs)) / 2;
  const cy = (Math.max(...ys) + Math.min(...ys)) / 2;
  const pos = ds.map((d) => [W / 2 + (d.x - cx) * scale, H / 2 + (d.y - cy) * scale] as const);
  const line = (a: number, b: number) => {
    const l = document.createElementNS(SVG_NS, 'line');
    const [x1, y1] = pos[a]!;
    const [x2, y2] = pos[b]!;
    for (const [k, v] of Object.entries({ x1, y1, x2, y2, class: 'minimap-link' })) l.setAttribute(k, String(v));
    el.append(l);
  };
  const seen = new Set<string>();
  pos.forEach(([x, y], i) => {
    const near = pos
      .map(([u, v], j) => ({ j, d: (u - x) ** 2 + (v - y) ** 2 }))
      .filter((n) => n.j !== i)
      .sort((a, b) => a.d - b.d)
      .slice(0, 2);
    for (const { j } of near) {
      const key = i < j ? `${i}-${j}` : `${j}-${i}`;
      if (!seen.has(key)) {
        seen.add(key);
        line(i, j);
      }
    }
  });
  ds.forEach((d, i) => {
    const c = document.createElementNS(SVG_NS, 'circle');
    const [x, y] = pos[i]!;
    for (const [k, v] of Object.entries({ cx: x, cy: y, r: 4 + 9 * Math.sqrt(d.population / maxPop), class: 'minimap-district' })) c.setAttribute(k, String(v));
    el.append(c);
  });
  return el;
}

function scenarioCard(ctx: ScreenContext, entry: ScenarioEntry, choice: MenuChoice, rerender: () => void): HTMLElement {
  const sc = entry.scenario;
  const selected = choice.scenario === entry.id;
  const card = h(
    'button',
    { class: `scenario-card${selected ? ' selected' : ''}`, testid: `scenario-card-${entry.id}`, attrs: { role: 'radio', 'aria-checked': String(selected), type: 'button' } },
    selected ? icon('check', 'icon selected-mark') : null,
    miniMap(entry),
    h(
      'span',
      { class: 'scenario-text' },
      h('span', { class: 'scenario-title' }, localized(sc.title)),
      h('span', { class: 'scenario-meta' }, icon('calendar'), h('span', {}, t('menu.duration', { play: years(sc.playableYears, 0), horizon: years(sc.horizonYears, 0), start: String(sc.start.year) }))),
      h('span', { class: 'scenario-briefing' }, localized(sc.briefing)),
    ),
  );
  card.addEventListener('click', () => {
    if (choice.scenario === entry.id) return;
    choice.scenario = entry.id;
    choice.city = sc.policies.city;
    choice.partner = sc.policies.partner;
    choice.years = defaultGameYears(sc);
    ctx.local.delete('status');
    rerender();
  });
  return card;
}

const ROLE_ICON = { city: 'city', partner: 'partner', both: 'users', watch: 'eye' } as const;

function roleTile(role: Role, choice: MenuChoice, rerender: () => void): HTMLElement {
  const selected = choice.role === role;
  const tile = h(
    'button',
    { class: `role-tile role-${role}${selected ? ' selected' : ''}`, testid: `role-${role}`, attrs: { role: 'radio', 'aria-checked': String(selected), type: 'button' } },
    selected ? icon('check', 'icon selected-mark') : null,
    icon(ROLE_ICON[role], 'icon role-icon'),
    h('span', { class: 'role-text' }, h('span', { class: 'role-name' }, t(`menu.role.${role}`)), h('span', { class: 'role-desc' }, t(`menu.role.${role}.desc`))),
  );
  tile.addEventListener('click', () => {
    choice.role = role;
    rerender();
  });
  return tile;
}

/** A select of the computer players of one side (its personalities, then its scripted strategies), with the chosen one described below. */
function personalitySelect(side: Actor, choice: MenuChoice, testid: string, rerender: () => void): HTMLElement {
  const list = computerPlayers(side);
  const id = `select-${side}`;
  const select = h('select', { testid, attrs: { id } });
  for (const p of list) {
    const o = h('option', { attrs: { value: p.id } }, localized(p.name));
    o.selected = p.id === choice[side];
    select.append(o);
  }
  select.addEventListener('change', () => {
    choice[side] = select.value;
    rerender();
  });
  const chosen = list.find((p) => p.id === choice[side]);
  return h(
    'div',
    { class: `field personality side-${side}` },
    h('label', { attrs: { for: id } }, icon(side === 'city' ? 'city' : 'partner'), h('span', {}, t(side === 'city' ? 'menu.opponent.city' : 'menu.opponent.partner'))),
    select,
    chosen ? h('p', { class: 'help' }, localized(chosen.describe)) : null,
  );
}

function opponentBlock(choice: MenuChoice, rerender: () => void): HTMLElement {
  switch (choice.role) {
    case 'city':
      return personalitySelect('partner', choice, 'opponent-select', rerender);
    case 'partner':
      return personalitySelect('city', choice, 'opponent-select', rerender);
    case 'watch':
      return h('div', { class: 'watch-selects' }, personalitySelect('city', choice, 'watch-city-select', rerender), personalitySelect('partner', choice, 'opponent-select', rerender));
    case 'both':
      return h('p', { class: 'help both-note' }, icon('users'), h('span', {}, t('menu.opponent.none')));
  }
}

function parseSeed(text: string): number | null {
  const s = text.trim();
  if (!/^\d{1,10}$/.test(s)) return null;
  const n = Number(s);
  return n <= MAX_SEED ? n : null;
}

function seedField(ctx: ScreenContext): { el: HTMLElement; input: HTMLInputElement; help: HTMLElement } {
  const input = h('input', { testid: 'seed-input', attrs: { id: 'seed', type: 'text', inputmode: 'numeric', autocomplete: 'off', spellcheck: 'false' } });
  input.value = String(localValue(ctx, 'seedText', () => String(ctx.state.menuSeed)));
  const error = h('p', { class: 'field-error', attrs: { role: 'alert' } });
  const check = () => {
    ctx.local.set('seedText', input.value);
    const seed = parseSeed(input.value);
    error.textContent = seed === null ? t('menu.seed.invalid', { max: num(MAX_SEED) }) : '';
    input.setAttribute('aria-invalid', String(seed === null));
    if (seed !== null && seed !== ctx.game.store.getState().menuSeed) ctx.dispatch({ type: 'setMenuSeed', seed });
  };
  input.addEventListener('input', check);
  const dice = button(t('menu.seed.random'), {
    icon: 'dice',
    testid: 'seed-random',
    onClick: () => {
      input.value = String(Math.floor(Math.random() * 1_000_000));
      check();
    },
  });
  input.setAttribute('aria-describedby', 'seed-help');
  const el = h(
    'div',
    { class: 'field seed-field' },
    h('label', { attrs: { for: 'seed' } }, t('menu.seed')),
    h('div', { class: 'seed-row' }, input, dice),
    error,
  );
  return { el, input, help: h('p', { class: 'help', attrs: { id: 'seed-help' } }, t('menu.seed.help')) };
}

function corruptPanel(ctx: ScreenContext): HTMLElement | null {
  const bad = ctx.state.corruptSave;
  if (!bad) return null;
  const kept = (() => {
    try {
      return window.localStorage.getItem(bad.key);
    } catch {
      return null; // storage disabled: nothing to offer as a file
    }
  })();
  return notice(
    'warning',
    { class: 'notice notice-warning', testid: 'corrupt-save-panel', attrs: { role: 'alert' } },
    [
      h('h2', {}, t('menu.corrupt.title')),
      h('p', {}, t('menu.corrupt.what')),
      h('p', { class: 'notice-error' }, h('code', {}, bad.error)),
      h('p', {}, t('menu.corrupt.kept', { key: bad.key })),
      h(
        'div',
        { class: 'notice-actions' },
        button(t('menu.corrupt.download'), { icon: 'download', testid: 'corrupt-download', disabled: kept === null, onClick: () => kept !== null && downloadText('horizons-unreadable-save.json', kept) }),
        button(t('menu.corrupt.dismiss'), { icon: 'close', testid: 'corrupt-dismiss', kind: 'quiet', onClick: () => ctx.dispatch({ type: 'discardCorruptSave' }) }),
      ),
    ],
  );
}

/** A menu notice: its icon, a body (title and lines), and what stands after the body (a button). */
function notice(iconName: IconName, props: Props, body: Child[], ...after: Child[]): HTMLElement {
  return h('section', props, icon(iconName, 'icon notice-icon'), h('div', { class: 'notice-body' }, ...body), ...after);
}

/** The address's settings that were out of range and ignored (`?seed=`, `?agents=`; state/url-params.ts). */
function urlNotesPanel(ctx: ScreenContext): HTMLElement | null {
  const notes = ctx.state.urlNotes;
  if (notes.length === 0) return null;
  return notice('warning', { class: 'notice notice-warning', testid: 'url-notes-panel', attrs: { role: 'status' } }, [
    h('h2', {}, t('menu.url.title')),
    ...notes.map((n) => h('p', {}, t(n.param === 'seed' ? 'menu.url.seed' : 'menu.url.agents', { raw: n.raw, min: num(n.min), max: num(n.max) }))),
  ]);
}

function savedBanner(ctx: ScreenContext): HTMLElement | null {
  const saved = ctx.state.savedGame;
  if (!saved) return null;
  const entry = ctx.state.catalogue.find((e) => e.id === saved.scenarioId);
  const status = ctx.local.get('continueStatus') as Status | undefined;
  return notice(
    'flag',
    { class: 'notice notice-saved' },
    [
      h('h2', {}, t('menu.saved.title')),
      h('p', {}, t('menu.saved.what', { scenario: entry ? localized(entry.scenario.title) : saved.scenarioId, role: t(`menu.role.${saved.role}`), played: counted(Math.min(saved.years, saved.totalYears), 'yearsPlayed'), seed: num(saved.seed) }), ' ', t('len.saved', { total: years(saved.totalYears, 0) })),
      statusLine(status),
    ],
    button(t('menu.saved.continue'), {
      icon: 'arrowRight',
      testid: 'continue-save',
      kind: 'primary',
      onClick: () => {
        const r = ctx.dispatch({ type: 'continueSave' });
        if (!r.ok) ctx.local.set('continueStatus', { result: r } satisfies Status);
      },
    }),
  );
}

export function menuScreen(ctx: ScreenContext): ScreenView {
  const first = ctx.state.catalogue[0];
  const choice = localValue<MenuChoice>(ctx, 'choice', () => ({
    scenario: first?.id ?? '',
    role: 'city',
    city: first?.scenario.policies.city ?? '',
    partner: first?.scenario.policies.partner ?? '',
    years: first ? defaultGameYears(first.scenario) : 0,
  }));
  const root = screenRoot('menu', 'center');
  let initialFocus: HTMLElement | null = null;

  const render = () => {
    const focusKey = (document.activeElement as HTMLElement | null)?.dataset?.focus;
    const seed = seedField(ctx);
    const status = ctx.local.get('status') as Status | undefined;
    const start = button(t('menu.start'), {
      icon: 'play',
      testid: 'start',
      kind: 'primary',
      onClick: () => {
        const s = parseSeed(seed.input.value) ?? ctx.game.store.getState().menuSeed;
        const humans: Actor[] = choice.role === 'city' ? ['city'] : choice.role === 'partner' ? ['partner'] : choice.role === 'both' ? ['city', 'partner'] : [];
        const r = ctx.dispatch({
          type: 'start',
          scenario: choice.scenario,
          role: choice.role,
          seed: s,
          years: choice.years,
          ...(humans.includes('city') ? {} : { city: choice.city }),
          ...(humans.includes('partner') ? {} : { partner: choice.partner }),
        });
        if (!r.ok) {
          ctx.local.set('status', { result: r } satisfies Status);
          render();
        }
      },
    });
    initialFocus = start;
    const card = h(
      'div',
      { class: 'card menu-card' },
      h(
        'header',
        { class: 'menu-head' },
        h('div', { class: 'brand' }, screenTitle('menu', t('menu.title')), h('p', { class: 'tagline' }, t('menu.tagline'))),
        h('div', { class: 'menu-tools' }, largeTypeSwitch(ctx, false), langSwitch(false)),
      ),
      corruptPanel(ctx),
      urlNotesPanel(ctx),
      savedBanner(ctx),
      h(
        'div',
        { class: 'menu-grid' },
        h(
          'section',
          { class: 'menu-col' },
          h('h2', { class: 'col-title' }, t('menu.scenario')),
          h('div', { class: 'scenario-list', attrs: { role: 'radiogroup', 'aria-label': t('menu.scenario') } }, ...ctx.state.catalogue.map((e) => scenarioCard(ctx, e, choice, render))),
          ctx.state.catalogue.length === 0 ? h('p', { class: 'help' }, t('menu.noScenario')) : null,
          lengthBlock(ctx, choice, render),
        ),
        h(
          'section',
          { class: 'menu-col' },
          h('h2', { class: 'col-title' }, t('menu.role')),
          h('div', { class: 'role-grid', attrs: { role: 'radiogroup', 'aria-label': t('menu.role') } }, ...ROLES.map((r) => roleTile(r, choice, render))),
          opponentBlock(choice, render),
          h('div', { class: 'start-row' }, seed.el, start),
          seed.help,
          statusLine(status),
        ),
      ),
    );
    root.replaceChildren(card);
    if (focusKey) root.querySelector<HTMLElement>(`[data-focus="${CSS.escape(focusKey)}"]`)?.focus();
  };
  render();
  return { el: root, initialFocus };
}
