/**
 * The start action, checked: a scenario of the menu, a role, a seed (the menu's when left out), a
 * computer player for each side people do not play (a personality or a scripted strategy; the
 * scenario's when left out) and the game's length in years (one of the scenario's `gameLengths`;
 * its `defaultGameYears`, else its `playableYears`, when left out). The result is the game's setup,
 * which with the actions taken describes the game completely, and the session's scenario: the
 * menu's with `playableYears` set to the length, so that the model refuses decisions after it and
 * runs on to its horizon (the epilogue), and the save carries the length for `npm run replay`.
 */
import { computerPlayers, found, isSeed, resolvePolicy, type Actor, type Refusal, type Scenario } from '../sim';
import { gameLengths } from '../sim/scenario-schema';
import { humanSidesOf } from './flow';
import { ROLES, type GameSetup, type Role, type ScenarioEntry } from './game-types';
import { badSeed, refuse } from './script-api';

/** Checks a start action against the menu; the refusal names the first field that is wrong. */
export function setupOfStart(
  a: Record<string, unknown>,
  menu: { catalogue: readonly ScenarioEntry[]; menuSeed: number; agents?: number | undefined },
): { ok: true; setup: GameSetup; scenario: Scenario } | Refusal {
  const scenario = typeof a.scenario === 'string' ? menu.catalogue.find((e) => e.id === a.scenario)?.scenario : undefined;
  if (!scenario) {
    const expected = menu.catalogue.map((e) => e.id).join(', ');
    return refuse('fieldUnknownValue', { field: 'scenario', found: found(a.scenario), expected }, `scenario: found ${found(a.scenario)}, expected one of ${expected}`);
  }
  if (!ROLES.includes(a.role as Role)) return refuse('fieldUnknownValue', { field: 'role', found: found(a.role), expected: ROLES.join(', ') }, `role: found ${found(a.role)}, expected one of ${ROLES.join(', ')}`);
  const role = a.role as Role;
  const seed = a.seed ?? menu.menuSeed;
  if (!isSeed(seed)) return badSeed(a.seed);
  const humans = humanSidesOf(role);
  const sides: Record<Actor, string> = { city: 'none', partner: 'none' };
  for (const side of ['city', 'partner'] as const) {
    const given = a[side];
    if (humans.includes(side)) {
      if (given !== undefined && given !== 'none') return refuse('sidePlayedByPeople', { side, role }, `${side}: the ${side} is played by people in role "${role}"; leave it out`);
      continue;
    }
    const name = given ?? scenario.policies[side];
    if (typeof name !== 'string' || name === 'none' || !resolvePolicy(name, side)) {
      const expected = [...computerPlayers(side).map((p) => p.id), 'rule-based'].join(', ');
      return refuse('fieldUnknownValue', { field: side, found: found(given), expected }, `${side}: found ${found(given)}, expected one of ${expected}`);
    }
    sides[side] = name;
  }
  const lengths = gameLengths(scenario);
  const years = a.years === undefined ? defaultGameYears(scenario) : a.years;
  if (typeof years !== 'number' || !lengths.includes(years)) {
    const expected = lengths.join(', ');
    return refuse('fieldUnknownValue', { field: 'years', found: found(a.years), expected }, `years: found ${found(a.years)}, expected one of ${expected} (the game's length in years)`);
  }
  const setup: GameSetup = { scenarioId: scenario.id, role, seed, city: sides.city, partner: sides.partner, ...(menu.agents !== undefined ? { agents: menu.agents } : {}), years };
  return { ok: true, setup, scenario: scenarioOfLength(scenario, years) };
}

/** The length a game of this scenario has when the start action does not say: the scenario's default, else all its playable years. */
export function defaultGameYears(scenario: Scenario): number {
  return scenario.defaultGameYears ?? scenario.playableYears;
}

/** The scenario of a game of `years` years: its playable years cut to them (its default length, now the only one, goes). */
function scenarioOfLength(scenario: Scenario, years: number): Scenario {
  const { defaultGameYears: _default, ...rest } = scenario;
  return { ...rest, playableYears: years };
}
