/**
 * Events: the scenario's table of random shocks. Each month the events stream draws, for each event
 * in the table's order, whether it happens (one draw each, whatever the state: two runs of a seed
 * meet the same shocks, however their players differ); what it does to the state (which works
 * overrun and by how much, which equipment breaks down) is drawn from the eventDetails stream.
 *
 * An event with yearly probability p happens in a month with probability 1 − (1 − p)^(1/12).
 * Magnitudes, by kind: energyPriceShock — the price rises by that share, then eases back by 5 % of
 * the gap a month; costOverrun — a deployment under works costs more, by a factor
 * 1 + magnitude × costUncertainty × (0.5 + U), U uniform in [0, 1), on the months of works left
 * (the city pays it for works it buys, the partner for works it builds under a performance
 * contract or concession);
 * technicalFailure — a running deployment stops for 3 × magnitude months; cyberAttack — a privacy
 * backlash of magnitude × the highest privacy risk of what runs (× 1.3 if the partner owns the data),
 * and alignment −0.05; stateGrantCall — an extra State call of magnitude € M for 3 months;
 * stateTransferCut — the State operating grant falls by that share for good (at most all of it);
 * partnerMerger — its costs fall by half that share (at most by half), its reputation by 0.1; partnerFailure — its contracts end, and a
 * new partner is there a year later; heatwave — heat stress for the month, eased by green
 * infrastructure; citizenProtest — a protest that lowers satisfaction and alignment (−0.03), eased
 * by concertation.
 */
import { withStream } from '../rng';
import { monthlyProbability } from '../det-math';
import type { Scenario } from '../scenario-schema';
import type { SimState } from '../types';
import { partnerFails } from './contracts';

export function eventsPhase(state: SimState, scenario: Scenario): void {
  const city = state.city;
  state.energyPriceFactor = 1 + (state.energyPriceFactor - 1) * 0.95;
  city.privacyShock *= 0.9;
  city.heatStress = 0;
  city.protest *= 0.7;
  // Whether each event happens: one draw per event, whatever the state (common random numbers, types.ts `STREAMS`).
  const draws = withStream(state, 'events', (rng) => scenario.events.map(() => rng.next()));
  withStream(state, 'eventDetails', (rng) => {
    for (const [i, ev] of scenario.events.entries()) {
      if (draws[i]! >= monthlyProbability(ev.probPerYear)) continue;
      const m = ev.magnitude;
      let happened = true;
      switch (ev.kind) {
        case 'energyPriceShock':
          state.energyPriceFactor += m;
          break;
        case 'costOverrun': {
          const building = state.deployments.filter((d) => d.stage === 'building');
          if (building.length === 0) {
            happened = false;
            break;
          }
          const d = building[rng.int(building.length)]!;
          const extra = 1 + m * scenario.projects.costUncertainty * (0.5 + rng.next());
          const contract = d.contractId === null ? null : state.contracts[d.contractId - 1]!;
          const partnerBears = contract !== null && contract.builder === 'partner' && contract.terms.form !== 'procurement';
          d.trueCostEur *= extra;
          if (!partnerBears) d.capexEur *= extra;
          break;
        }
        case 'technicalFailure': {
          const running = state.deployments.filter((d) => d.stage === 'operating' && d.downMonths === 0);
          if (running.length === 0) {
            happened = false;
            break;
          }
          running[rng.int(running.length)]!.downMonths = Math.max(1, Math.round(3 * m));
          break;
        }
        case 'cyberAttack': {
          let risk = 0;
          for (const d of state.deployments) {
            if (d.stage !== 'operating') continue;
            risk = Math.max(risk, scenario.projects.catalogue[d.type]!.benefits.privacyRisk);
          }
          if (risk === 0) {
            happened = false;
            break;
          }
          const partnerData = state.contracts.some((c) => c.status === 'running' && c.terms.dataOwnership === 'partner');
          city.privacyShock = Math.min(1, city.privacyShock + m * risk * (partnerData ? 1.3 : 1));
          state.alignment = Math.max(0, state.alignment - 0.05);
          break;
        }
        case 'stateGrantCall':
          state.grantCalls.push({
            id: `state-extra-${state.tick}`,
            funder: 'state',
            openTick: state.tick,
            deadlineTick: state.tick + 3,
            budgetLeftEur: m * 1e6,
            rate: scenario.funding.grantShare,
            pilotOnly: false,
            minCommunes: 1,
            sustainabilityOnly: false,
          });
          break;
        case 'stateTransferCut':
          city.stateGrantEur *= Math.max(0, 1 - m);
          break;
        case 'partnerMerger':
          state.partner.trueCostFactor *= Math.max(0.5, 1 - m / 2);
          state.partner.reputation = Math.max(0, state.partner.reputation - 0.1);
          break;
        case 'partnerFailure':
          if (state.tick < state.partner.activeFromTick) {
            happened = false;
            break;
          }
          partnerFails(state);
          state.negotiation = null;
          state.partner.activeFromTick = state.tick + 12;
          state.partner.transferableExperience *= 0.5;
          break;
        case 'heatwave':
          city.heatStress = Math.min(1, m);
          break;
        case 'citizenProtest':
          city.protest = Math.min(1, city.protest + m * (1 - 0.5 * city.concertation));
          state.alignment = Math.max(0, state.alignment - 0.03);
          break;
      }
      if (happened) state.log.push({ tick: state.tick, kind: 'event', data: { id: ev.id, kind: ev.kind } });
    }
  });
}
