/**
 * Seeded random streams whose state lives in the simulation state.
 *
 * Each subsystem draws from its own stream (events, citizens, projects, …), so that adding a draw
 * in one does not shift the others. A stream is opened from its stored state, drawn from, and
 * closed back into the state: no generator object survives between steps, and a forked state
 * (a computer player's look-ahead) forks its streams with it.
 */
import seedrandom from 'seedrandom';
import { detLog } from './det-math';
import { STREAMS, type RngState, type SimState, type StreamName } from './types';

export interface Stream {
  /** Uniform in [0, 1). */
  next(): number;
  /** Standard normal (Marsaglia's polar method). */
  normal(): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Integer in [0, n). */
  int(n: number): number;
}

/** The initial state of every stream for a seed: each stream is seeded by `<seed>:<name>`. */
export function seedStreams(seed: number): Record<StreamName, RngState> {
  const out = {} as Record<StreamName, RngState>;
  for (const name of STREAMS) out[name] = seedrandom.alea(`${seed}:${name}`, { state: true }).state() as RngState;
  return out;
}

/** Opens a stream of the state; call `close` (or use `withStream`) to store its new state. */
export function openStream(state: SimState, name: StreamName): Stream & { close(): void } {
  const prng = seedrandom.alea('', { state: state.rng[name] });
  const next = () => prng();
  return {
    next,
    normal() {
      // Marsaglia's polar method: only log and sqrt, with the deterministic log (det-math.ts).
      for (;;) {
        const u = 2 * next() - 1;
        const v = 2 * next() - 1;
        const s = u * u + v * v;
        if (s > 0 && s < 1) return u * Math.sqrt((-2 * detLog(s)) / s);
      }
    },
    chance(p: number) {
      return next() < p;
    },
    int(n: number) {
      return Math.floor(next() * n);
    },
    close() {
      state.rng[name] = prng.state() as RngState;
    },
  };
}

/** Runs `fn` with a stream and stores the stream's state afterwards. */
export function withStream<T>(state: SimState, name: StreamName, fn: (s: Stream) => T): T {
  const s = openStream(state, name);
  try {
    return fn(s);
  } finally {
    s.close();
  }
}
