/**
 * `npm run sim`: one headless run of a scenario, printed as the summary (JSON) or the yearly
 * series (CSV), optionally written to a file and recorded as a save. Also the `bargain`
 * subcommand (the stylised split of DESIGN §4, by the players' own backward induction).
 *
 *   npm run sim -- --scenario dijon-like --seed 1 [--years 30] [--set city.presentBias=0.7] …
 *   npm run sim -- bargain --delta-city 0.9 --delta-partner 0.95 --proposer city [--format json]
 */
import { bargain, contractRecords, MAX_SEED, runSimulation, SUMMARY_KEYS, type ContractRecord, type RunResult } from '../sim';
import { fail, runMain } from './errors';
import { parseChoice, parseCommandLine, parseNumber, parseSeed, required, str, usage, type FlagSpecs } from './args';
import { applySetFlags, readRunFlags, RUN_FLAGS } from './run-config';
import { checkOutputs, outFlag, saveFlag, writeFilesAtomic, yearlyCsv, type NamedFile } from './output';
import { buildSave } from './save-file';

const SIM_FLAGS = {
  scenario: RUN_FLAGS.scenario,
  seed: { type: 'string', value: '<n>', help: `random seed, a whole number from 0 to ${MAX_SEED} (required)` },
  years: RUN_FLAGS.years,
  city: RUN_FLAGS.city,
  partner: RUN_FLAGS.partner,
  set: { type: 'string', multiple: true, value: '<path>=<value>', help: 'override a numeric scenario field, e.g. city.presentBias=0.7' },
  agents: RUN_FLAGS.agents,
  format: { type: 'string', value: 'json|csv', help: 'json: the summary object (default); csv: the yearly series' },
  out: { type: 'string', value: '<file>', help: 'write the output to this file instead of stdout (- is stdout)' },
  save: { type: 'string', value: '<file>', help: 'also write a save of this run (for npm run replay); a file, not -' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies FlagSpecs;

const BARGAIN_FLAGS = {
  'delta-city': { type: 'string', value: '<d>', help: "the city's discount factor per round, 0 ≤ d ≤ 0.99999" },
  'delta-partner': { type: 'string', value: '<d>', help: "the partner's discount factor per round, 0 ≤ d ≤ 0.99999" },
  proposer: { type: 'string', value: 'city|partner', help: 'who makes the first offer' },
  format: { type: 'string', value: 'text|json', help: 'text (default) or a JSON object' },
  help: { type: 'boolean', short: 'h', help: 'show this help' },
} as const satisfies FlagSpecs;

const SIM_SYNOPSIS = 'npm run sim -- --scenario <id|path> --seed <n> [flags]\n       npm run sim -- bargain --delta-city <d> --delta-partner <d> --proposer city|partner [--format json]';

/** The summary with SUMMARY_KEYS in their declared order, then stateHash, then the contracts signed with the partner (one record each). */
function orderedSummary(result: RunResult, contracts: ContractRecord[]): Record<string, number | string | ContractRecord[]> {
  const out: Record<string, number | string | ContractRecord[]> = {};
  for (const k of SUMMARY_KEYS) out[k] = result.summary[k] as number;
  out.stateHash = result.summary.stateHash;
  out.contracts = contracts;
  return out;
}

function discountFactor(raw: string, flag: string): number {
  const d = parseNumber(raw, flag);
  // Above 0.99999 the backward induction would need more than 2,000,000 rounds to settle (bargain.ts).
  if (d < 0 || d > 0.99999) return fail(`${flag}: found ${raw}, expected a discount factor from 0 to 0.99999, e.g. 0.9`);
  return d;
}

/** `sim bargain`: the stylised split of a unit surplus between two computer players (DESIGN C2). */
function bargainCommand(argv: string[]): number {
  const args = parseCommandLine(argv, BARGAIN_FLAGS);
  if (args.values.help) {
    process.stdout.write(usage('npm run sim -- bargain --delta-city <d> --delta-partner <d> --proposer city|partner [--format json]', BARGAIN_FLAGS));
    return 0;
  }
  const deltaCity = discountFactor(required(args, 'delta-city', '<d>'), '--delta-city');
  const deltaPartner = discountFactor(required(args, 'delta-partner', '<d>'), '--delta-partner');
  const proposer = parseChoice(required(args, 'proposer', 'city|partner'), '--proposer', ['city', 'partner'] as const);
  const format = parseChoice(str(args, 'format') ?? 'text', '--format', ['text', 'json'] as const);
  const r = bargain({ deltaCity, deltaPartner, proposer });
  const result = { cityShare: r.cityShare, partnerShare: r.partnerShare, rounds: r.rounds };
  process.stdout.write(format === 'json' ? JSON.stringify(result, null, 2) + '\n' : Object.entries(result).map(([k, v]) => `${k} ${v}`).join('\n') + '\n');
  return 0;
}

function simCommand(argv: string[]): number {
  const args = parseCommandLine(argv, SIM_FLAGS);
  if (args.values.help) {
    process.stdout.write(usage(SIM_SYNOPSIS, SIM_FLAGS));
    return 0;
  }
  // Every flag is checked before the run starts, and nothing is written until it has finished.
  const { scenario: loaded, source, shape, input } = readRunFlags(args);
  const seed = parseSeed(required(args, 'seed', '<n>'));
  const format = parseChoice(str(args, 'format') ?? 'json', '--format', ['json', 'csv'] as const);
  const scenario = applySetFlags(args, loaded, source);
  const out = outFlag(str(args, 'out'));
  const save = saveFlag(str(args, 'save'));
  const outputs: NamedFile[] = [];
  if (out !== undefined) outputs.push({ flag: '--out', path: out });
  if (save !== undefined) outputs.push({ flag: '--save', path: save });
  checkOutputs(outputs, [input]);

  const result = runSimulation(scenario, { seed, ...shape, yearlyHashes: save !== undefined });
  const text = format === 'json' ? JSON.stringify(orderedSummary(result, contractRecords(result.state, scenario)), null, 2) + '\n' : yearlyCsv(result.yearly);
  const files: { path: string; text: string; flag: string }[] = [];
  if (save !== undefined) {
    const who = { seed, city: shape.city ?? scenario.policies.city, partner: shape.partner ?? scenario.policies.partner, actions: [] };
    const saveFile = buildSave(scenario, shape.agents !== undefined ? { ...who, agents: shape.agents } : who, result);
    files.push({ path: save, text: JSON.stringify(saveFile, null, 2) + '\n', flag: '--save' });
  }
  // Both files are written beside their places first, then renamed: one that cannot be written leaves the other untouched.
  if (out !== undefined) files.push({ path: out, text, flag: '--out' });
  writeFilesAtomic(files);
  if (out === undefined) process.stdout.write(text);
  return 0;
}

await runMain('sim', () => {
  const argv = process.argv.slice(2);
  return argv[0] === 'bargain' ? bargainCommand(argv.slice(1)) : simCommand(argv);
});
