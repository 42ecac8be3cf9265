/**
 * The figures players follow through a year (satisfaction, vote intention, debt capacity, the
 * envelope, gross savings, services, energy saved, the partner's cash and value): what each is,
 * its value now, its value when the year began, and why it moved.
 *
 * Each figure is a reporter of the sim (src/sim/metrics.ts): its value now, its name and its
 * description come from the declaration the CSV and the charts read. The value at a year's start
 * is a snapshot the app takes when it sees a year begin, or else the sim's yearly row. Why it moved
 * is the model's own decomposition for satisfaction, the vote intention, the debt-capacity ratio
 * and gross savings (src/sim/causes.ts: each driver's part, largest first, from the drivers'
 * snapshots the app takes month by month); for the other figures, the entries of this year's log
 * (and the players' own decisions) that act on it, told in plain words.
 */
import { t } from '../../i18n';
import { driverSnapshot, explainChange, isBudgetMonth, REPORTERS, type Action, type CauseId, type DriverSnapshot, type LogEntry } from '../../sim';
import type { Session } from '../../state/game-types';
import { eur, num, pct, points, signed, signedEur, years } from '../words/numbers';
import { logLines, type LogView } from '../words/log';
import { metricDescription, metricLabel } from '../words/metrics';
import { monthYear } from '../words/dates';

export const FIGURES = ['satisfaction', 'vote', 'debt', 'envelope', 'savings', 'services', 'energy', 'partnerCash', 'partnerValue'] as const;
export type FigureId = (typeof FIGURES)[number];
export type Snapshot = Record<FigureId, number>;

/** The reporter (src/sim/metrics.ts) each figure is: its value, its name, what it is, its yearly row. */
const REPORTER_OF: Record<FigureId, string> = {
  satisfaction: 'citizenSatisfaction',
  vote: 'voteIntention',
  debt: 'debtCapacityYears',
  envelope: 'envelopeLeftEur',
  savings: 'grossSavingsEur',
  services: 'servicesDelivered',
  energy: 'energySavedMWh',
  partnerCash: 'partnerCashEur',
  partnerValue: 'partnerNpvEur',
};

const REPORTER_BY_FIGURE = Object.fromEntries(FIGURES.map((id) => [id, REPORTERS.find((r) => r.key === REPORTER_OF[id])!])) as Record<FigureId, (typeof REPORTERS)[number]>;

/** Every figure now, as its reporter computes it. */
export function liveFigures(session: Session): Snapshot {
  const out = {} as Snapshot;
  for (const id of FIGURES) out[id] = REPORTER_BY_FIGURE[id].compute(session.sim, session.scenario);
  return out;
}

/** A figure's value as shown. */
export function formatFigure(id: FigureId, value: number): string {
  switch (id) {
    case 'satisfaction':
    case 'vote':
      return pct(value);
    case 'debt':
      return years(value);
    case 'services':
      return num(value);
    case 'energy':
      return `${num(value)}\u00a0MWh`;
    default:
      return eur(value);
  }
}

/** A figure's change as shown ("+4 points", "+1,2 M€"). */
export function formatChange(id: FigureId, delta: number): string {
  switch (id) {
    case 'satisfaction':
    case 'vote':
      return Math.abs(delta) < 0.0005 ? t('screens.change.none') : points(delta);
    case 'debt':
      return signed(delta, (v) => years(v));
    case 'services':
      return signed(delta, (v) => num(v));
    case 'energy':
      return signed(delta, (v) => `${num(v)}\u00a0MWh`);
    default:
      return Math.abs(delta) < 500 ? t('screens.change.none') : signedEur(delta);
  }
}

/** A figure's full name (the reporter's label when it has one). */
export function figureLabel(id: FigureId): string {
  return metricLabel(REPORTER_OF[id]);
}

/** What a figure is, in plain words. */
function figureWhat(id: FigureId, session: Session): string {
  if (id === 'debt') return t('screens.fig.debtWhat', { ceiling: years(session.scenario.city.debtCeilingYears, 0), refuse: years(session.scenario.funding.lendersRefuseYears, 0) });
  return metricDescription(REPORTER_OF[id]);
}

/**
 * Remembers each year's starting figures, for the changes "since the start of the year", and the
 * drivers' snapshot of every month it sees (src/sim/causes.ts), for their causes.
 */
export class YearStarts {
  private snaps = new Map<number, Snapshot>();
  private drivers = new Map<number, DriverSnapshot>();
  private explained = new Map<string, ReturnType<typeof explainChange>>();
  private game: Session['setup'] | null = null;

  /** Called on every state: a new game forgets the old one; a year's first look is remembered, and each month's drivers. */
  observe(session: Session | null): void {
    if (!session) return;
    if (session.setup !== this.game) {
      this.game = session.setup;
      this.snaps.clear();
      this.drivers.clear();
    }
    const tick = session.sim.tick;
    if (isBudgetMonth(tick) && !this.snaps.has(tick)) this.snaps.set(tick, liveFigures(session));
    if (!this.drivers.has(tick)) {
      this.drivers.set(tick, driverSnapshot(session.sim, session.scenario));
      this.explained.clear();
    }
  }

  /**
   * The model's split of a figure's change since `from` (a year's start), or null without the
   * drivers at `from` and now (a month not seen between them counts as a change in its middle).
   */
  explain(id: ExplainedId, session: Session, from: number, change: number): ReturnType<typeof explainChange> | null {
    const tick = session.sim.tick;
    if (!this.drivers.has(from) || !this.drivers.has(tick)) return null;
    const key = `${id}:${from}:${tick}:${change}`;
    let e = this.explained.get(key);
    if (!e) {
      const known = [...this.drivers.values()].filter((d) => d.tick <= tick).sort((a, b) => a.tick - b.tick);
      e = explainChange(EXPLAINED[id], known, from, change, session.sim, session.scenario);
      this.explained.set(key, e);
    }
    return e;
  }

  /** The figures at `tick` (a year's start): the snapshot, or the yearly row's reporters (NaN where none). */
  at(session: Session, tick: number): Snapshot | null {
    const snap = this.snaps.get(tick);
    if (snap) return snap;
    const row = tick > 0 ? session.sim.yearly[tick / 12 - 1] : undefined;
    if (!row) return null;
    const out = {} as Snapshot;
    for (const id of FIGURES) {
      const key = REPORTER_OF[id];
      out[id] = row[key] ?? NaN;
    }
    return out;
  }
}

/** The tick at which the year being played (or just ended, on its summary) began. */
export function yearStartTick(session: Session): number {
  const tick = session.sim.tick;
  return session.tickOpen || !isBudgetMonth(tick) ? Math.floor(tick / 12) * 12 : Math.max(0, tick - 12);
}

/** This year's log entries (since the year's first month). */
export function yearEntries(session: Session): LogEntry[] {
  return session.sim.log.slice(session.yearLogStart);
}

type Relevance = (e: LogEntry) => boolean;
const isEvent =
  (...kinds: string[]): Relevance =>
  (e) =>
    e.kind === 'event' && kinds.includes(e.data.kind);
const isKind =
  (...kinds: string[]): Relevance =>
  (e) =>
    kinds.includes(e.kind);
const any =
  (...tests: Relevance[]): Relevance =>
  (e) =>
    tests.some((f) => f(e));
const partnerContract: Relevance = (e) => e.kind === 'contractSigned' && e.data.builder === 'partner';

/** Which log entries act on the figures the model does not split (the model's causal paths, as docs/MODEL.md tells them). */
const RELEVANT: Record<Exclude<FigureId, ExplainedId | 'services'>, Relevance> = {
  envelope: isKind('contractSigned'),
  energy: isKind('deploymentOpened'),
  partnerCash: any(partnerContract, isKind('contractCancelled', 'contractRenegotiated', 'failure'), isEvent('costOverrun', 'partnerMerger', 'partnerFailure')),
  partnerValue: any(partnerContract, isKind('contractCancelled', 'contractRenegotiated', 'failure'), isEvent('costOverrun', 'partnerMerger', 'partnerFailure')),
};

/** The players' own decisions of this year that act on a figure, as sentences (the figures the model explains have their drivers instead). */
function ownDecisions(id: FigureId, session: Session, from: number): { tick: number; text: string }[] {
  const out: { tick: number; text: string }[] = [];
  for (const { tick, action } of session.actions) {
    if (tick < from) continue;
    const text = decisionSentence(action, id);
    if (text) out.push({ tick, text });
  }
  return out;
}

function decisionSentence(a: Action, id: FigureId): string | null {
  // The envelope is what the budget sets; the taxes' effects are the model's drivers of the other figures.
  if (a.type === 'setBudget' && id === 'envelope') return t('causes.envelope', { envelope: eur(a.envelopeEur) });
  if (a.type === 'governance' && id === 'envelope') return t(a.on ? 'screens.cause.governanceOn' : 'screens.cause.governanceOff', { measure: t(`screens.gov.${a.measure}`) });
  return null;
}

/** The figures whose change the model splits into its drivers (src/sim/causes.ts), and under which name. */
const EXPLAINED = { satisfaction: 'satisfaction', vote: 'vote', debt: 'debt', savings: 'savings' } as const;
type ExplainedId = keyof typeof EXPLAINED;
const isExplained = (id: FigureId): id is ExplainedId => id in EXPLAINED;

/** A cause's size as shown: points for shares, years for the ratio, euros for savings. */
function causeSize(id: ExplainedId, size: number): string {
  if (id === 'debt') return signed(size, (v) => years(v));
  if (id === 'savings') return signedEur(size);
  return points(size);
}

/** A cause's name; the residual of a money figure is rounding and the flows no group holds, not citizens catching up. */
function causeName(id: ExplainedId, cause: CauseId): string {
  if (cause === 'adjustment' && (id === 'debt' || id === 'savings')) return t('causes.adjustment.money');
  return t(`causes.${cause}`);
}

/** Smallest cause worth a line: a tenth of a point, a twentieth of a year, ten thousand euros. */
function visible(id: ExplainedId, size: number): boolean {
  return Math.abs(size) >= (id === 'debt' ? 0.05 : id === 'savings' ? 10_000 : 0.001);
}

/**
 * The causes in the order a sentence reads them: first those that moved the figure the way it
 * went, largest first ("+0,2 an: nouveaux emprunts +0,4", not "capital remboursé −0,4" first),
 * then the others as the model ranks them. For the money figures the residual (other flows and
 * rounding) comes after every named cause.
 */
export function leadingCauses<C extends { id: string; size: number }>(id: ExplainedId, causes: readonly C[], change: number): C[] {
  const money = id === 'debt' || id === 'savings';
  const leads = (c: C) => Math.sign(c.size) === Math.sign(change) && !(money && c.id === 'adjustment');
  return [...causes.filter(leads), ...causes.filter((c) => !leads(c))];
}

/** The model's causes of a figure's change since the year began, largest first, each with its size; null when the model cannot say (months not seen). */
function modelCauses(id: ExplainedId, session: Session, starts: YearStarts, max: number): string[] | null {
  const from = yearStartTick(session);
  const base = starts.at(session, from)?.[id];
  if (base === undefined || !Number.isFinite(base)) return null;
  const change = liveFigures(session)[id] - base;
  const e = starts.explain(id, session, from, change);
  if (!e) return null;
  return leadingCauses(id, e.causes, change)
    .filter((c) => visible(id, c.size))
    .slice(0, max)
    .map((c) => t('causes.item', { cause: causeName(id, c.id), size: causeSize(id, c.size) }));
}

/** The services opened and stopped this year (a count's causes are its openings and closings, not a breakdown). */
function serviceCauses(session: Session): string[] {
  const entries = yearEntries(session);
  const opened = entries.filter((e) => e.kind === 'deploymentOpened' && !e.data.pilot).length;
  const ended = entries.filter((e) => e.kind === 'deploymentEnded' && !e.data.pilot).length;
  return opened + ended > 0 ? [t('causes.servicesOpened', { n: num(opened), ended: num(ended) })] : [];
}

/** The causes of a figure's move this year: the model's drivers largest first, or for the other figures the year's entries, most recent first (at most `max`). */
export function causesOf(id: FigureId, session: Session, starts: YearStarts, view: LogView, max = 2): string[] {
  if (isExplained(id)) return modelCauses(id, session, starts, max) ?? [];
  if (id === 'services') return serviceCauses(session);
  const from = yearStartTick(session);
  const lines = logLines(yearEntries(session).filter(RELEVANT[id]), view).map((l) => ({ tick: l.tick, text: l.text }));
  const all = [...lines, ...ownDecisions(id, session, from)].sort((a, b) => b.tick - a.tick);
  return all.slice(0, max).map((c) => c.text);
}

/** The tooltip of a figure: what it is, how it moved since the year began, and why. */
export function figureTip(id: FigureId, session: Session, starts: YearStarts, view: LogView): string[] {
  const lines = [figureWhat(id, session)];
  const from = yearStartTick(session);
  const base = starts.at(session, from)?.[id];
  const now = liveFigures(session)[id];
  if (base === undefined || !Number.isFinite(base)) return lines;
  const change = formatChange(id, now - base);
  const since = monthYear(session.scenario, from);
  if (change === t('screens.change.none')) {
    lines.push(t('screens.tip.unchanged', { since }));
    return lines;
  }
  lines.push(t('screens.tip.change', { since, before: formatFigure(id, base), now: formatFigure(id, now), change }));
  const causes = causesOf(id, session, starts, view, 3);
  causes.forEach((cause, i) => lines.push(i === 0 ? t('screens.tip.cause', { cause }) : cause));
  // The residual of satisfaction and the vote, said in full where there is room.
  if ((id === 'satisfaction' || id === 'vote') && causes.some((c) => c.includes(t('causes.adjustment')))) lines.push(t('causes.adjustment.tip'));
  return lines;
}
