/**
 * The city view: the territory as a calm metro-style map, always behind the game's panels.
 *
 * It reads the store and draws; it computes nothing of the model. On each change of the session,
 * the overlay, the language or the type size it repaints its still layers (districts and roads,
 * the projects' works, names and badges) and adds or removes the moving sprites of the projects
 * that changed. Every frame it only moves those sprites and, for a moment after a change, eases
 * the districts' colours toward their new values. On the menu (no session) it shows the first
 * scenario's territory, quietly, without projects.
 *
 * Motion: flows run at full pace while the months run, slowly when paused, and not at all when
 * the reader's system asks for reduced motion (colours then change at once).
 *
 * The map fits in the part of the view that the panels leave free, which the interface states with
 * CSS custom properties on the mount (see `readInsets`); by default it uses the whole view.
 */
import Phaser from 'phaser';
import { getLang, numberLocale, onLangChange, t } from '../i18n';
import { PROJECT_FAMILIES } from '../sim';
import type { Scenario } from '../sim';
import type { ProjectFamily } from '../sim/scenario-schema';
import type { Game, GameState } from '../state/game-types';
import { CanvasLayer } from './canvas-layer';
import { CityLegend, type TipLine } from './city-legend';
import { layoutCity, pointInPolygon, type CityLayout, type Insets } from './city-layout';
import { paintBase, paintNotes, paintWorks } from './map-painter';
import { labelBox, layoutNotes, type BadgeSpot } from './notes-layout';
import { OVERLAY_SCALES, mixColours, niceCeiling, type OverlayScale } from './overlay-scale';
import { hexToNumber, MAP_COLOURS } from './palette';
import { FlowSet, flowSpecs } from './project-flows';
import { projectViews, type ProjectView } from './project-views';
import { iconKey } from './textures';
import { months } from '../ui/words/numbers';

/** Where `mount.ts` leaves the game's store for the scenes (Phaser's registry). */
export const GAME_REGISTRY_KEY = 'horizons.game';

/** How long a district's colour takes to reach its new value, ms. */
const EASE_MS = 700;
/** Repaint the districts at most this often while their colours ease, ms. */
const EASE_FRAME_MS = 50;
/** Pace of the flows while the game is paused (1 when the months run). */
const PAUSED_PACE = 0.3;
const LARGE_TYPE_SCALE = 1.25;
/** Words and badges grow with the screen beyond 1280×720 (a projector at 1920×1080), up to this factor. */
const MAX_SCREEN_SCALE = 1.75;

const DEPTH = { base: 0, works: 1, flows: 2, notes: 3 } as const;

export class CityViewScene extends Phaser.Scene {
  private horizons!: Game;
  private layers!: { base: CanvasLayer; works: CanvasLayer; notes: CanvasLayer };
  private flows!: FlowSet;
  private legend!: CityLegend;
  private icons = new Map<ProjectFamily, CanvasImageSource>();
  private cleanups: (() => void)[] = [];
  private tornDown = false;

  private layout: CityLayout | null = null;
  private layoutKey = '';
  private insetsKey = '';
  /** What the view and its still layers show, to skip the updates and paintings that change nothing. */
  private shownKey = '';
  /** The session object last shown: the store publishes a new one on every change. */
  private shownSession: unknown = null;
  private worksKey = '';
  private notesKey = '';
  /** The pointer's last position over the map, to refresh an open tooltip when the data move. */
  private pointer: { x: number; y: number } | null = null;
  private scenario: Scenario | null = null;
  private views: ProjectView[] = [];
  private spots: BadgeSpot[] = [];
  private values: number[] | null = null;
  private overlayScale: OverlayScale = OVERLAY_SCALES.satisfaction;
  private scaleMax = 1;
  /** Highest energy use seen in this session, so that the energy scale does not jump month to month. */
  private energySeen = 0;
  private sessionSetup: unknown = null;

  private fillsFrom: number[] = [];
  private fillsTo: number[] = [];
  private fillsShown: number[] = [];
  private hatched: boolean[] = [];
  private quiet = true;
  /** When the current easing of the fills began (null: none; -1: begins at the next frame). */
  private easeStart: number | null = null;
  private lastEasePaint = 0;

  private clock = 0;
  private playing = false;
  private reducedMotion = false;

  constructor() {
    super('CityViewScene');
  }

  create(): void {
    this.tornDown = false;
    this.horizons = this.registry.get(GAME_REGISTRY_KEY) as Game;
    for (const family of PROJECT_FAMILIES) {
      if (this.textures.exists(iconKey(family))) this.icons.set(family, this.textures.get(iconKey(family)).getSourceImage() as CanvasImageSource);
    }
    this.layers = {
      base: new CanvasLayer(this, 'city-layer-base', DEPTH.base),
      works: new CanvasLayer(this, 'city-layer-works', DEPTH.works),
      notes: new CanvasLayer(this, 'city-layer-notes', DEPTH.notes),
    };
    this.flows = new FlowSet(this, DEPTH.flows);
    this.legend = new CityLegend(this.scale.parent as HTMLElement);
    this.labelCanvas();

    const motion = window.matchMedia('(prefers-reduced-motion: reduce)');
    this.reducedMotion = motion.matches;
    const onMotion = (e: MediaQueryListEvent) => {
      this.reducedMotion = e.matches;
    };
    motion.addEventListener('change', onMotion);

    const store = this.horizons.store;
    const refresh = () => this.show(store.getState(), true);
    this.scale.on(Phaser.Scale.Events.RESIZE, refresh);
    this.cleanups.push(
      store.subscribe((state) => this.show(state, false)),
      onLangChange(() => {
        this.labelCanvas();
        refresh();
      }),
      () => motion.removeEventListener('change', onMotion),
      () => this.scale.off(Phaser.Scale.Events.RESIZE, refresh),
    );

    // Hovering with a mouse, tapping on a touch screen.
    const point = (p: Phaser.Input.Pointer) => {
      this.pointer = { x: p.x, y: p.y };
      this.hover(p.x, p.y);
    };
    this.input.on(Phaser.Input.Events.POINTER_MOVE, point);
    this.input.on(Phaser.Input.Events.POINTER_DOWN, point);
    this.input.on(Phaser.Input.Events.GAME_OUT, () => {
      this.pointer = null;
      this.legend.hideTip();
    });

    this.events.once(Phaser.Scenes.Events.SHUTDOWN, () => this.teardown());
    this.events.once(Phaser.Scenes.Events.DESTROY, () => this.teardown());
    this.show(store.getState(), true);
  }

  override update(time: number, delta: number): void {
    if (!this.reducedMotion) this.clock += (Math.min(delta, 100) / 1000) * (this.playing ? 1 : PAUSED_PACE);
    this.flows.update(this.clock, this.reducedMotion);
    if (this.easeStart !== null && time - this.lastEasePaint >= EASE_FRAME_MS) {
      if (this.easeStart < 0) this.easeStart = time;
      const u = Math.min(1, (time - this.easeStart) / EASE_MS);
      const eased = u * u * (3 - 2 * u);
      this.fillsShown = this.fillsTo.map((to, i) => mixColours(this.fillsFrom[i] ?? to, to, eased));
      this.paintBase();
      this.lastEasePaint = time;
      if (u >= 1) this.easeStart = null;
    }
  }

  private teardown(): void {
    if (this.tornDown) return;
    this.tornDown = true;
    for (const cleanup of this.cleanups) cleanup();
    this.cleanups = [];
    this.flows?.destroy();
    this.legend?.destroy();
    if (this.layers) for (const layer of Object.values(this.layers)) layer.destroy();
  }

  private labelCanvas(): void {
    this.game.canvas.setAttribute('role', 'img');
    this.game.canvas.setAttribute('aria-label', t('city.mapLabel'));
  }

  /**
   * The parts of the view that the game's panels cover, from CSS custom properties on the mount
   * (`--hz-city-inset-top`, `-right`, `-bottom`, `-left`, in px), so that the map fits in the rest.
   */
  private readInsets(): Insets {
    const style = getComputedStyle(this.scale.parent as HTMLElement);
    const px = (side: keyof Insets) => {
      const value = Number.parseFloat(style.getPropertyValue(`--hz-city-inset-${side}`));
      return Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
    };
    return { top: px('top'), right: px('right'), bottom: px('bottom'), left: px('left') };
  }

  /**
   * Writes each district's outline on the mount (`data-districts`, in page pixels: the view fills the
   * window), so that a browser test can check that nothing over the map (its tabs, its legend)
   * hides a district.
   */
  private publishDistricts(scenario: Scenario, layout: CityLayout): void {
    const boxes = layout.districts.map((d, i) => ({ name: scenario.territory.districts[i]?.name ?? String(i), cell: d.cell.map((p) => [Math.round(p.x), Math.round(p.y)]) }));
    (this.scale.parent as HTMLElement).dataset.districts = JSON.stringify(boxes);
  }

  /** The territory to draw: the session's, or on the menu the first scenario's. */
  private territoryOf(state: GameState): Scenario | null {
    return state.session?.scenario ?? state.catalogue[0]?.scenario ?? null;
  }

  /** Brings the view in line with the store (`force` after a resize or a change of language). */
  private show(state: GameState, force: boolean): void {
    this.playing = state.ui.playing;
    const scenario = this.territoryOf(state);
    const session = state.session;
    const { width, height } = this.scale;
    const insets = this.readInsets();
    const insetsKey = `${insets.top},${insets.right},${insets.bottom},${insets.left}`;
    const key = [scenario?.id, width, height, insetsKey, state.ui.overlay, state.ui.largeType].join('|');
    if (!force && key === this.shownKey && session === this.shownSession && (session?.setup ?? null) === this.sessionSetup) return;
    this.shownKey = key;
    this.shownSession = session;

    if (!scenario) {
      this.layout = null;
      for (const layer of Object.values(this.layers)) layer.paint((ctx) => ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height));
      this.flows.sync([], 1);
      this.legend.show(null, getLang());
      return;
    }

    // The legend first: the map keeps clear of it.
    this.overlayScale = OVERLAY_SCALES[state.ui.overlay];
    const values = session ? session.sim.districts.map((d) => this.overlayScale.read(d)) : null;
    this.values = values;
    if ((session?.setup ?? null) !== this.sessionSetup) {
      this.sessionSetup = session?.setup ?? null;
      this.energySeen = 0;
    }
    if (values && state.ui.overlay === 'energy') this.energySeen = Math.max(this.energySeen, ...values);
    this.scaleMax = state.ui.overlay === 'energy' ? niceCeiling(this.energySeen) : this.overlayScale.max;
    this.legend.show(session ? { scale: this.overlayScale, max: this.scaleMax } : null, getLang());
    const refit = this.legend.fitRoom(width - insets.left - insets.right);
    const legendBox = this.legend.box(force || refit || insetsKey !== this.insetsKey);
    this.insetsKey = insetsKey;

    const layoutKey = `${scenario.id}|${width}|${height}|${insetsKey}|${legendBox ? Object.values(legendBox).map(Math.round).join(',') : ''}`;
    const relaid = layoutKey !== this.layoutKey || scenario !== this.scenario;
    if (relaid) {
      this.layout = layoutCity(scenario.territory.districts, width, height, insets, legendBox ?? undefined);
      this.layoutKey = layoutKey;
      this.scenario = scenario;
      for (const layer of Object.values(this.layers)) layer.resize(width, height);
      this.publishDistricts(scenario, this.layout);
    }
    const layout = this.layout!;

    this.quiet = !session;
    this.views = session ? projectViews(session.sim) : [];
    const notes = layoutNotes(
      layout,
      scenario.territory.districts.map((d) => d.name),
      layout.districts.map((_, i) => (values ? this.overlayScale.format(values[i] ?? 0) : null)),
      this.views,
      // Large type enlarges the labels where the map has the room (not beside a side panel at 1024 px: they would cover each other).
      (state.ui.largeType && width - insets.left - insets.right >= 640 ? LARGE_TYPE_SCALE : 1) * Math.min(MAX_SCREEN_SCALE, Math.max(1, Math.min(width / 1280, height / 720))),
      [...(legendBox ? [legendBox] : []), ...insetBoxes(width, height, insets)],
    );
    this.spots = notes.spots;
    // The words' boxes, in page pixels, for a browser test to check that none covers another.
    (this.scale.parent as HTMLElement).dataset.labels = JSON.stringify(notes.labels.map((l) => ({ text: l.text, ...labelBox(l) })));

    this.setFills(layout, relaid);
    // Month to month most projects look the same: paint only what moved.
    const worksKey = `${layoutKey}|${this.views.map((v) => `${v.key}:${v.stage}:${v.coverage.toFixed(3)}:${v.progress.toFixed(3)}`).join(',')}`;
    if (force || relaid || worksKey !== this.worksKey) this.layers.works.paint((ctx) => paintWorks(ctx, layout, this.views));
    this.worksKey = worksKey;
    const notesKey = `${layoutKey}|${this.quiet}|${JSON.stringify(notes)}`;
    if (force || relaid || notesKey !== this.notesKey) this.layers.notes.paint((ctx) => paintNotes(ctx, notes, this.quiet, this.icons));
    this.notesKey = notesKey;
    this.flows.sync(flowSpecs(layout, this.views, this.spots), layout.detail);
    if (this.pointer && this.legend.tipShown) this.hover(this.pointer.x, this.pointer.y);
  }

  /** Sets the districts' target colours; eases toward them unless the map was just laid out. */
  private setFills(layout: CityLayout, instant: boolean): void {
    const land = hexToNumber(MAP_COLOURS.land);
    const values = this.values;
    const targets = layout.districts.map((_, i) => (values ? this.overlayScale.fill(values[i] ?? 0, this.scaleMax) : land));
    this.hatched = layout.districts.map((_, i) => (values ? this.overlayScale.hatched(values[i] ?? 0) : false));
    if (instant || this.reducedMotion || this.fillsShown.length !== targets.length) {
      this.fillsFrom = targets;
      this.fillsTo = targets;
      this.fillsShown = targets;
      this.easeStart = null;
      this.paintBase();
      return;
    }
    if (targets.every((c, i) => c === this.fillsTo[i])) {
      // Same colours; the hatching may still have changed.
      if (this.easeStart === null) this.paintBase();
      return;
    }
    this.fillsFrom = this.fillsShown;
    this.fillsTo = targets;
    this.easeStart = -1;
    this.lastEasePaint = 0;
  }

  private paintBase(): void {
    const layout = this.layout;
    if (!layout) return;
    this.layers.base.paint((ctx) => paintBase(ctx, layout, { fills: this.fillsShown, hatched: this.hatched, quiet: this.quiet }));
  }

  /** The tooltip for what is under the pointer: a project's badge, else a district. */
  private hover(x: number, y: number): void {
    const layout = this.layout;
    if (!layout) return;
    const spot = this.spots.find((s) => Math.abs(s.x - x) <= s.size / 2 && Math.abs(s.y - y) <= s.size / 2);
    if (spot) {
      this.legend.showTip(x, y, this.projectTip(spot.view));
      return;
    }
    const district = layout.districts.findIndex((d) => pointInPolygon(d.cell, { x, y }));
    const info = this.scenario?.territory.districts[district];
    if (!info) {
      this.legend.hideTip();
      return;
    }
    const lines: TipLine[] = [{ text: info.name, strong: true }];
    const value = this.values?.[district];
    if (value !== undefined) lines.push({ text: t('city.tooltip.value', { overlay: t(this.overlayScale.title), value: this.overlayScale.format(value) }) });
    this.legend.showTip(x, y, lines);
  }

  private projectTip(v: ProjectView): TipLine[] {
    const pct = (share: number) => t('city.unit.percent', { value: new Intl.NumberFormat(numberLocale(), { maximumFractionDigits: 0 }).format(share * 100) });
    const stage =
      v.stage === 'building'
        ? v.worksStartsIn > 0
          ? t('city.stage.scheduled', { months: months(v.worksStartsIn) })
          : t('city.stage.building', { percent: pct(v.progress) })
        : v.stage === 'operating'
          ? t('city.stage.operating')
          : v.stage === 'down'
            ? t('city.stage.down')
            : t('city.stage.failed');
    const lines: TipLine[] = [{ text: t(`city.family.${v.family}`), strong: true }, { text: stage }];
    lines.push({ text: v.builder === 'partner' && v.contractId !== null ? t('city.builder.partner', { id: v.contractId }) : t('city.builder.city') });
    if (v.pilot) lines.push({ text: t('city.pilot', { percent: pct(v.scale) }) });
    return lines;
  }
}

/** The parts of the window the panels cover (the insets), as boxes the map's words keep clear of. */
function insetBoxes(width: number, height: number, insets: { top: number; right: number; bottom: number; left: number }): { x0: number; y0: number; x1: number; y1: number }[] {
  const boxes = [
    { x0: 0, y0: 0, x1: width, y1: insets.top },
    { x0: width - insets.right, y0: 0, x1: width, y1: height },
    { x0: 0, y0: height - insets.bottom, x1: width, y1: height },
    { x0: 0, y0: 0, x1: insets.left, y1: height },
  ];
  return boxes.filter((b) => b.x1 > b.x0 && b.y1 > b.y0);
}
