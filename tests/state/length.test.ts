/**
 * The game's length (issue 11): the start action's `years` (6, 12 or 18 for the reference
 * scenario), the scenario's default length, the way back to the menu that the autosave and
 * Continue keep, and a flow with no two screens in a row that only ask to continue.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, replaySave, stateHash, tryAction } from '../../src/sim';
import { buildCatalogue } from '../../src/state/catalogue';
import { createGame } from '../../src/state/game-store';
import type { AnyAction, Game } from '../../src/state/game-types';
import { MemoryStorage, newGame } from './game-helpers';

const dijonFile = () => JSON.parse(readFileSync(join(__dirname, '../../scenarios/dijon-like.json'), 'utf8')) as Record<string, unknown>;
const screen = (g: Game) => g.store.getState().screen;
const tick = (g: Game) => g.store.getState().session?.sim.tick ?? 0;

/** The game's own screens that only ask for "continue" (the way back to the menu aside). */
const continueOnly = (g: Game) => {
  const list = g.api.actions().filter((a) => a.type !== 'toMenu');
  return list.length === 1 && list[0]!.type === 'continue';
};

/** Plays on by the flow's own actions, with the adviser's offer proposed (and an answer accepted) each year, until `done`. */
function playUntil(g: Game, done: (g: Game) => boolean, seen: string[] = []): void {
  const proposedIn = new Set<number>();
  for (let guard = 0; guard < 5000 && !done(g); guard++) {
    if (seen[seen.length - 1] !== screen(g)) seen.push(screen(g));
    const list = g.api.actions();
    const year = Math.floor(tick(g) / 12);
    const accept = list.find((a) => a.type === 'accept');
    const propose = screen(g) === 'decisions' && !proposedIn.has(year) ? list.find((a) => a.type === 'propose') : undefined;
    if (propose) proposedIn.add(year);
    const next: AnyAction = accept ?? propose ?? list.find((a) => a.type === 'continue' || a.type === 'endDecisions' || a.type === 'leaveNegotiation') ?? list.find((a) => a.type === 'advance' && a.months === undefined) ?? list.find((a) => a.type === 'advance')!;
    const r = g.api.dispatch(next);
    if (!r.ok && next.type !== 'accept' && next.type !== 'propose') throw new Error(`refused ${JSON.stringify(next)} on ${screen(g)}: ${r.reason}`);
  }
  if (seen[seen.length - 1] !== screen(g)) seen.push(screen(g));
}

describe('the game’s length', () => {
  it('the menu lists a start of each length (the default first), and the start takes it as `years`', () => {
    const g = newGame();
    const starts = g.api.actions().filter((a): a is Extract<AnyAction, { type: 'start' }> => a.type === 'start');
    expect(starts[0]!.years).toBe(18);
    for (const role of ['city', 'partner', 'both', 'watch'] as const) {
      expect(new Set(starts.filter((a) => a.role === role).map((a) => a.years))).toEqual(new Set([6, 12, 18]));
    }
    for (const a of starts) expect(newGame().api.dispatch(a)).toEqual({ ok: true });
    expect(g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 1, years: 12 })).toEqual({ ok: true });
    const s = g.store.getState().session!;
    expect(s.setup.years).toBe(12);
    expect(s.scenario.playableYears).toBe(12);
    expect(s.scenario.horizonYears).toBe(30);
    // Left out: the scenario's default, here all its playable years.
    const d = newGame();
    d.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 1 });
    expect(d.store.getState().session!.scenario.playableYears).toBe(18);
  });

  it('a length that is not offered is refused naming the field, what was found and what was expected', () => {
    for (const years of [7, 0, 24, '6', null, 6.5]) {
      const g = newGame();
      const r = g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 1, years });
      expect(r).toMatchObject({ ok: false, code: 'fieldUnknownValue', params: { field: 'years', expected: '6, 12, 18' } });
      expect(!r.ok && r.reason).toMatch(/^years: found .+, expected one of 6, 12, 18/);
      expect(screen(g)).toBe('menu');
    }
  });

  it('a scenario may set its default length, one of its lengths; another is refused naming the field', () => {
    const file = { ...dijonFile(), id: 'short-default', defaultGameYears: 6 };
    const g = createGame({ catalogue: buildCatalogue({ 'scenarios/short-default.json': file }, 'short-default').entries, storage: new MemoryStorage(), randomSeed: () => 1, agents: 200 });
    const first = g.api.actions().find((a) => a.type === 'start') as Extract<AnyAction, { type: 'start' }>;
    expect(first.years).toBe(6);
    expect(g.api.dispatch({ type: 'start', scenario: 'short-default', role: 'city', seed: 1 })).toEqual({ ok: true });
    const sc = g.store.getState().session!.scenario;
    expect(sc.playableYears).toBe(6);
    // The session's scenario is a valid scenario (the save carries it): its default, now its only length, is gone.
    expect(sc.defaultGameYears).toBeUndefined();
    expect(parseScenario(sc, 'session').ok).toBe(true);
    const bad = parseScenario({ ...dijonFile(), defaultGameYears: 7 }, 'bad.json');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatch(/defaultGameYears: found 7, expected one of the game's lengths 6, 12, 18 \(whole terms of politics.termYears 6/);
  });

  it('the first term: decisions stop after year 6, the model runs on to the horizon, the save replays, never two continue-only screens in a row', () => {
    const g = newGame();
    expect(g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 1, years: 6 })).toEqual({ ok: true });
    const seen: string[] = [];
    let electionOnSummary = false;
    let previousContinueOnly = false;
    playUntil(g, (x) => {
      const now = screen(x);
      if (now === 'yearSummary' && tick(x) === 72) electionOnSummary = x.store.getState().session!.elections.length > 0;
      const only = continueOnly(x);
      if (seen[seen.length - 1] !== now) {
        // A new screen: it and the one before may not both be continue-only.
        expect(previousContinueOnly && only, `${seen[seen.length - 1]} then ${now}`).toBe(false);
        previousContinueOnly = only;
      }
      return x.api.isOver();
    }, seen);
    expect(g.api.isOver()).toBe(true);
    expect(screen(g)).toBe('end');
    expect(tick(g)).toBe(360);
    // Year 6 ends on its summary with the vote, then the epilogue, then the end.
    expect(electionOnSummary).toBe(true);
    expect(seen.slice(-3)).toEqual(['yearSummary', 'epilogue', 'end']);
    const save = g.api.exportSave()!;
    expect(save.scenario.playableYears).toBe(6);
    // Nobody decided after year 6: the computer players neither.
    expect(save.actions.every((a) => a.tick < 72)).toBe(true);
    const replay = replaySave(save);
    expect(replay.ok).toBe(true);
    expect(replay.finalHash).toBe(g.api.stateHash());
  });

  it('the model refuses a decision after the chosen length', () => {
    const g = newGame();
    g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 2, years: 6 });
    playUntil(g, (x) => screen(x) === 'epilogue');
    const s = g.store.getState().session!;
    expect(s.sim.tick).toBeGreaterThanOrEqual(72);
    // The model itself refuses it (the same check the replay makes), naming the game's length.
    expect(tryAction(s.sim, s.scenario, { type: 'setConcertation', level: 0.5 })).toMatchObject({ ok: false, code: 'playableYearsOver', params: { years: 6 } });
  });
});

describe('back to the menu', () => {
  it('leaving mid-year keeps the game up to its last year’s end; Continue resumes it at the next year’s start', () => {
    const storage = new MemoryStorage();
    const g = newGame(storage);
    g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'city', seed: 3, years: 12 });
    // Nothing saved before a first year's end: leaving loses the game (the HUD says so).
    expect(g.api.actions()).toContainEqual({ type: 'toMenu' });
    playUntil(g, (x) => screen(x) === 'yearSummary' && tick(x) === 24);
    const atYearEnd = g.api.stateHash();
    const hashes = g.api.exportSave()!.yearlyHashes;
    playUntil(g, (x) => tick(x) >= 29);
    expect(tick(g)).toBeLessThan(36);
    expect(g.api.dispatch({ type: 'toMenu' })).toEqual({ ok: true });
    expect(screen(g)).toBe('menu');
    expect(g.store.getState().session).toBeNull();
    expect(g.store.getState().savedGame).toMatchObject({ years: 2, totalYears: 12, seed: 3, role: 'city' });
    expect(g.api.dispatch({ type: 'toMenu' })).toMatchObject({ ok: false, code: 'needsGame' });

    expect(g.api.dispatch({ type: 'continueSave' })).toEqual({ ok: true });
    const s = g.store.getState();
    expect(s.screen).toBe('decisions');
    expect(s.session!.sim.tick).toBe(24);
    expect(s.session!.scenario.playableYears).toBe(12);
    expect(s.session!.setup.years).toBe(12);
    expect(g.api.exportSave()!.yearlyHashes).toEqual(hashes);
    expect(g.api.exportSave()!.finalHash).toBe(atYearEnd);
    expect(stateHash(s.session!.sim)).not.toBe('');
  });

  it('is listed on every screen of a game, last, and taken from each', () => {
    const g = newGame();
    g.api.dispatch({ type: 'start', scenario: 'dijon-like', role: 'both', seed: 4, years: 6 });
    const screens = new Set<string>();
    playUntil(g, (x) => {
      const list = x.api.actions();
      if (screen(x) !== 'menu') {
        expect(list[list.length - 1]).toEqual({ type: 'toMenu' });
        screens.add(screen(x));
      }
      return x.api.isOver();
    });
    expect([...screens].sort()).toEqual(['briefing', 'decisions', 'end', 'epilogue', 'handover', 'months', 'negotiation', 'yearSummary']);
  });
});
