/**
 * C6 ROI uncertainty: higher uncertainty of benefits lowers the deal rate; performance guarantees
 * (savings guaranteed with penalties, as in global performance contracts) restore part of it.
 * Reference scenario, default computer players, 16 seeds, 18 years, 1,000 agents, the conditions
 * paired by seed. The deals
 * measured are the contracts signed with the partner for energy-saving projects (those a
 * guarantee can cover); without guarantees the city bears the whole risk of the savings.
 */
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/sim';
import { mean, measure, reference, sePaired, withSets } from './harness';

const SEEDS = 16;
const base = reference();
const saving = new Set(Object.entries(base.projects.catalogue).filter(([, t]) => t.benefits.energyMWhPerUnit > 0).map(([id]) => id));
const energyDeals = (r: RunResult) => r.state.contracts.filter((c) => c.builder === 'partner' && c.terms.projects.some((p) => saving.has(p))).length;

const noGuarantee = { 'negotiation.maxGuaranteedSavingShare': 0 };
const certainNoG = withSets(base, { 'projects.benefitUncertainty': 0, ...noGuarantee });
const uncertainNoG = withSets(base, { 'projects.benefitUncertainty': 5, ...noGuarantee });
const uncertainWithG = withSets(base, { 'projects.benefitUncertainty': 5 });

describe('C6: benefit uncertainty lowers the deal rate; performance guarantees restore part of it', () => {
  const opts = { years: 18, agents: 1000 };
  const c = measure({ scenario: certainNoG, ...opts }, SEEDS, { energyDeals }).energyDeals;
  const u = measure({ scenario: uncertainNoG, ...opts }, SEEDS, { energyDeals }).energyDeals;
  const g = measure({ scenario: uncertainWithG, ...opts }, SEEDS, { energyDeals }).energyDeals;

  it('with uncertain benefits and no guarantee, fewer energy-saving deals are signed', () => {
    expect(mean(c) - mean(u)).toBeGreaterThan(Math.max(1, 2 * sePaired(c, u)));
  });

  it('allowing performance guarantees restores part of those deals', () => {
    expect(mean(g) - mean(u)).toBeGreaterThan(Math.max(1, 2 * sePaired(g, u)));
  });
});
