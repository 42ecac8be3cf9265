/**
 * The screen flow, as a pure reducer: from where the flow is and what just happened, where it goes.
 *
 * Menu → briefing → (each year) events → decisions → months, with the negotiation table whenever a
 * person must answer an offer, a year summary at each year's end and the election screen in
 * election years; after the playable years an epilogue runs the model on to its horizon, then the
 * end. With two groups on one screen (role `both`) a hand-over screen stands between the two
 * sides' turns, so that neither sees the other's private figures.
 *
 * The reducer knows nothing of the simulation: the store reads the facts it needs (is the run over,
 * is the next year playable, must a person answer an offer) and passes them in the event; when the
 * flow opens a new year (`openYear`) the store opens its first month.
 */
import type { Actor } from '../sim';
import type { Role, Screen } from './game-types';

/** Where the flow is: the screen, who holds the controls, where a hand-over and the table lead back to, whether the months run. */
export interface Flow {
  screen: Screen;
  actingSide: Actor | null;
  afterHandover: Screen | null;
  returnScreen: Screen | null;
  playing: boolean;
}

/** What does not change during a game: the role and the sides people play. */
export interface FlowGame {
  role: Role;
  humanSides: readonly Actor[];
}

/** What the next year is, as the store reads it from the run. */
export interface YearFacts {
  over: boolean;
  playable: boolean;
}

export type FlowEvent =
  /** A game starts (or is restored), on its briefing. */
  | { type: 'started' }
  /** A restored game goes on with its next year. */
  | { type: 'restored'; year: YearFacts }
  /** `continue` on a briefing, hand-over, events, year summary or election screen. */
  | { type: 'continue'; year: YearFacts; elections: boolean }
  | { type: 'endDecisions' }
  | { type: 'openNegotiation' }
  | { type: 'leaveNegotiation' }
  /** A month closed: the run may be over, a year may have ended, a person may have an offer to answer. */
  | { type: 'monthClosed'; over: boolean; yearEnd: boolean; playable: boolean; mustAnswer: Actor | null };

/** Where the flow goes; `openYear`: the store opens the year's first month (its events). Null: the flow stays (the months go on). */
export interface FlowStep {
  flow: Flow;
  openYear: boolean;
}

/** The sides people play in each role, city first (it decides first). */
export function humanSidesOf(role: Role): Actor[] {
  if (role === 'city') return ['city'];
  if (role === 'partner') return ['partner'];
  if (role === 'both') return ['city', 'partner'];
  return [];
}

/** The next screen of the flow after `event`, or null when the flow stays where it is. */
export function nextFlow(flow: Flow, game: FlowGame, event: FlowEvent): FlowStep | null {
  const first = game.humanSides[0] ?? null;
  const to = (screen: Screen, changes: Partial<Flow> = {}, openYear = false): FlowStep => ({ flow: { ...flow, ...changes, screen }, openYear });

  /** After a year summary (or a restore): the next year, the epilogue, or the end. */
  const nextYear = (year: YearFacts): FlowStep => {
    if (year.over) return to('end', { playing: false });
    if (!year.playable) return to('epilogue', { playing: true });
    return to('events', { actingSide: first }, true);
  };
  /** Shows `screen` to `side`'s group, through the hand-over screen when the other group held the controls. */
  const toSide = (side: Actor, screen: Screen, changes: Partial<Flow> = {}): FlowStep => {
    if (game.role === 'both' && flow.actingSide !== side) return to('handover', { ...changes, actingSide: side, afterHandover: screen, playing: false });
    return to(screen, { ...changes, actingSide: game.humanSides.includes(side) ? side : flow.actingSide });
  };

  switch (event.type) {
    case 'started':
      return to('briefing', { actingSide: first, afterHandover: null, returnScreen: null, playing: false });
    case 'restored':
      return nextYear(event.year);
    case 'continue':
      switch (flow.screen) {
        case 'briefing':
        case 'election':
          return nextYear(event.year);
        case 'handover':
          return to(flow.afterHandover ?? 'months', { afterHandover: null });
        case 'events':
          // The city decides first when it is played by people; the partner's group then.
          return first ? toSide(first, 'decisions') : to('months', { playing: true });
        case 'yearSummary':
          return event.elections ? to('election') : nextYear(event.year);
        default:
          return null;
      }
    case 'endDecisions': {
      const next = game.humanSides[game.humanSides.indexOf(flow.actingSide!) + 1];
      return next ? toSide(next, 'decisions') : to('months', { playing: true });
    }
    case 'openNegotiation':
      return to('negotiation', { returnScreen: flow.screen, playing: false });
    case 'leaveNegotiation':
      return to(flow.returnScreen ?? 'months', { returnScreen: null });
    case 'monthClosed': {
      if (event.over) return to('end', { playing: false });
      if (event.yearEnd) return event.playable ? to('yearSummary', { actingSide: first, playing: false }) : null;
      if (!event.mustAnswer) return null;
      const step = toSide(event.mustAnswer, 'negotiation', { returnScreen: 'months' });
      return { ...step, flow: { ...step.flow, playing: false } };
    }
  }
}
