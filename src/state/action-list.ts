/**
 * The script API's listing half: `actions()`, the actions `dispatch` would accept now, each a JSON
 * object, computed from the store's snapshot alone.
 *
 * The menu lists a start for every scenario, role, computer player (a personality or a scripted
 * strategy) and length of the game (the scenario's default first), each checked by the start
 * action's own checks (`setupOfStart`), so that the list never holds a start `dispatch` refuses;
 * the flow's screens list their way on, and every screen of a game the way back to the menu
 * (`toMenu`, last); the decisions and the table list the
 * acting side's simulation actions that the model would take now (`tryAction`), with its computer
 * adviser's suggested offer to propose.
 */
import { amendableContracts, servicesToGiveUp, computerPlayers, GOVERNANCE_MEASURES, pendingAmendments, suggestedOffer, tryAction, type Actor } from '../sim';
import type { AnyAction, GameState, Session } from './game-types';
import { SIM_ACTION_TYPES } from './script-api';
import { gameLengths } from '../sim/scenario-schema';
import { defaultGameYears, setupOfStart } from './start';

/** Keeps the simulation actions the model would take now (game actions pass). */
function legal(s: Session, candidates: AnyAction[]): AnyAction[] {
  return candidates.filter((c) => !SIM_ACTION_TYPES.has(c.type) || tryAction(s.sim, s.scenario, c).ok);
}

function menuActions(st: GameState): AnyAction[] {
  const seed = st.menuSeed;
  const out: AnyAction[] = [];
  for (const { id, scenario } of st.catalogue) {
    const partners = [scenario.policies.partner, ...computerPlayers('partner').map((p) => p.id).filter((p) => p !== scenario.policies.partner)];
    const cities = [scenario.policies.city, ...computerPlayers('city').map((p) => p.id).filter((p) => p !== scenario.policies.city)];
    const byDefault = defaultGameYears(scenario);
    for (const years of [byDefault, ...gameLengths(scenario).filter((y) => y !== byDefault)]) {
      for (const partner of partners) out.push({ type: 'start', scenario: id, role: 'city', seed, partner, years });
      for (const city of cities) out.push({ type: 'start', scenario: id, role: 'partner', seed, city, years });
      out.push({ type: 'start', scenario: id, role: 'both', seed, years });
      out.push({ type: 'start', scenario: id, role: 'watch', seed, city: scenario.policies.city, partner: scenario.policies.partner, years });
    }
  }
  const starts = out.filter((a) => setupOfStart(a as unknown as Record<string, unknown>, { catalogue: st.catalogue, menuSeed: st.menuSeed }).ok);
  if (st.savedGame) starts.push({ type: 'continueSave' });
  if (st.corruptSave) starts.push({ type: 'discardCorruptSave' });
  return starts;
}

/** Accept the offer when it is the side's turn; propose what its computer adviser suggests. */
function negotiationMoves(s: Session, side: Actor): AnyAction[] {
  const out: AnyAction[] = [];
  const n = s.sim.negotiation;
  if (n && n.turn === side) out.push({ type: 'accept', by: side });
  out.push({ type: 'propose', by: side, terms: suggestedOffer({ state: s.sim, scenario: s.scenario, by: side }) });
  return out;
}

function decisionActions(s: Session, side: Actor): AnyAction[] {
  const sc = s.scenario;
  const out: AnyAction[] = [];
  if (side === 'city') {
    const env = sc.city.smartCityEnvelopeEur;
    const dt = sc.city.maxTaxChange;
    out.push({ type: 'setBudget', envelopeEur: env, taxChange: 0 }, { type: 'setBudget', envelopeEur: 2 * env, taxChange: dt / 2 }, { type: 'setBudget', envelopeEur: env / 2, taxChange: -dt / 2 });
    for (const level of [0.2, 0.5, 0.8]) out.push({ type: 'setConcertation', level });
    for (const measure of GOVERNANCE_MEASURES) out.push({ type: 'governance', measure, on: !s.sim.city.governance[measure] });
    const all = s.sim.districts.map((_, i) => i);
    for (const project of Object.keys(sc.projects.catalogue)) {
      out.push({ type: 'launchAlone', project, districts: [0], pilot: true });
      out.push({ type: 'launchAlone', project, districts: all, pilot: false });
    }
    for (const c of amendableContracts(s.sim)) {
      // An amendment keeps the partner's balance only where its margin allows: small cuts first.
      for (const paymentCut of [0.05, 0.1, 0.2]) out.push({ type: 'renegotiateContract', contractId: c.id, paymentCut });
      out.push({ type: 'cancelContract', contractId: c.id });
      if (servicesToGiveUp(s.sim, c) > 0) out.push({ type: 'cancelContract', contractId: c.id, abandon: true });
    }
    // The prior evaluation a partnership contract needs (CCP L2212-1), one project over every district.
    for (const project of Object.keys(sc.projects.catalogue)) out.push({ type: 'studyPartnership', projects: [project], districts: all });
  }
  if (side === 'partner') {
    for (const c of pendingAmendments(s.sim)) out.push({ type: 'answerAmendment', by: 'partner', contractId: c.id, accept: true }, { type: 'answerAmendment', by: 'partner', contractId: c.id, accept: false });
  }
  if (s.sim.negotiation) out.push({ type: 'walkAway', by: side });
  out.push(...negotiationMoves(s, side));
  return legal(s, out);
}

/** The legal actions now (what `window.horizons.actions()` returns): on a game's screens, the way back to the menu last. */
export function listActions(st: GameState): AnyAction[] {
  if (st.screen === 'menu') return menuActions(st);
  return [...gameActions(st), { type: 'toMenu' }];
}

function gameActions(st: GameState): AnyAction[] {
  const s = st.session;
  switch (st.screen) {
    case 'menu':
      return [];
    case 'briefing':
    case 'handover':
    case 'yearSummary':
      return [{ type: 'continue' }];
    case 'decisions':
      return [...decisionActions(s!, s!.actingSide!), { type: 'openNegotiation' }, { type: 'endDecisions' }];
    case 'negotiation': {
      const side = s!.actingSide!;
      const moves = legal(s!, [...negotiationMoves(s!, side), ...(s!.sim.negotiation ? [{ type: 'walkAway', by: side } as AnyAction] : [])]);
      return [...moves, { type: 'advance' }, { type: 'leaveNegotiation' }];
    }
    case 'months':
      return [{ type: 'advance', months: 12 }, { type: 'advance' }, ...(s!.humanSides.length > 0 && s!.tickOpen ? [{ type: 'openNegotiation' } as AnyAction] : [])];
    case 'epilogue':
      return [{ type: 'advance', months: 12 }];
    case 'end':
      return [{ type: 'newGame' }];
  }
}
