/**
 * The bare loop behind `sim.loopBoundRatio` (`npm run bench`): the citizens' irreducible work of a
 * run, without the rest of the model. For each citizen-month it draws one number from a seeded
 * alea generator (seedrandom's, the generator of the model's streams) and makes one satisfaction
 * update of the model's form (rules/citizens.ts: the softsign target from the district's terms
 * and the agent's preferences and income band, then the move toward it and toward the district's
 * mean), over the typed arrays of a real initial state (the same agents, layout and types as a
 * run), district by district. The draw enters the update (a small idiosyncratic shock on the
 * target), and the loop returns the mean satisfaction it reaches, which the bench prints: neither
 * can be optimised away. The district terms are computed once (their monthly cost is per district,
 * not per agent), but the district means move with the agents each month, as in the model.
 */
import seedrandom from 'seedrandom';
import type { Scenario } from '../sim';
import { createInitialState } from '../sim/init';
import type { CitizenArrays } from '../sim/types';

const INCOME_TAX_SENSITIVITY = [1.3, 1, 0.7] as const;
/** Size of the idiosyncratic shock the draw adds to z (any non-zero value keeps the draw used). */
const SHOCK = 0.1;

/** The state the loop runs on: the citizens' arrays and the district terms, prepared untimed. */
interface LoopInput extends Pick<CitizenArrays, 'income' | 'prefServices' | 'prefTaxes' | 'prefEnvironment' | 'prefPrivacy' | 'satisfaction'> {
  start: number[];
  constant: Float64Array;
  services: Float64Array;
  environment: Float64Array;
  mean: Float64Array;
  tax: Float64Array;
  privacy: number;
  lambda: number;
  mu: number;
  seed: string;
}

function prepare(scenario: Scenario, seed: number, agents: number): LoopInput {
  const state = createInitialState(scenario, seed, agents);
  const c = scenario.citizens;
  const w = c.weights;
  const nd = state.districts.length;
  const constant = new Float64Array(nd);
  const services = new Float64Array(nd);
  const environment = new Float64Array(nd);
  const mean = new Float64Array(nd);
  const s0 = Math.min(0.99, Math.max(0.01, c.initialSatisfaction));
  for (let d = 0; d < nd; d++) {
    // Mid-run values of a district's terms: some services, a little nuisance, better environment.
    constant[d] = Math.log(s0 / (1 - s0)) - 3 * w.nuisance * 0.1;
    services[d] = 3 * w.services * 0.5 * (0.2 + 0.05 * d);
    environment[d] = 3 * w.environment * 0.05;
    mean[d] = state.districts[d]!.satisfaction;
  }
  const taxGap = 3 * w.taxes * 0.05 * 4;
  const tax = new Float64Array(INCOME_TAX_SENSITIVITY.map((k) => taxGap * k));
  return {
    ...state.citizens,
    satisfaction: state.citizens.satisfaction.slice(),
    start: state.citizenDistrictStart,
    constant,
    services,
    environment,
    mean,
    tax,
    privacy: 3 * w.privacy * 0.02,
    lambda: c.adjustmentRate,
    mu: c.neighbourInfluence,
    seed: `${seed}:citizens`,
  };
}

/** `months` months of the bare loop; returns the final mean satisfaction. */
function run(input: LoopInput, months: number): number {
  const { income, prefServices, prefTaxes, prefEnvironment, prefPrivacy, satisfaction, start, constant, services, environment, mean, tax, privacy, lambda, mu } = input;
  const draw = seedrandom.alea(input.seed);
  const nd = start.length - 1;
  let total = 0;
  for (let m = 0; m < months; m++) {
    total = 0;
    for (let d = 0; d < nd; d++) {
      const cd = constant[d]!;
      const ad = services[d]!;
      const ed = environment[d]!;
      const md = mean[d]!;
      const begin = start[d]!;
      const end = start[d + 1]!;
      let sum = 0;
      for (let i = begin; i < end; i++) {
        const z = cd + prefServices[i]! * ad + prefEnvironment[i]! * ed - prefTaxes[i]! * tax[income[i]!]! - prefPrivacy[i]! * privacy + SHOCK * (draw() - 0.5);
        const target = 0.5 + (0.5 * z) / (1 + (z < 0 ? -z : z));
        const s = satisfaction[i]!;
        const next = s + lambda * (target - s) + mu * (md - s);
        satisfaction[i] = next;
        sum += next;
      }
      mean[d] = end > begin ? sum / (end - begin) : md;
      total += sum;
    }
  }
  const n = start[nd]! - start[0]!;
  return n > 0 ? total / n : 0;
}

/**
 * Times one pass of the bare loop over `agents` citizens of the scenario's initial state (seed
 * `seed`) for `months` months: the preparation is not timed. Returns the time and the result.
 */
export function timeLoopBound(scenario: Scenario, { seed, agents, months }: { seed: number; agents: number; months: number }): { ms: number; meanSatisfaction: number } {
  const input = prepare(scenario, seed, agents);
  const t0 = performance.now();
  const meanSatisfaction = run(input, months);
  return { ms: performance.now() - t0, meanSatisfaction };
}
