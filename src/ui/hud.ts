/**
 * The HUD: the strip along the top that everybody in the room reads. The date; the election as a
 * clock (months left in the term, the campaign marked); the city's budget (the envelope left,
 * gross savings); the debt-capacity ratio as one gauge with its ceiling marked; approval
 * (satisfaction and vote intention, against the 50 % line); and the partner's cash and portfolio
 * value — only where the partner's group may see them (never on a city group's screen). On the
 * right, the large-type switch and the language. Below-left, the map bar: the overlay of the
 * city view. Every figure has a tooltip: what it is, how it moved this year, and why.
 */
import { getLang, setLang, t, type Lang } from '../i18n';
import { OVERLAYS, type GameState, type Overlay, type Session } from '../state/game-types';
import { inPlayableYears, projectedDebtYears } from '../sim';
import { icon } from './icons';
import type { ScreenContext } from './screens/context';
import { button, h, setFigure } from './dom';
import { figureTip, formatFigure, liveFigures, type FigureId } from './screens/figures';
import { capital } from './words/names';
import './hud-debt.css';
import { gameYear, monthYear } from './words/dates';
import { months, num, years } from './words/numbers';
import './leave.css';

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** The election clock: the share of the term still to run, as a ring; the campaign months as an outer arc. */
function electionClock(left: number, term: number, campaign: number): SVGSVGElement {
  const ring = (r: number, share: number, cls: string) => {
    const c = 2 * Math.PI * r;
    return svg('circle', { cx: 20, cy: 20, r, class: cls, 'stroke-dasharray': `${c * share} ${c}`, transform: 'rotate(-90 20 20)' });
  };
  const share = Math.max(0, Math.min(1, left / term));
  const el = svg('svg', { viewBox: '0 0 40 40', class: 'clock', 'aria-hidden': 'true' });
  el.append(svg('circle', { cx: 20, cy: 20, r: 14, class: 'clock-track' }));
  // The campaign: the last months before the vote, the arc the hand sweeps last (just past twelve).
  el.append(ring(18.5, Math.min(1, campaign / term), 'clock-campaign'));
  el.append(ring(14, share, 'clock-left'));
  el.append(svg('line', { x1: 20, y1: 20, x2: 20 + 8 * Math.sin(2 * Math.PI * share), y2: 20 - 8 * Math.cos(2 * Math.PI * share), class: 'clock-hand' }));
  el.append(svg('circle', { cx: 20, cy: 20, r: 2.2, class: 'clock-pin' }));
  return el;
}

/**
 * The debt-capacity gauge: a bar from 0 to past the lenders' limit; the 12-year reference (an
 * alarm, LPFP 2018–22, not a legal cap) as a tall solid mark, the lenders' limit as a dotted one.
 */
export function debtGauge(value: number, reference: number, width = 132, lendersRefuse?: number): SVGSVGElement {
  const top = Math.max(reference, lendersRefuse ?? reference);
  const max = Math.max(top * 1.25, reference * 1.5, Math.min(value, top * 2));
  const x = (v: number) => 2 + (Math.max(0, Math.min(v, max)) / max) * (width - 4);
  const el = svg('svg', { viewBox: `0 0 ${width} 24`, width, height: 24, class: 'gauge', 'aria-hidden': 'true' });
  el.append(svg('rect', { x: 2, y: 7, width: width - 4, height: 10, rx: 5, class: 'gauge-track' }));
  el.append(svg('rect', { x: x(reference), y: 7, width: width - 2 - x(reference), height: 10, class: 'gauge-danger' }));
  el.append(svg('rect', { x: 2, y: 7, width: Math.max(0, x(value) - 2), height: 10, rx: 5, class: value > reference ? 'gauge-fill over' : 'gauge-fill' }));
  el.append(svg('line', { x1: x(reference), x2: x(reference), y1: 1, y2: 23, class: 'gauge-ceiling' }));
  if (lendersRefuse !== undefined) el.append(svg('line', { x1: x(lendersRefuse), x2: x(lendersRefuse), y1: 1, y2: 23, class: 'gauge-lenders' }));
  return el;
}

/** A share against the 50 % line (vote intention), as a small bar. */
function majorityBar(share: number): SVGSVGElement {
  const w = 48;
  const el = svg('svg', { viewBox: `0 0 ${w} 10`, width: w, height: 10, class: 'majority', 'aria-hidden': 'true' });
  el.append(svg('rect', { x: 0, y: 2, width: w, height: 6, rx: 3, class: 'majority-track' }));
  el.append(svg('rect', { x: 0, y: 2, width: Math.max(0, Math.min(1, share)) * w, height: 6, rx: 3, class: 'majority-fill' }));
  el.append(svg('line', { x1: w / 2, x2: w / 2, y1: 0, y2: 10, class: 'majority-line' }));
  return el;
}

export interface Hud {
  el: HTMLElement;
  mapbar: HTMLElement;
  update(ctx: ScreenContext): void;
}

/** Where the HUD shows: in a game, except on the hand-over screen (it may hide private figures). */
const hudShown = (state: GameState) => state.session !== null && state.screen !== 'menu' && state.screen !== 'handover';
/** Where the overlay switch shows: where the city view is in plain sight. */
const mapbarShown = (state: GameState) => state.session !== null && (state.screen === 'decisions' || state.screen === 'months' || state.screen === 'epilogue');

/** The language switch: both languages on the menu; in the HUD, one button to the other language. */
export function langSwitch(compact: boolean): HTMLElement {
  const current = getLang();
  const choice = (lang: Lang, text: string, label: string) =>
    button(text, { testid: `lang-${lang}`, kind: 'quiet', pressed: current === lang, label, onClick: () => setLang(lang) });
  if (compact) {
    const other: Lang = current === 'fr' ? 'en' : 'fr';
    const b = button(other.toUpperCase(), { testid: `lang-${other}`, kind: 'quiet', label: t(`hud.lang.${other}`), onClick: () => setLang(other) });
    b.title = t(`hud.lang.${other}`);
    return b;
  }
  return h('div', { class: 'lang-switch', attrs: { role: 'group', 'aria-label': t('hud.language') } }, choice('fr', 'FR', t('hud.lang.fr')), choice('en', 'EN', t('hud.lang.en')));
}

/** The large-type switch (also on the menu); in the HUD, an icon alone (its name for screen readers and on hover). */
export function largeTypeSwitch(ctx: ScreenContext, compact: boolean): HTMLButtonElement {
  const { store } = ctx.game;
  const b = button(compact ? '' : t('hud.largeType'), { icon: 'type', testid: 'large-type', kind: 'quiet', pressed: ctx.state.ui.largeType, label: t('hud.largeType'), onClick: () => ctx.dispatch({ type: 'setLargeType', on: !store.getState().ui.largeType }) });
  if (compact) b.title = t('hud.largeType');
  return b;
}

function item(cls: string, iconName: Parameters<typeof icon>[0] | null, label: Node | string, ...values: (Node | null)[]): HTMLElement {
  return h('div', { class: `hud-item ${cls}` }, iconName ? icon(iconName, 'icon hud-icon') : null, h('div', { class: 'hud-text' }, typeof label === 'string' ? h('span', { class: 'hud-label' }, label) : label, h('span', { class: 'hud-values' }, ...values)));
}

/** The HUD's elements that move with the months (the rest is built once per language). */
interface HudParts {
  figures: Partial<Record<FigureId, HTMLElement>>;
  date: HTMLElement;
  dateLabel: HTMLElement;
  election: HTMLElement;
  electionLabel: HTMLElement;
  electionFig: HTMLElement;
  clock: HTMLElement;
  gauge: HTMLElement;
  debt: HTMLElement;
  /** The ratio with what is signed, as the lenders' check counts it (`projectedDebtYears`). */
  debtSigned: HTMLElement;
  majority: HTMLElement;
  largeType: HTMLButtonElement;
  /** The way back to the menu: its button, and the confirmation that says what the autosave keeps. */
  leave: HTMLElement;
  leaveText: HTMLElement;
}

function buildHud(el: HTMLElement, ctx: ScreenContext): HudParts {
  el.setAttribute('aria-label', t('hud.region'));
  const fig = (testid: string) => h('span', { class: 'fig hud-value', testid });
  const figures: HudParts['figures'] = {
    envelope: fig('hud-envelope'),
    savings: fig('hud-savings'),
    satisfaction: fig('hud-satisfaction'),
    vote: fig('hud-vote'),
  };
  const parts: HudParts = {
    figures,
    date: fig('hud-date'),
    dateLabel: h('span', { class: 'hud-label' }),
    election: h('div', { class: 'hud-item hud-election' }),
    electionLabel: h('span', { class: 'hud-label' }),
    electionFig: fig('hud-election'),
    clock: h('span', { class: 'clock-holder' }),
    gauge: h('span', { class: 'gauge-holder' }),
    debt: fig('hud-debt'),
    debtSigned: fig('hud-debt-signed'),
    majority: h('span', { class: 'majority-holder' }),
    largeType: largeTypeSwitch(ctx, true),
    leave: h('div', { class: 'leave-confirm', testid: 'to-menu-confirm-box', attrs: { role: 'dialog', 'aria-labelledby': 'leave-title' } }),
    leaveText: h('p', { testid: 'to-menu-kept' }),
  };
  const menuButton = button(t('len.menu'), { icon: 'arrowRight', testid: 'to-menu', kind: 'quiet', label: t('len.menuTip'), onClick: () => {
    parts.leave.hidden = !parts.leave.hidden;
    if (!parts.leave.hidden) parts.leave.querySelector<HTMLElement>('[data-testid="to-menu-cancel"]')?.focus();
  } });
  menuButton.title = t('len.menuTip');
  menuButton.classList.add('to-menu');
  parts.leave.hidden = true;
  parts.leave.append(
    h('h2', { attrs: { id: 'leave-title' } }, t('len.leave.title')),
    parts.leaveText,
    h(
      'div',
      { class: 'leave-actions' },
      button(t('len.leave.stay'), { testid: 'to-menu-cancel', kind: 'quiet', onClick: () => { parts.leave.hidden = true; menuButton.focus(); } }),
      button(t('len.leave.confirm'), { icon: 'arrowRight', testid: 'to-menu-confirm', kind: 'primary', onClick: () => {
        // Closed as it leaves: the HUD outlives the game, and a game resumed later must not find it open.
        parts.leave.hidden = true;
        ctx.dispatch({ type: 'toMenu' });
      } }),
    ),
  );
  parts.election.append(parts.clock, h('div', { class: 'hud-text' }, parts.electionLabel, h('span', { class: 'hud-values' }, parts.electionFig)));
  const groups: HTMLElement[] = [
    item('hud-date', null, parts.dateLabel, parts.date),
    parts.election,
    h(
      'div',
      { class: 'hud-group side-city' },
      h('span', { class: 'sr-only' }, t('screens.side.city')),
      item('', null, t('hud.envelope'), figures.envelope!),
      item('', null, t('hud.savings'), figures.savings!),
      item('hud-debt', null, t('hud.debt'), parts.gauge, parts.debt, parts.debtSigned),
    ),
    h('div', { class: 'hud-group hud-approval', testid: 'hud-approval' }, item('', null, t('hud.satisfaction'), figures.satisfaction!), item('', null, t('hud.vote'), parts.majority, figures.vote!)),
  ];
  if (ctx.partnerVisible) {
    figures.partnerCash = fig('hud-partner-cash');
    figures.partnerValue = fig('hud-partner-value');
    groups.push(
      h(
        'div',
        { class: 'hud-group side-partner' },
        h('span', { class: 'hud-side' }, icon('partner', 'icon partner-mark'), h('span', { class: 'sr-only' }, t('screens.side.partner'))),
        item('', null, t('hud.partnerCash'), figures.partnerCash),
        item('', null, t('hud.partnerValue'), figures.partnerValue),
      ),
    );
  }
  el.replaceChildren(h('div', { class: 'hud-figures' }, ...groups), h('div', { class: 'hud-tools' }, parts.largeType, langSwitch(true), menuButton, parts.leave));
  return parts;
}

function fillHud(parts: HudParts, ctx: ScreenContext, session: Session): void {
  const sc = session.scenario;
  const sim = session.sim;
  const view = { scenario: sc, partnerPrivate: ctx.partnerVisible };
  const live = liveFigures(session);
  for (const [id, el] of Object.entries(parts.figures) as [FigureId, HTMLElement][]) setFigure(el, formatFigure(id, live[id]), figureTip(id, session, ctx.starts, view));

  // The date, and where the game stands in its years.
  const playable = inPlayableYears(sim, sc);
  parts.dateLabel.textContent = playable ? t('hud.yearOf', { n: num(Math.floor(sim.tick / 12) + 1), total: num(sc.playableYears) }) : t('hud.epilogue');
  setFigure(parts.date, capital(monthYear(sc, sim.tick)), t('hud.tip.date', { start: monthYear(sc, 0), end: monthYear(sc, sc.playableYears * 12 - 1), years: num(sc.playableYears), horizon: String(gameYear(sc, sc.horizonYears * 12 - 1)) }));

  // What leaving for the menu keeps (the autosave, written at each year's end).
  parts.leaveText.textContent = leaveKept(ctx.state, session);

  // The election clock: everybody sees it, while an election the players will vote in is ahead
  // (none after the game's last played year: the model runs on, but nobody plays that vote).
  parts.election.hidden = !(playable && sim.nextElectionTick < sc.playableYears * 12);
  const left = Math.max(0, sim.nextElectionTick - sim.tick);
  const campaign = left <= sc.politics.campaignMonths;
  parts.election.classList.toggle('campaign', campaign);
  parts.electionLabel.textContent = campaign ? t('hud.campaign') : t('hud.election');
  parts.clock.replaceChildren(electionClock(left, sc.politics.termYears * 12, sc.politics.campaignMonths));
  setFigure(parts.electionFig, months(left), [
    t('hud.tip.election', { date: monthYear(sc, sim.nextElectionTick), months: months(left) }),
    t('hud.tip.electionHow'),
    campaign ? t('hud.tip.campaign', { months: months(sc.politics.campaignMonths) }) : '',
  ]);

  // The debt capacity against its 12-year reference (an alarm) and the lenders' limit: one gauge.
  const ceiling = sc.city.debtCeilingYears;
  const debt = sim.city.debtCapacityYears;
  const refuse = sc.funding.lendersRefuseYears;
  parts.gauge.replaceChildren(debtGauge(debt, ceiling, 84, refuse), ...(debt > ceiling ? [icon('warning', 'icon warn')] : []));
  const tip = figureTip('debt', session, ctx.starts, view);
  setFigure(parts.debt, t('hud.debtValue', { value: num(debt, 1), ceiling: years(ceiling, 0) }), [...tip, t('hud.tip.debtLenders', { ceiling: years(ceiling, 0), refuse: years(refuse, 0) })]);
  // Beside it, the ratio the lenders' check counts (what is signed and not yet running included):
  // the figure a refusal to borrow cites, so the two never disagree.
  const signed = projectedDebtYears(sim, sc);
  const signedText = Number.isFinite(signed) && signed < 99 ? num(signed, 1) : t('hud.debtSignedOver');
  setFigure(parts.debtSigned, t('hud.debtSigned', { value: signedText }), [t('hud.tip.debtSigned', { value: signedText, today: num(debt, 1), refuse: years(refuse, 0) })]);
  parts.debtSigned.classList.toggle('over', signed > ceiling);
  // Shown when what is signed moves the figure (at the HUD's precision); otherwise today's is it.
  parts.debtSigned.hidden = signedText === num(debt, 1);

  parts.majority.replaceChildren(majorityBar(live.vote));
  parts.largeType.setAttribute('aria-pressed', String(ctx.state.ui.largeType));
}

/** What the autosave keeps of this game if the players leave for the menu now, in words. */
function leaveKept(state: GameState, session: Session): string {
  if (session.saveError) return t('len.leave.failed', { error: session.saveError });
  const sc = session.scenario;
  const saved = state.savedGame;
  const completed = Math.floor(session.sim.tick / 12);
  // The menu's saved game is this one when it is at this game's last year's end (game-store.ts writes it then).
  // After the last played year it was written at that year's end, and again when the model reached its horizon.
  const at = saved !== null && (saved.years === completed || (completed > sc.playableYears && saved.years >= sc.playableYears));
  const mine = at && saved.years >= 1 && saved.scenarioId === sc.id && saved.role === session.setup.role && saved.seed === session.setup.seed && saved.totalYears === sc.playableYears;
  if (!mine) return t('len.leave.notSaved');
  if (saved.years >= sc.playableYears) return t('len.leave.keptEnd', { years: years(sc.playableYears, 0) });
  return t('len.leave.kept', { n: num(saved.years + 1), year: String(gameYear(sc, saved.years * 12)) });
}

export function createHud(): Hud {
  const el = h('header', { class: 'hud' });
  const mapbar = h('nav', { class: 'mapbar' });
  let parts: HudParts | null = null;
  let shape = '';
  let mapShape = '';
  const overlays = new Map<Overlay, HTMLButtonElement>();
  return {
    el,
    mapbar,
    update(ctx) {
      const { state } = ctx;
      el.hidden = !hudShown(state);
      mapbar.hidden = !mapbarShown(state);
      if (!el.hidden) {
        // Built anew only when its shape changes (the language, the partner's figures shown or not).
        const now = `${getLang()}|${ctx.partnerVisible}`;
        if (!parts || now !== shape) {
          parts = buildHud(el, ctx);
          shape = now;
        }
        fillHud(parts, ctx, state.session!);
      }
      if (!mapbar.hidden) {
        if (mapShape !== getLang()) {
          mapShape = getLang();
          overlays.clear();
          mapbar.setAttribute('aria-label', t('hud.overlay'));
          for (const o of OVERLAYS) overlays.set(o, button(t(`hud.overlay.${o}`), { testid: `overlay-${o}`, kind: 'quiet', onClick: () => ctx.dispatch({ type: 'setOverlay', overlay: o }) }));
          mapbar.replaceChildren(h('span', { class: 'mapbar-label' }, icon('layers'), h('span', {}, t('hud.overlay'))), ...overlays.values());
        }
        for (const [o, b] of overlays) b.setAttribute('aria-pressed', String(state.ui.overlay === o));
      }
    },
  };
}
