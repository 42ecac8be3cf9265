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
  /** Fills `out` with the next `out.length` uniform draws, in order: the same numbers as that many `next()`. */
  fill(out: Float64Array): void;
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

/**
 * seedrandom's alea generator stepped over a stream's stored state: the same arithmetic as its
 * `Alea.next` (Baagoe's multiply-with-carry), so the same draws, bit for bit, without building
 * seedrandom's generator (its seeding hashes and closures) each time a stream is opened.
 */
class AleaStream implements Stream {
  private c: number;
  private s0: number;
  private s1: number;
  private s2: number;

  constructor(
    private readonly state: SimState,
    private readonly name: StreamName,
  ) {
    const r = state.rng[name];
    this.c = r.c;
    this.s0 = r.s0;
    this.s1 = r.s1;
    this.s2 = r.s2;
  }

  next(): number {
    const t = 2091639 * this.s0 + this.c * 2.3283064365386963e-10; // 2^-32
    this.s0 = this.s1;
    this.s1 = this.s2;
    this.c = t | 0;
    return (this.s2 = t - this.c);
  }

  // The citizens' loops draw one number per agent: drawing them all in one loop, the generator in
  // locals, spares a call and a boxed number per draw. The same steps as `next`.
  fill(out: Float64Array): void {
    let { c, s0, s1, s2 } = this;
    for (let i = 0; i < out.length; i++) {
      const t = 2091639 * s0 + c * 2.3283064365386963e-10; // 2^-32
      s0 = s1;
      s1 = s2;
      c = t | 0;
      s2 = t - c;
      out[i] = s2;
    }
    this.c = c;
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
  }

  normal(): number {
    // Marsaglia's polar method: only log and sqrt, with the deterministic log (det-math.ts).
    for (;;) {
      const u = 2 * this.next() - 1;
      const v = 2 * this.next() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) return u * Math.sqrt((-2 * detLog(s)) / s);
    }
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Stores the stream's state (the fields in seedrandom's order: c, s0, s1, s2). */
  close(): void {
    this.state.rng[this.name] = { c: this.c, s0: this.s0, s1: this.s1, s2: this.s2 };
  }
}

/** Opens a stream of the state; call `close` (or use `withStream`) to store its new state. */
export function openStream(state: SimState, name: StreamName): Stream & { close(): void } {
  return new AleaStream(state, name);
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
