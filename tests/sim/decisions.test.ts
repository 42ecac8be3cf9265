/**
 * Every decision of the computer city outside negotiations (budget, taxes, governance, purchases)
 * carries an explanation that the game can show in French and English.
 */
import { describe, expect, it } from 'vitest';
import { runSimulation } from '../../src/sim';
import { en } from '../../src/i18n/en';
import { fr } from '../../src/i18n/fr';
import { dijon } from './helpers';

describe('decision explanations', () => {
  const r = runSimulation(dijon(), { seed: 2, years: 8, agents: 300 });
  const decisions = r.state.log.filter((l) => l.kind === 'decision');

  it('the yearly budget and the other decisions are logged with a key', () => {
    const budgets = decisions.filter((d) => d.data.action === 'setBudget');
    expect(budgets.length).toBe(8); // one budget a year
    expect(decisions.some((d) => d.data.action === 'governance')).toBe(true);
    expect(decisions.some((d) => d.data.action === 'launchAlone')).toBe(true);
  });

  it('each key has a French and an English text whose placeholders the entry fills', () => {
    for (const d of decisions) {
      const key = `explain.${String(d.data.key)}`;
      for (const catalogue of [fr, en] as Record<string, string>[]) {
        const text = catalogue[key];
        expect(text, key).toBeTypeOf('string');
        for (const [, name] of text!.matchAll(/\{(\w+)\}/g)) expect(d.data, `${key} {${name}}`).toHaveProperty(name!);
      }
    }
  });
});
