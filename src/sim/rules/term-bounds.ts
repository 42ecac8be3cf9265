/**
 * The legal range of each numeric contract term, the others held (for the game's offer builder).
 *
 * Each term lives on a grid over its nature-given range (what the quantity can mean at all:
 * a duration of 0 to `MAX_CONTRACT_YEARS` whole years; shares from 0 to 1 in steps of 1 %; a
 * penalty of 0 to 3 euros per euro of shortfall in steps of 0.05; an annual payment from 0 to the
 * whole price of the works (or the payment offered, if higher), because paying more than the works
 * cost every year is never sensible, in round steps of about a thousandth of that). Within it, the
 * rules of `termsProblem` (the procurement form, a pilot's length, R3114-2 for concessions, the
 * golden rule, the debt ceiling, the scenario's caps on guarantees and compensation) narrow the
 * range; the legal values are found by bisection on the grid, starting from the current value
 * (or, when that value is unlawful, from the lawful grid point nearest to it). A bound set by a
 * rule carries the rule's message as found one grid step beyond it; a bound set by nature carries
 * none. The rules make each range an interval; were one not, the bisection would still stop
 * between a lawful value and an unlawful neighbour.
 * When no value of a term makes the offer lawful (another term or the scope is at fault), its
 * range collapses on the current value and both reasons give the offer's problem.
 * Each bound carries its grid, so that a slider can draw the whole range and shade the lawful part.
 * Cost: a few dozen calls of `termsProblem`, under 2 ms for all terms on the reference scenario.
 */
import type { Scenario } from '../scenario-schema';
import type { ContractTerms, SimState } from '../types';
import { deploymentCapexEur, projectType } from './catalogue';
import { MAX_CONTRACT_YEARS, termsProblem } from './terms';
import type { Problem } from '../refusal';

export const NUMERIC_TERMS = ['durationYears', 'cityCapitalShare', 'annualPaymentEur', 'guaranteedSavingShare', 'penaltyRate', 'terminationCompensation', 'savingsShareToPartner'] as const;
export type NumericTerm = (typeof NUMERIC_TERMS)[number];

/** A term's nature-given range and the step of its grid (the offer builder's slider). */
export interface TermGrid {
  lo: number;
  hi: number;
  /** Grid step; a fractional one is 1 / n for a whole n, so grid values print cleanly. */
  step: number;
}

/** Legal range of one numeric term, given the others, within its nature-given range and grid. */
export interface TermBound extends TermGrid {
  min: number;
  max: number;
  /** Why the range stops there, when the law (not the term's nature) sets the bound. */
  minReason: Problem | null;
  maxReason: Problem | null;
}

/** Most grid points a payment range is cut into (its step is the 1-2-5 value just above range / this). */
const PAYMENT_GRID_POINTS = 1000;
/** Grid points probed to find a lawful value when the current one is not. */
const SCAN_POINTS = 16;

/** The price of the works in the offer's scope at catalogue prices, euros (the public figure). */
function worksPriceEur(scenario: Scenario, terms: ContractTerms): number {
  const nd = scenario.territory.districts.length;
  let sum = 0;
  for (const p of Array.isArray(terms.projects) ? terms.projects : []) {
    const t = projectType(scenario, p);
    if (!t) continue;
    for (const d of Array.isArray(terms.districts) ? terms.districts : []) {
      if (Number.isInteger(d) && d >= 0 && d < nd) sum += deploymentCapexEur(t, scenario, d, terms.pilot ? t.pilot.scale : 1);
    }
  }
  return sum;
}

/** The smallest step of the 1-2-5 sequence (in euros, at least 100) that cuts `range` into at most `points` steps. */
function paymentStep(range: number, points: number): number {
  let unit = 100;
  for (;;) {
    for (const m of [1, 2, 5]) if (m * unit * points >= range) return m * unit;
    unit *= 10;
  }
}

/** The nature-given range and grid of a term for these terms (the payment's depends on the scope). */
function termGrid(scenario: Scenario, terms: ContractTerms, term: NumericTerm): TermGrid {
  switch (term) {
    case 'durationYears':
      return { lo: 0, hi: MAX_CONTRACT_YEARS, step: 1 };
    case 'penaltyRate':
      return { lo: 0, hi: 3, step: 0.05 };
    case 'annualPaymentEur': {
      const current = Number.isFinite(terms.annualPaymentEur) ? terms.annualPaymentEur : 0;
      const top = Math.max(worksPriceEur(scenario, terms), current);
      const step = paymentStep(top, PAYMENT_GRID_POINTS);
      return { lo: 0, hi: Math.max(step, Math.ceil(top / step) * step), step };
    }
    default:
      return { lo: 0, hi: 1, step: 0.01 };
  }
}

/** The value of grid point i (the last point is the range's top exactly). */
function gridValue(g: TermGrid, i: number, last: number): number {
  if (i >= last) return g.hi;
  return g.step >= 1 ? g.lo + i * g.step : g.lo + i / Math.round(1 / g.step);
}

/** The legal range of one term, the others held (see the file's comment). */
function boundOf(state: SimState, scenario: Scenario, terms: ContractTerms, term: NumericTerm, currentProblem: Problem | null): TermBound {
  const g = termGrid(scenario, terms, term);
  const last = Math.ceil((g.hi - g.lo) / g.step - 1e-9);
  const problemAt = (i: number) => termsProblem(state, scenario, { ...terms, [term]: gridValue(g, i, last) });
  const current = terms[term];
  const near = Number.isFinite(current) ? Math.min(last, Math.max(0, Math.round((current - g.lo) / g.step))) : 0;

  // A lawful grid point to start from: the one nearest the current value.
  let anchor = -1;
  if (problemAt(near) === null) anchor = near;
  else {
    const candidates = new Set<number>([near - 1, near + 1]);
    for (let j = 0; j < SCAN_POINTS; j++) candidates.add(Math.round((j * last) / (SCAN_POINTS - 1)));
    let best = Infinity;
    for (const i of candidates) {
      if (i < 0 || i > last || Math.abs(i - near) >= best) continue;
      if (problemAt(i) === null) {
        anchor = i;
        best = Math.abs(i - near);
      }
    }
  }
  if (anchor < 0) {
    const value = Number.isFinite(current) ? current : g.lo;
    const reason = currentProblem ?? problemAt(near);
    return { ...g, min: value, max: value, minReason: reason, maxReason: reason };
  }

  // Bisection toward each end: `lawful` stays lawful, `beyond` stays unlawful.
  const edge = (end: number): { index: number; reason: Problem | null } => {
    const endProblem = problemAt(end);
    if (endProblem === null) return { index: end, reason: null };
    let lawful = anchor;
    let beyond = end;
    let reason = endProblem;
    while (Math.abs(beyond - lawful) > 1) {
      const mid = Math.floor((lawful + beyond) / 2);
      const p = problemAt(mid);
      if (p === null) lawful = mid;
      else {
        beyond = mid;
        reason = p;
      }
    }
    return { index: lawful, reason };
  };
  const lower = anchor === 0 ? { index: 0, reason: null } : edge(0);
  const upper = anchor === last ? { index: last, reason: null } : edge(last);
  return { ...g, min: gridValue(g, lower.index, last), max: gridValue(g, upper.index, last), minReason: lower.reason, maxReason: upper.reason };
}

/** The legal range of every numeric term, each with the others held: what the offer builder draws on its sliders. */
export function termBounds(state: SimState, scenario: Scenario, terms: ContractTerms): Record<NumericTerm, TermBound> {
  const currentProblem = termsProblem(state, scenario, terms);
  const out = {} as Record<NumericTerm, TermBound>;
  for (const k of NUMERIC_TERMS) out[k] = boundOf(state, scenario, terms, k, currentProblem);
  return out;
}
