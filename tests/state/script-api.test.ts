/** The script API: one list of action types, the start action's checks, the listing of legal actions. */
import { describe, expect, it } from 'vitest';
import { ACTION_TYPES, RETIRED_ACTIONS } from '../../src/sim';
import { listActions } from '../../src/state/action-list';
import { GAME_ACTION_TYPES, SIM_ACTION_TYPES } from '../../src/state/script-api';
import { setupOfStart } from '../../src/state/start';
import { newGame } from './game-helpers';

describe('the script API', () => {
  it('knows every listed action type and only those', () => {
    const g = newGame();
    for (const type of [...GAME_ACTION_TYPES, ...ACTION_TYPES, ...RETIRED_ACTIONS]) {
      expect(g.api.dispatch({ type }), type).not.toMatchObject({ code: 'unknownAction' });
    }
    expect(g.api.dispatch({ type: 'scalePilotEverywhere' })).toMatchObject({ ok: false, code: 'unknownAction' });
    expect([...SIM_ACTION_TYPES].sort()).toEqual([...ACTION_TYPES, ...RETIRED_ACTIONS].sort());
  });

  it('lists only actions of the list, on every screen of a game', () => {
    const g = newGame();
    const known = new Set<string>([...GAME_ACTION_TYPES, ...ACTION_TYPES]);
    const seen = new Set<string>();
    g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'both', seed: 2 });
    for (let k = 0; k < 60 && !g.api.isOver(); k++) {
      const list = listActions(g.store.getState());
      expect(list).toEqual(g.api.actions());
      for (const a of list) seen.add(a.type);
      g.api.dispatch(list.find((a) => ['continue', 'endDecisions', 'advance'].includes(a.type))!);
    }
    expect([...seen].filter((t) => !known.has(t))).toEqual([]);
    expect(seen.has('propose')).toBe(true);
  });

  it("checks the start action: the menu's scenarios, a role, a seed, a computer personality for each side people do not play", () => {
    const { catalogue } = newGame().store.getState();
    const menu = { catalogue, menuSeed: 77 };
    const ok = setupOfStart({ scenario: 'dijon-like', role: 'city' }, menu);
    expect(ok).toMatchObject({ ok: true, setup: { scenarioId: 'dijon-like', role: 'city', seed: 77, city: 'none' } });
    if (ok.ok) expect(ok.setup.partner).toBe(ok.scenario.policies.partner);
    expect(setupOfStart({ scenario: 'nowhere', role: 'city' }, menu)).toMatchObject({ ok: false, code: 'fieldUnknownValue', params: { field: 'scenario' } });
    expect(setupOfStart({ scenario: 'dijon-like', role: 'mayor' }, menu)).toMatchObject({ ok: false, params: { field: 'role' } });
    expect(setupOfStart({ scenario: 'dijon-like', role: 'city', seed: 1.5 }, menu)).toMatchObject({ ok: false, code: 'fieldNotWholeNumber', params: { field: 'seed' } });
    expect(setupOfStart({ scenario: 'dijon-like', role: 'city', city: 'steady-mayor' }, menu)).toMatchObject({ ok: false, code: 'sidePlayedByPeople' });
    expect(setupOfStart({ scenario: 'dijon-like', role: 'watch', partner: 'none' }, menu)).toMatchObject({ ok: false, params: { field: 'partner' } });
    expect(setupOfStart({ scenario: 'dijon-like', role: 'both', seed: 5 }, { ...menu, agents: 300 })).toMatchObject({ ok: true, setup: { city: 'none', partner: 'none', seed: 5, agents: 300 } });
  });
});
