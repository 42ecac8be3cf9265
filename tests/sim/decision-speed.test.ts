/**
 * The computer city's faster paths of issue 9's speed review give the answers of the plain ones:
 * a partnership's prior evaluation valued once per scope (`valueForMoneyOfScope`) is
 * `valueForMoney` bit for bit; every family's held districts found in one pass
 * (`heldDistrictsByFamily`) are `heldDistricts`' for each; and a trial copy of the state
 * (`trialState`), which shares the log, the reporter rows and the citizens with the original, leaves
 * the original unchanged when actions are tried on it; and a contract's monthly flows over a
 * shorter horizon are those over a longer one, month for month (the contract review reads one
 * horizon's, `amendmentFlows`, for every cut it tries). Checked over the states of a run of the
 * default computer players.
 */
import { describe, expect, it } from 'vitest';
import { createRun, stateHash } from '../../src/sim';
import { applyAction } from '../../src/sim/actions';
import { newScratch } from '../../src/sim/money';
import { cloneState, trialState } from '../../src/sim/serialize';
import { heldDistricts, heldDistrictsByFamily } from '../../src/sim/rules/services';
import { amendmentFlows, partnerMonthlyFlows } from '../../src/sim/rules/contracts';
import { dealContext, valueForMoney, valueForMoneyOfScope } from '../../src/sim/rules/valuation';
import { PROJECT_FAMILIES } from '../../src/sim';
import type { Action, ContractTerms, SimState } from '../../src/sim/types';
import { dijon, terms } from './helpers';

const sc = dijon();

/** States along a 24-year run of the default computer players (every 7th month). */
function sampleStates(): SimState[] {
  const run = createRun(sc, { seed: 5, agents: 200, years: 24 });
  const out: SimState[] = [];
  while (!run.isOver()) {
    run.advanceTick();
    if (run.state.tick % 7 === 0) out.push(structuredClone(run.state));
  }
  return out;
}

describe('the computer city’s faster paths (issue 9, speed)', () => {
  const states = sampleStates();

  it('valueForMoneyOfScope is valueForMoney of each variant of a scope, bit for bit (with and without a DealContext)', () => {
    const nd = sc.territory.districts.length;
    const all = [...Array(nd).keys()];
    let checked = 0;
    for (const s of states.filter((_, i) => i % 3 === 0)) {
      const open = s.grantCalls.filter((c) => s.tick <= c.deadlineTick).map((c) => c.id);
      for (const projects of [['streetLighting'], ['dataPlatform', 'smartTraffic'], ['buildingEnergy']]) {
        for (const districts of [all, [1, 2]]) {
          for (const cityCapitalShare of [0, 0.5]) {
            const base = terms({ form: 'partnership', projects, districts, cityCapitalShare, grantCalls: cityCapitalShare > 0 ? open.slice(0, 1) : [] });
            for (const context of [undefined, dealContext(s)]) {
              const valueOf = valueForMoneyOfScope(s, sc, context);
              for (const durationYears of [5, 12, 20]) {
                for (const annualPaymentEur of [0, 400_000, 2_500_000]) {
                  for (const [guaranteedSavingShare, penaltyRate, savingsShareToPartner, terminationCompensation] of [[0, 0, 0, 0], [0.6, 1, 0, 0.5], [0.4, 0.5, 0.3, 1]] as const) {
                    const t: ContractTerms = { ...base, durationYears, annualPaymentEur, guaranteedSavingShare, penaltyRate, savingsShareToPartner, terminationCompensation };
                    expect(valueOf(t), `tick ${s.tick}`).toStrictEqual(valueForMoney(s, sc, t));
                    checked++;
                  }
                }
              }
            }
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('heldDistrictsByFamily is heldDistricts (at scale, with renewals) of every family, for each builder', () => {
    let held = 0;
    for (const s of states) {
      for (const builder of ['partner', 'suppliers'] as const) {
        const byFamily = heldDistrictsByFamily(s, sc, builder);
        for (const family of PROJECT_FAMILIES) {
          const expected = heldDistricts(s, sc, family, false, true, builder);
          expect([...(byFamily.get(family) ?? [])].sort(), `${family} ${builder} at tick ${s.tick}`).toStrictEqual([...expected].sort());
          held += expected.size;
        }
      }
    }
    expect(held).toBeGreaterThan(0);
  });

  it('partnerMonthlyFlows over a shorter horizon are the first months of amendmentFlows’ own, bit for bit', () => {
    let contracts = 0;
    for (const s of states) {
      for (const c of s.contracts) {
        if (c.builder !== 'partner' || (c.status !== 'running' && c.status !== 'building')) continue;
        const flows = amendmentFlows(s, sc, c);
        for (const months of [0, 1, 37, flows.horizon - 1, flows.horizon]) {
          const f = partnerMonthlyFlows(s, sc, c, months);
          expect(f.shareEur, `contract ${c.id} at tick ${s.tick}`).toStrictEqual(flows.shareEur.slice(0, months));
          expect(f.runningEur).toStrictEqual(flows.runningEur.slice(0, months));
          expect([f.lastMonth, f.firstEndMonth]).toStrictEqual([flows.lastMonth, flows.firstEndMonth]);
        }
        contracts++;
      }
    }
    expect(contracts).toBeGreaterThan(0);
  });

  it('trialState is a copy of the state, and actions tried on it leave the original as it was', () => {
    let tried = 0;
    for (const s of states.filter((_, i) => i % 4 === 0)) {
      const before = stateHash(s);
      const trial = trialState(s);
      expect(trial).toStrictEqual(cloneState(s));
      // What the computer city tries beside a deal: a purchase alone, a vote of the budget, an offer.
      const actions: Action[] = [
        { type: 'setBudget', envelopeEur: 5_000_000, taxChange: 0 },
        { type: 'launchAlone', project: 'wasteSensors', districts: [0, 1, 2], pilot: false, grantCalls: [] },
        { type: 'propose', by: 'city', terms: terms({ projects: ['citizenApp'], districts: [0, 1], durationYears: 6, annualPaymentEur: 200_000 }) },
      ];
      const scratch = newScratch(trial);
      for (const a of actions) if (applyAction(trial, sc, scratch, a).ok) tried++;
      expect(stateHash(s), `tick ${s.tick}`).toBe(before);
    }
    expect(tried).toBeGreaterThan(0);
  });
});
