/**
 * The screen flow, as a pure reducer: from where the flow is and what just happened, where it goes.
 *
 * Menu → briefing → (each year) decisions → months, with the negotiation table whenever a person
 * must answer an offer and a year summary at each year's end (in an election year it opens with the
 * vote); after the playable years an epilogue runs the model on to its horizon, then the end. With
 * two groups on one screen (role `both`) a hand-over screen stands between the two sides' turns, so
 * that neither sees the other's private figures.
 *
 * No two screens that only ask for "continue" follow each other (issue 11: a room clicking through
 * empty screens loses minutes every year): the year's events and grant calls are shown on the
 * decisions screen, where the players act on them (watching, in the months' log), rather than on a
 * screen of their own between the year summary and the decisions; the election is on the year
 * summary rather than on a screen after it.
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
  /**
   * Two groups on one screen: the group that made an offer the other group answers this month,
   * and the screen it left for the table; leaving the table hands the controls back to it.
   */
  handBack: { side: Actor; screen: Screen } | null;
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
  /** `continue` on a briefing, hand-over or year summary screen. */
  | { type: 'continue'; year: YearFacts }
  | { type: 'endDecisions' }
  | { type: 'openNegotiation' }
  | { type: 'leaveNegotiation' }
  /** Two groups on one screen: a person's offer the other group may answer this month (one offer and its answer a month). */
  | { type: 'offerMade'; answer: Actor }
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

  /** After the briefing, a year summary or a restore: the next year (its decisions, or the months when watching), the epilogue, or the end. */
  const nextYear = (year: YearFacts): FlowStep => {
    if (year.over) return to('end', { playing: false });
    if (!year.playable) return to('epilogue', { playing: true });
    // The city decides first when it is played by people; the partner's group then.
    return first ? { ...to('decisions', { actingSide: first }), openYear: true } : to('months', { playing: true }, true);
  };
  /** Shows `screen` to `side`'s group, through the hand-over screen when the other group held the controls (or `always`). */
  const toSide = (side: Actor, screen: Screen, changes: Partial<Flow> = {}, always = false): FlowStep => {
    if (game.role === 'both' && (always || flow.actingSide !== side)) return to('handover', { ...changes, actingSide: side, afterHandover: screen, playing: false });
    return to(screen, { ...changes, actingSide: game.humanSides.includes(side) ? side : flow.actingSide });
  };

  switch (event.type) {
    case 'started':
      return to('briefing', { actingSide: first, afterHandover: null, returnScreen: null, playing: false, handBack: null });
    case 'restored':
      return nextYear(event.year);
    case 'continue':
      switch (flow.screen) {
        case 'briefing':
        case 'yearSummary':
          return nextYear(event.year);
        case 'handover':
          return to(flow.afterHandover ?? 'months', { afterHandover: null });
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
      // The group that answered an offer in its month hands the controls back to the one that made it.
      if (flow.handBack) return toSide(flow.handBack.side, flow.handBack.screen, { returnScreen: null, handBack: null }, true);
      return to(flow.returnScreen ?? 'months', { returnScreen: null });
    case 'offerMade':
      if (game.role !== 'both' || !flow.actingSide || flow.actingSide === event.answer) return null;
      return toSide(event.answer, 'negotiation', { handBack: { side: flow.actingSide, screen: flow.returnScreen ?? 'months' } }, true);
    case 'monthClosed': {
      const step = monthClosed(event);
      // A month's end ends the exchange of that month: no one to hand back to any more.
      return step ? { ...step, flow: { ...step.flow, handBack: null } } : null;
    }
  }

  /** After a month: the end, the year's summary, or a person's offer to answer behind the hand-over; null when the months go on. */
  function monthClosed(event: Extract<FlowEvent, { type: 'monthClosed' }>): FlowStep | null {
    if (event.over) return to('end', { playing: false });
    if (event.yearEnd) return event.playable ? to('yearSummary', { actingSide: first, playing: false }) : null;
    if (!event.mustAnswer) return null;
    // Both groups watched the months: the table opens behind the hand-over whoever held the controls last.
    const step = toSide(event.mustAnswer, 'negotiation', { returnScreen: 'months' }, true);
    return { ...step, flow: { ...step.flow, playing: false } };
  }
}
