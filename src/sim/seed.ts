/**
 * The seeds: a run's seed is a whole number from 0 to MAX_SEED (2³² − 1, an unsigned 32-bit
 * integer), the same range for the command line, the game, its URL parameter and a save file, so
 * that a seed one tool accepts every other tool accepts and replays. The seed only names the random
 * streams (rng.ts seeds each with `<seed>:<name>`); the range is a convention, not a limit of the
 * generator.
 */

/** Largest seed: seeds are unsigned 32-bit integers so that every tool agrees on them. */
export const MAX_SEED = 0xffff_ffff;

/** Whether a value is a seed (a whole number from 0 to MAX_SEED), for every tool that takes one. */
export function isSeed(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= 0 && x <= MAX_SEED;
}

/**
 * Citizen agents: the same range for a scenario's `citizens.agents`, the command line's `--agents`,
 * a save file and the game's `?agents=` URL parameter. Below 50 a district's mean satisfaction
 * rests on a handful of draws; above 100,000 a 30-year run takes minutes and hundreds of MB.
 */
export const MIN_AGENTS = 50;
export const MAX_AGENTS = 100_000;

/** Whether a value is a number of citizen agents (a whole number from MIN_AGENTS to MAX_AGENTS). */
export function isAgentCount(x: unknown): x is number {
  return typeof x === 'number' && Number.isSafeInteger(x) && x >= MIN_AGENTS && x <= MAX_AGENTS;
}
