/**
 * A policy receives a read-only view of the state (`Observation.state: Readonly<SimState>`) and
 * never writes to it: every built-in policy plays here on a deep-frozen copy (a write throws), and
 * the game ends exactly where the same game on the live state ends.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { POLICY_NAMES_BY_SIDE, resolvePolicy, runSimulation, type Policy } from '../../src/sim';
import { dijon } from './helpers';

/** Freezes a value and everything it holds (typed arrays cannot be frozen: their elements are numbers). */
function deepFreeze<T>(x: T): T {
  if (x === null || typeof x !== 'object' || ArrayBuffer.isView(x) || Object.isFrozen(x)) return x;
  for (const v of Object.values(x)) deepFreeze(v);
  return Object.freeze(x);
}

/** The policy, shown only a frozen copy of the state. */
const onFrozenCopy =
  (p: Policy): Policy =>
  (obs) =>
    p({ ...obs, state: deepFreeze(structuredClone(obs.state)) });

const YEARS = 6;
const sc = dijon();

describe('policies read the state, never write it', () => {
  const pairs = [
    ...POLICY_NAMES_BY_SIDE.city.map((city) => [city, sc.policies.partner] as const),
    ...POLICY_NAMES_BY_SIDE.partner.filter((p) => p !== sc.policies.partner).map((partner) => [sc.policies.city, partner] as const),
  ];
  it.each(pairs)('city %s, partner %s: the same game on a frozen copy', (city, partner) => {
    const live = runSimulation(sc, { seed: 4, years: YEARS, agents: 200, city, partner });
    const frozen = runSimulation(sc, {
      seed: 4,
      years: YEARS,
      agents: 200,
      city: onFrozenCopy(resolvePolicy(city, 'city')!),
      partner: onFrozenCopy(resolvePolicy(partner, 'partner')!),
    });
    expect(frozen.yearlyHashes).toEqual(live.yearlyHashes);
  });

  it('no policy casts the read-only view away', () => {
    const dir = join(__dirname, '../../src/sim/agents');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/as\s+SimState\b/);
    }
  });
});
