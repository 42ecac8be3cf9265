/**
 * The game's saves and the year's records: the replay save a session exports (its inputs and
 * yearly hashes, cut at its last full year), what the menu shows of it, the setup a save restores,
 * and the elections of a month read back from the simulation's log.
 */
import { createSave, type LogEntry, type LogEntryOf, type SaveFile } from '../sim';
import type { ElectionResult, GameSetup, Role, SavedGameInfo, Session } from './game-types';

/** The session as a replay save (what the autosave keeps and `exportSave` returns); null before its first full year. */
export function saveOfSession(s: Session): SaveFile | null {
  const years = Math.floor(s.sim.tick / 12);
  if (years < 1) return null;
  const { setup } = s;
  return createSave(
    s.scenario,
    {
      seed: setup.seed,
      city: setup.city,
      partner: setup.partner,
      years,
      ...(setup.agents !== undefined ? { agents: setup.agents } : {}),
      actions: s.actions.filter((a) => a.tick < years * 12),
    },
    s.yearlyHashes.slice(0, years),
  );
}

/** What the menu shows about a save. */
export function savedInfo(role: Role, save: SaveFile): SavedGameInfo {
  return { scenarioId: save.scenario.id, role, seed: save.seed, years: save.years, totalYears: save.scenario.playableYears };
}

/** The setup a save was played with (its length is its scenario's playable years: start.ts). */
export function setupOfSave(role: Role, save: SaveFile): GameSetup {
  return { scenarioId: save.scenario.id, role, seed: save.seed, city: save.city, partner: save.partner, ...(save.agents !== undefined ? { agents: save.agents } : {}), years: save.scenario.playableYears };
}

/**
 * The elections held in the log from index `from` (a month that just closed), for the election
 * screen: each district's share of the votes and the day's swing as the election's entry records
 * them; `intentions` (the vote intentions as the month opened) stand in for the districts' shares
 * only in an entry of an older save, which does not record them.
 */
export function electionsIn(log: readonly LogEntry[], from: number, intentions: number[]): ElectionResult[] {
  const out: ElectionResult[] = [];
  for (let i = from; i < log.length; i++) {
    const e = log[i]!;
    if (e.kind !== 'election') continue;
    const next = log.slice(i + 1).find((x): x is LogEntryOf<'newMayor'> => x.kind === 'newMayor' && x.tick === e.tick);
    const { districtShares, swing } = e.data;
    out.push({ tick: e.tick, incumbentWon: e.data.reelected, voteShare: e.data.voteShare, byDistrict: districtShares ?? intentions, byDistrictVotes: districtShares !== undefined, intentions, swing: swing ?? null, newMayor: next ? next.data.mayor : null });
  }
  return out;
}
