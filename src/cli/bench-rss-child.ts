/**
 * Child process of `npm run bench` for `sim.peakRssMB`: one run in a fresh process, so that its
 * peak resident memory is that run's alone. Prints `{ "maxRssKB": n }` on stdout.
 * Arguments: <scenario id> <years> <agents>.
 */
import { runSimulation } from '../sim';
import { unwrap } from './errors';
import { loadScenario } from './load-scenario';

const [id = 'dijon-like', years = '30', agents = '10000'] = process.argv.slice(2);
const { scenario } = unwrap(loadScenario(id));
runSimulation(scenario, { seed: 1, years: Number(years), agents: Number(agents) });
// resourceUsage().maxRSS is in kilobytes.
process.stdout.write(JSON.stringify({ maxRssKB: process.resourceUsage().maxRSS }) + '\n');
