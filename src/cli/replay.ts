/**
 * `npm run replay -- <save.json> [--format text|json|csv] [--out <file>]`: replays a saved game from
 * its scenario, seed and actions, checks every yearly hash it carries and prints the final
 * stateHash (text, json), or the replayed game's yearly series (csv: the columns of
 * `sim --format csv`, so a workshop group's save is studied with the same tools as a simulated run).
 * A hash that differs is reported with its year and exits 1 (nothing is printed as CSV then); an
 * unreadable, corrupt or foreign file exits 2.
 */
import { replaySave } from '../sim';
import { EXIT_FAILURE, fail, runMain } from './errors';
import { parseChoice, parseCommandLine, str, usage, type FlagSpecs } from './args';
import { readSaveFile } from './save-file';
import { checkOutputs, emit, outFlag, yearlyCsv } from './output';

const REPLAY_FLAGS = {
  format: { type: 'string', value: 'text|json|csv', help: 'text: the final stateHash alone (default); json: { ok, finalHash, years, contracts }; csv: the yearly series, as sim --format csv' },
  out: { type: 'string', value: 'file', help: 'write the output to this file instead of stdout (- is stdout)' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies FlagSpecs;

await runMain('replay', () => {
  const args = parseCommandLine(process.argv.slice(2), REPLAY_FLAGS, 1);
  if (args.values.help) {
    process.stdout.write(usage('npm run replay -- <save.json> [--format text|json|csv] [--out <file>]', REPLAY_FLAGS));
    return 0;
  }
  const path = args.positionals[0];
  if (path === undefined) return fail('expected the save file to replay: npm run replay -- <save.json>');
  const format = parseChoice(str(args, 'format') ?? 'text', '--format', ['text', 'json', 'csv'] as const);
  const out = outFlag(str(args, 'out'));
  if (out !== undefined) checkOutputs([{ flag: '--out', path: out }], [{ flag: 'the save being replayed', path }]);
  const save = readSaveFile(path);
  const report = replaySave(save);
  if (report.ok) {
    const text =
      format === 'json' ? JSON.stringify({ ok: true, finalHash: report.finalHash, years: save.years, contracts: report.contracts }, null, 2) + '\n' : format === 'csv' ? yearlyCsv(report.yearly) : report.finalHash + '\n';
    emit(text, out);
    return 0;
  }
  if (format === 'json') {
    emit(JSON.stringify({ ok: false, finalHash: report.finalHash, years: save.years, mismatches: report.mismatches, ...(report.error ? { error: report.error } : {}), contracts: report.contracts }, null, 2) + '\n', out);
  }
  const first = report.mismatches[0];
  const detail = first
    ? `year ${first.year} of ${save.years}: the save expects stateHash ${first.expected}, the replay gives ${first.got}` +
      (report.mismatches.length > 1 ? ` (and ${report.mismatches.length - 1} later year${report.mismatches.length > 2 ? 's' : ''} differ too)` : '')
    : report.error ?? `the final stateHash differs: the save expects ${save.finalHash}, the replay gives ${report.finalHash}`;
  return fail(`save file ${path} does not replay: ${detail}. The save was changed by hand or made by a different version of the model.`, EXIT_FAILURE);
});
