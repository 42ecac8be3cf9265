/**
 * Generated malformed actions (issue 12, family c): for the model (a run's `act` in an open month)
 * and for the game's `dispatch` (any JavaScript value a page script can pass). Refused: one
 * readable reason and the state exactly as before (stateHash, the action log, the screen).
 * Accepted: finite numbers after the month, and an action log a save file can keep.
 * Fixed seeds and counts; the cases first.
 */
import { describe, expect, it } from 'vitest';
import { fixedSample, unclean } from './harness';
import { dispatchFamily, JS_VALUES, modelActionFamily, type ActionInput } from './action-family';

const js = (name: string) => JS_VALUES.findIndex(([n]) => n === name);
/** Situation 0: the city's decisions screen, first year; 2: the negotiation table. */
const cityDecisions = (type: string, ops: ActionInput['ops']): ActionInput => ({ situation: 0, type, ops, whole: null });

describe('generated actions for the model', () => {
  it('100 malformed actions (seed 12): refused with the state unchanged, or accepted and finite', async () => {
    expect(await unclean(modelActionFamily, fixedSample(modelActionFamily, 12, 100))).toEqual([]);
  });
});

describe('generated actions for dispatch', () => {
  it.each<[string, ActionInput]>([
    ['setConcertation with a function beside it: refused without changing the game, or accepted and saved', cityDecisions('setConcertation', [{ kind: 'addKey', key: 'junk', value: js('a function') }])],
    ['propose with a function inside its terms', { situation: 2, type: 'propose', ops: [{ kind: 'addKey', key: 'terms.junk', value: js('a function') }], whole: null }],
    ['propose with a symbol inside its terms', { situation: 2, type: 'propose', ops: [{ kind: 'addKey', key: 'terms.junk', value: js('a symbol') }], whole: null }],
    ['an action whose reason is circular cannot enter the save', cityDecisions('setConcertation', [{ kind: 'addKey', key: 'reason', value: js('a circular object') }])],
    ['NaN as a level is reported as NaN', cityDecisions('setConcertation', [{ kind: 'set', at: 0, value: js('NaN') }])],
  ])('%s', async (_name, input) => {
    expect(await unclean(dispatchFamily, [input])).toEqual([]);
  });

  it('100 malformed dispatches (seed 12): refused with the game unchanged, or accepted and finite', async () => {
    expect(await unclean(dispatchFamily, fixedSample(dispatchFamily, 12, 100))).toEqual([]);
  });
});
