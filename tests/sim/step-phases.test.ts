/** The month's phases: one named list, run in the documented order by openTick and closeTick. */
import { describe, expect, it } from 'vitest';
import { CLOSE_PHASES, OPEN_PHASES, stepInPlace } from '../../src/sim/step';
import { dijon, freshState, NO_POLICIES } from './helpers';

describe('step phases', () => {
  it('are, in order: events → decisions → construction → operation → finance → citizens → politics → coordination → metrics', () => {
    expect(OPEN_PHASES.map((p) => p.name)).toEqual(['events', 'decisions']);
    expect(CLOSE_PHASES.map((p) => p.name)).toEqual(['decisions', 'construction', 'operation', 'finance', 'citizens', 'politics', 'coordination', 'metrics']);
  });

  it('are what a month runs: each phase of the lists once, in the lists\u2019 order', () => {
    const seen: string[] = [];
    const phases = [...OPEN_PHASES, ...CLOSE_PHASES] as { name: string; run: (m: never) => void }[];
    const originals = phases.map((p) => p.run);
    phases.forEach((p, i) => {
      p.run = (m: never) => {
        seen.push(p.name);
        originals[i]!(m);
      };
    });
    try {
      const state = freshState();
      stepInPlace(state, dijon(), [], NO_POLICIES);
      expect(state.tick).toBe(1);
    } finally {
      phases.forEach((p, i) => (p.run = originals[i]!));
    }
    expect(seen).toEqual([...OPEN_PHASES, ...CLOSE_PHASES].map((p) => p.name));
  });
});
