/**
 * Issue 11, "never stuck": a group playing the partner is never two years without a lawful move.
 * The partner is a person who only takes its adviser's moves (src/sim/agents/adviser.ts `advice`)
 * or waits, against the scenario's computer city, over 32 fixed seeds. Each month of the
 * playable years, before the person decides, the test asks the model whether the partner could
 * lawfully move: accept the offer on the table, send an offer (the adviser's: a lawful one
 * whenever one exists), or answer an amendment. Every window of 24 months must hold such a month.
 */
import { describe, expect, it } from 'vitest';
import { createRun, mustAnswerNow, pendingAmendments, tryAction, type SimState } from '../../src/sim';
import { advice } from '../../src/sim/agents/adviser';
import { dijon } from './helpers';

const sc = dijon();
const SEEDS = Array.from({ length: Number(process.env.PM_SEEDS ?? 32) }, (_, i) => 1 + i);
const WINDOW = 24;

/**
 * Could the partner move lawfully now? The cheapest check first. A month in which the city has
 * bought every service in every district (the adviser's `nothingLeft`) has no deal left to make,
 * for anyone: it is counted apart, not as a stuck month.
 */
function partnerCanMove(state: SimState): boolean | 'nothingLeft' | 'procedure' {
  if (pendingAmendments(state).length > 0) return true;
  const n = state.negotiation;
  if (n && n.offeredBy === 'city' && tryAction(state, sc, { type: 'accept', by: 'partner' }).ok) return true;
  const a = advice({ state, scenario: sc, by: 'partner' });
  if (a.why === null) return true;
  if (a.why.code === 'nothingLeft') return 'nothingLeft';
  // A fixed phase of the award procedure (publication, bids: MODEL §13.1) is no refusal of the
  // model's: the group is preparing its bid, and the screen says when the next move comes. Since
  // a signature books only its year's works (issue 9's eighteenth round) the computer city opens
  // larger bundles, whose dialogue runs up to two years (seed 4: seven families, from month 18
  // to 41); those months are counted apart, as is a catalogue bought out.
  return a.why.code === 'notNow' && a.why.cause.code === 'procedurePhase' ? 'procedure' : false;
}

/** One game: the months in which the partner could move lawfully, and what it did. */
function play(seed: number): { movable: (boolean | 'nothingLeft' | 'procedure')[]; moves: number } {
  const months = sc.playableYears * 12;
  const run = createRun(sc, { seed, years: sc.playableYears, agents: 50, partner: 'none' });
  const movable: (boolean | 'nothingLeft' | 'procedure')[] = [];
  let moves = 0;
  while (run.state.tick < months) {
    run.openTick();
    const s = run.state;
    movable.push(partnerCanMove(s));
    // The person: answers when the table waits for it, with its adviser's move; otherwise waits.
    for (const c of pendingAmendments(s)) if (run.act({ type: 'answerAmendment', by: 'partner', contractId: c.id, accept: true }).ok) moves++;
    if (mustAnswerNow(s, 'partner')) {
      const a = advice({ state: s, scenario: sc, by: 'partner' });
      const n = s.negotiation!;
      const agrees = JSON.stringify(a.terms) === JSON.stringify(n.offer);
      if ((agrees && run.act({ type: 'accept', by: 'partner' }).ok) || (a.why === null && run.act({ type: 'propose', by: 'partner', terms: a.terms }).ok)) moves++;
    }
    run.closeTick();
  }
  return { movable, moves };
}

describe('a partner group is never two years without a lawful move', () => {
  let moves = 0;
  let nothingLeft = 0;
  /** The first month, over all the games, with nothing left to sell. */
  let firstNothingLeft = Infinity;
  // Eight seeds a test, so that each stays well within the test timeout on a loaded machine.
  for (let g = 0; g < SEEDS.length; g += 8) {
    const seeds = SEEDS.slice(g, g + 8);
    it(`seeds ${seeds[0]}–${seeds[seeds.length - 1]}: every ${WINDOW}-month window of the playable years holds a month with a lawful move`, () => {
      const stuck: string[] = [];
      for (const seed of seeds) {
        const game = play(seed);
        moves += game.moves;
        nothingLeft += game.movable.filter((m) => m === 'nothingLeft').length;
        const first = game.movable.indexOf('nothingLeft');
        if (first >= 0) firstNothingLeft = Math.min(firstNothingLeft, first);
        for (let w = 0; w + WINDOW <= game.movable.length; w++) {
          if (!game.movable.slice(w, w + WINDOW).some((m) => m !== false)) {
            stuck.push(`seed ${seed}: no lawful move from month ${w} to ${w + WINDOW - 1}`);
            break;
          }
        }
      }
      expect(stuck).toEqual([]);
    }, 120_000);
  }

  // Until issue 9's eleventh round the computer city also summed every running payment against its
  // €8 M works envelope (MODEL §13.8, the rent test) and rarely bought everything (163 such months in
  // the 32 games). Tested against its net savings since, it completes the catalogue in 22 games of
  // 32, in years 11 to 13 (716 months of 6,912), and the partner group then has nothing left to sell
  // until equipment wears out (the first such month: 121, seed 32). What must hold is that this
  // exemption from the stuck check is no way out: it never comes in the first mandate, while the
  // programme is planned and built.
  it('the games are played, and a city that has bought everything does so only once its programme is built, never in its first mandate', () => {
    expect(moves).toBeGreaterThan(SEEDS.length);
    expect(firstNothingLeft).toBeGreaterThanOrEqual(sc.politics.termYears * 12);
  });
});
