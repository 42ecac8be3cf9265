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
 * Defeats are made certain (or impossible) through `politics.incumbencyBias` (±4 log-odds); the
 * scenario's own incumbency is issue 9's business. Reference scenario, default computer players,
 * 16 seeds, 18 years, 1,000 agents; all measures of a condition come from the same runs, and the
 * conditions are paired by seed.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult, Scenario } from '../../src/sim';
import { mean, measure, reference, sePaired, withSets } from './harness';

const SEEDS = 16;
const base = reference();
const noClause = { 'negotiation.maxTerminationCompensation': 0 };
const CONDITIONS = {
  wins: withSets(base, { 'politics.incumbencyBias': 4 }),
  loses: withSets(base, { 'politics.incumbencyBias': -4 }),
  winsNoClause: withSets(base, { 'politics.incumbencyBias': 4, ...noClause }),
  losesNoClause: withSets(base, { 'politics.incumbencyBias': -4, ...noClause }),
};

/** What the partner lost on cancelled contracts (lost profit not compensated), euros. */
const partnerLoss = (r: RunResult) => r.state.log.reduce((a, l) => a + (l.kind === 'contractCancelled' ? l.data.partnerLossEur : 0), 0);
/** Termination compensation the city paid (unamortised investment and lost profit), euros. */
const compensationPaid = (r: RunResult) => r.state.log.reduce((a, l) => a + (l.kind === 'contractCancelled' ? l.data.compensationEur : 0), 0);

/** Every measure of a condition, from one run per seed. */
const measureAll = (scenario: Scenario) =>
  measure({ scenario, years: 18, agents: 1000 }, SEEDS, {
    reopened: (r) => r.summary.contractsCancelled! + r.summary.contractsRenegotiated!,
    npv: (r) => r.summary.partnerNpvEur!,
    loss: partnerLoss,
    paid: compensationPaid,
  });

describe('C5: a defeat mid-contract, priced by termination law', () => {
  const w = measureAll(CONDITIONS.wins);
  const l = measureAll(CONDITIONS.loses);
  const w0 = measureAll(CONDITIONS.winsNoClause);
  const l0 = measureAll(CONDITIONS.losesNoClause);

  it('where the lost profit is not compensated, defeated incumbents bring cancellations and amendments', () => {
    expect(mean(l0.reopened) - mean(w0.reopened)).toBeGreaterThan(Math.max(1, 2 * sePaired(l0.reopened, w0.reopened)));
  });

  it('where the lost profit is not compensated, defeats lower the partner\u2019s NPV', () => {
    expect(mean(w0.npv) - mean(l0.npv)).toBeGreaterThan(Math.max(1e6, 2 * sePaired(w0.npv, l0.npv)));
  });

  it('full compensation shifts the risk to the city: a new majority ends fewer contracts, and the partner loses less', () => {
    expect(mean(l0.reopened) - mean(l.reopened)).toBeGreaterThan(Math.max(1, 2 * sePaired(l0.reopened, l.reopened)));
    expect(mean(l0.loss) - mean(l.loss)).toBeGreaterThan(Math.max(1e6, 2 * sePaired(l0.loss, l.loss)));
  });

  it('the city pays even without the clause: the unamortised investment is always owed (Douai)', () => {
    const runsWith = (xs: number[]) => xs.filter((x) => x > 1000).length;
    expect(runsWith(l0.paid)).toBeGreaterThanOrEqual(SEEDS / 2);
    expect(mean(l0.paid)).toBeGreaterThan(2 * sePaired(l0.paid, w0.paid));
  });

  it('the partner prices the risk a limiting clause leaves with it: its deals are worth more to it where no defeat comes', () => {
    expect(mean(w0.npv) - mean(w.npv)).toBeGreaterThan(Math.max(1e6, 2 * sePaired(w0.npv, w.npv)));
  });
});
