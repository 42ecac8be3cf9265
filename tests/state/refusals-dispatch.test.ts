/**
 * The rules that bind, met through the game's own `dispatch` (the path a person's click and a
 * script take): each refusal comes back with its code and figures, renders in French, and leaves
 * the game exactly as it was (same state hash, nothing recorded in the save).
 */
import { describe, expect, it } from 'vitest';
import { renderRefusal } from '../../src/i18n/refusals';
import { stateHash, type RefusalCode } from '../../src/sim';
import type { Action, ContractTerms } from '../../src/sim/types';
import { terms as baseTerms } from '../sim/helpers';
import { newGame } from './game-helpers';

const ALL = [0, 1, 2, 3, 4, 5, 6, 7];
/** Lawful-looking terms of a global performance contract (the city pays the works as built). */
const terms = (over: Partial<ContractTerms>): ContractTerms => baseTerms({ terminationCompensation: 1, ...over });

/** A game for two groups on one screen, on the city's decisions in the first month. */
function atDecisions() {
  const g = newGame();
  expect(g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'both', seed: 3 })).toEqual({ ok: true });
  g.api.dispatch({ type: 'continue' });
  g.api.dispatch({ type: 'continue' });
  expect(g.store.getState().screen).toBe('decisions');
  return g;
}

const CASES: { code: RefusalCode; action: object }[] = [
  { code: 'deferredPayment', action: { type: 'propose', by: 'city', terms: terms({ cityCapitalShare: 0.5 }) } },
  { code: 'partnershipNotStudied', action: { type: 'propose', by: 'city', terms: terms({ form: 'partnership', districts: ALL, cityCapitalShare: 0.2, annualPaymentEur: 3e6, durationYears: 15 }) } },
  { code: 'concessionNoOperatingRisk', action: { type: 'propose', by: 'city', terms: terms({ form: 'concession', districts: ALL, cityCapitalShare: 0.3, annualPaymentEur: 8e6, durationYears: 10 }) } },
  // Solar roofs everywhere: their works this budget year alone pass the €8 M envelope (since issue 9's
  // eighteenth round the check reads the year's part only, and LED everywhere, its works starting
  // after a five-month award, fits).
  { code: 'envelopeExceeded', action: { type: 'launchAlone', project: 'solarRoofs', districts: ALL, pilot: false } },
  { code: 'envelopeUnfinanceable', action: { type: 'setBudget', envelopeEur: 1e9, taxChange: 0 } },
  // A retired action (RETIRED_ACTIONS): no longer an Action, still refused by name for old saves.
  { code: 'scalePilotByContract', action: { type: 'scalePilot', deployment: 0 } },
];

// scalePilot is not an action one can take any more: the type says so (tsc fails if it comes back).
// @ts-expect-error a retired action is not an Action
const retired: Action = { type: 'scalePilot', deployment: 0 };
void retired;

describe('the rules that bind, through dispatch', () => {
  it.each(CASES.map((c) => [c.code, c] as const))('%s: refused with its code, rendered in French, the game unchanged', (_code, c) => {
    const g = atDecisions();
    const before = stateHash(g.store.getState().session!.sim);
    const r = g.api.dispatch(c.action);
    expect(r).toMatchObject({ ok: false, code: c.code });
    if (r.ok) return;
    expect(renderRefusal(r, {}, 'fr')).toMatch(/refusé/);
    expect(stateHash(g.store.getState().session!.sim)).toBe(before);
    expect(g.store.getState().session!.actions).toEqual([]);
    // actions() never lists what dispatch refuses.
    for (const listed of g.api.actions()) expect(JSON.stringify(listed)).not.toBe(JSON.stringify(c.action));
  });

  it('procedurePhase: the partner cannot answer while the bids are prepared', () => {
    const g = atDecisions();
    expect(g.api.dispatch({ type: 'propose', by: 'city', terms: terms({ districts: [0] }) })).toEqual({ ok: true });
    // The city's group hands over; the partner's group has the controls in the same month.
    expect(g.api.dispatch({ type: 'endDecisions' })).toEqual({ ok: true });
    g.api.dispatch({ type: 'continue' });
    const s = g.store.getState().session!;
    expect(s.actingSide).toBe('partner');
    expect(s.sim.negotiation!.procedure.phase).toBe('publication');
    const before = stateHash(s.sim);
    const r = g.api.dispatch({ type: 'accept', by: 'partner' });
    expect(r).toMatchObject({ ok: false, code: 'procedurePhase', params: { phase: 'publication' } });
    if (!r.ok) expect(renderRefusal(r, {}, 'fr')).toMatch(/phase de publication/);
    expect(stateHash(g.store.getState().session!.sim)).toBe(before);
  });
});
