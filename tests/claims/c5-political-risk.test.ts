/**
 * C5 Political risk, as French law prices it. A city may end a contract in the public interest at
 * any time, but it owes the partner its unamortised investment (Conseil d'État, Commune de Douai,
 * 2012) and, unless a clause limits it, its lost profit (`terminationCompensation` = the share of
 * the lost profit a contract pays; 1 by default). So:
 * (1) where contracts limit the lost-profit compensation (`negotiation.maxTerminationCompensation`
 *     = 0: the sides may not agree to pay it), an incumbent's defeat brings cancellations and
 *     amendments and lowers the partner's NPV;
 * (2) full compensation shifts that risk to the city: a new majority that would have to pay the
 *     lost profit ends fewer contracts, and the partner loses less;
 * (3) the city pays even without the clause (the unamortised part is always owed);
 * (4) and the partner prices the risk a limiting clause leaves with it: its deals are worth more to
 *     it at signature (a political-risk premium), seen in its NPV where no defeat happens.
 * No defeat is forced: the runs keep the scenario's own incumbency (its mayors lose about one
 * playable election in five, tests/claims/elections-bite.test.ts), and each is paired, seed by seed,
 * with a run where the incumbent sits safer (`politics.incumbencyBias` + 2 log-odds: hardly any
 * defeat). The difference between the pair is what the defeats the scenario brings cost. Reference
 * scenario, default computer players, 32 seeds, 18 years, 1,000 agents; all measures of a condition
 * come from the same runs.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult, Scenario } from '../../src/sim';
import { mean, measure, reference, sePaired, withSets } from './harness';

const SEEDS = 32;
const base = reference();
const safer = { 'politics.incumbencyBias': base.politics.incumbencyBias + 2 };
const noClause = { 'negotiation.maxTerminationCompensation': 0 };
const CONDITIONS = {
  scenario: base,
  safe: withSets(base, safer),
  scenarioNoClause: withSets(base, noClause),
  safeNoClause: withSets(base, { ...safer, ...noClause }),
};

/** What the partner lost on cancelled contracts (lost profit not compensated), euros. */
const partnerLoss = (r: RunResult) => r.state.log.reduce((a, l) => a + (l.kind === 'contractCancelled' ? l.data.partnerLossEur : 0), 0);
/** Termination compensation the city paid (unamortised investment and lost profit), euros. */
const compensationPaid = (r: RunResult) => r.state.log.reduce((a, l) => a + (l.kind === 'contractCancelled' ? l.data.compensationEur : 0), 0);

/** Every measure of a condition, from one run per seed. */
const measureAll = (scenario: Scenario) =>
  measure({ scenario, years: 18, agents: 1000 }, SEEDS, {
    defeats: (r) => r.summary.elections! - r.summary.incumbentReelections!,
    reopened: (r) => r.summary.contractsCancelled! + r.summary.contractsRenegotiated!,
    npv: (r) => r.summary.partnerNpvEur!,
    loss: partnerLoss,
    paid: compensationPaid,
  });

describe('C5: a defeat mid-contract, priced by termination law (the scenario\u2019s own incumbency)', () => {
  const w = measureAll(CONDITIONS.safe);
  const l = measureAll(CONDITIONS.scenario);
  const w0 = measureAll(CONDITIONS.safeNoClause);
  const l0 = measureAll(CONDITIONS.scenarioNoClause);

  it('the scenario\u2019s incumbents do lose, the safer ones hardly ever', () => {
    expect(mean(l0.defeats) - mean(w0.defeats)).toBeGreaterThan(2 * sePaired(l0.defeats, w0.defeats));
    expect(mean(w0.defeats)).toBeLessThan(0.1);
  });

  it('where the lost profit is not compensated, the defeats bring cancellations and amendments', () => {
    expect(mean(l0.reopened) - mean(w0.reopened)).toBeGreaterThan(2 * sePaired(l0.reopened, w0.reopened));
  });

  it('where the lost profit is not compensated, the defeats lower the partner\u2019s NPV', () => {
    expect(mean(w0.npv) - mean(l0.npv)).toBeGreaterThan(2 * sePaired(w0.npv, l0.npv));
  });

  it('full compensation shifts the risk to the city: a new majority ends fewer contracts, and the partner loses less', () => {
    expect(mean(l0.reopened) - mean(l.reopened)).toBeGreaterThan(2 * sePaired(l0.reopened, l.reopened));
    expect(mean(l0.loss) - mean(l.loss)).toBeGreaterThan(2 * sePaired(l0.loss, l.loss));
  });

  it('the city pays even without the clause: the unamortised investment is always owed (Douai)', () => {
    expect(mean(l0.paid) - mean(w0.paid)).toBeGreaterThan(2 * sePaired(l0.paid, w0.paid));
  });

  it('the partner prices the risk a limiting clause leaves with it: its deals are worth more to it where no defeat comes', () => {
    expect(mean(w0.npv) - mean(w.npv)).toBeGreaterThan(2 * sePaired(w0.npv, w.npv));
  });
});
