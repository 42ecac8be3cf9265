/**
 * The negotiation table (issue 4, "Screens that teach"), for the side whose group holds the
 * controls (`session.actingSide`): the clock along the top; on the left, the offer builder over
 * every contract term with its lawful ranges; on the right, the other side's last answer in plain
 * words, the two lenses on the offer being built (redrawn as a term moves) and the history of
 * offers; along the bottom, whether the offer is lawful and the moves (send, accept, walk away,
 * wait a month, leave). Sending an offer also advances a month: each round costs a month.
 *
 * Everything it shows comes from the store or its queries (`termBounds`, `termsProblem`, `lenses`,
 * `suggestedOffer`); it computes nothing of the model. The city's screen asks for the city's lens,
 * in which the partner's side is the city's estimate: the partner's true costs never show there.
 * The table fills its container; give the container a definite height so that the columns scroll.
 * What the player set at the table (the offer being built, until the next move; the terms a
 * procurement set aside; the last refusal; the negotiation last seen) lives in the screen's `local`
 * map, so that it survives the screen being built anew, as the app does when the language changes
 * (app.ts).
 */
import './negotiation.css';
import { explain, onLangChange, t } from '../../i18n';
import { refusalCause, refusalText } from '../words/names';
import type { ActionResult, Actor, ContractTerms, Negotiation, NegotiationMove, Problem, Scenario, SimState } from '../../sim';
import { advice, answerDeadlineTick, answerDue, competitiveCapEur, offerAwaitsAnswer, openGrantCalls, openingTick, PROCEDURE_PHASES, termsProblem, type LogEntryOf } from '../../sim';
import type { Contract } from '../../sim';
import type { Game, Session } from '../../state/game-types';
import { h, restoreScrolls, scrollsOf } from '../dom';
import { callName, capital, formName, projectName } from '../words/names';
import { monthYear } from '../words/dates';
import { eur, months, pct, signedEur, years } from '../words/numbers';
import { lensesChart } from './lenses-chart';
import { offerBuilder, type BuilderMemory, type OfferBuilder } from './offer-builder';

/** The chart's height: what the column leaves it, within these limits (px). */
const CHART_MIN = 230;
const CHART_MAX = 320;
const CHART_MAX_LARGE = 380;

/** A button with its tooltip and test id. */
function button(text: string, tip: string, testid: string, cls: string, onClick: () => void): HTMLButtonElement {
  const b = h('button', { class: `neg-btn ${cls}`, title: tip, testid }, text);
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

/** A side's tag: its colour and its shape (a disc for the city, a hatched diamond for the partner). */
function sideTag(side: Actor, text = t(`negotiation.side.${side}`)): HTMLSpanElement {
  const tag = h('span', { class: `neg-side neg-side-${side}` }, text);
  tag.prepend(h('span', { class: 'neg-side-mark' }));
  return tag;
}

/** The award procedure as a one-line stepper: each phase, the current one marked (shape and weight, not colour alone) with its months left. */
function procedureSteps(neg: Negotiation): HTMLOListElement {
  const steps = h('ol', { class: 'neg-steps', testid: 'neg-procedure' });
  steps.setAttribute('aria-label', t('negotiation.procedure.label'));
  const phases = [...PROCEDURE_PHASES, 'signature'] as const;
  const current = phases.indexOf(neg.procedure.phase);
  steps.dataset.phase = neg.procedure.phase;
  phases.forEach((phase, i) => {
    const li = h('li', { class: `neg-step ${i < current ? 'neg-step-done' : i === current ? 'neg-step-now' : 'neg-step-next'}`, title: t(`negotiation.phase.${phase}Tip`) });
    li.append(h('span', { class: 'neg-step-name' }, t(`negotiation.phase.${phase}`)));
    // Months left in the current phase (the clock's "signature in" chip counts to signature).
    const left = neg.procedure.monthsLeft;
    if (i === current && phase !== 'negotiation' && left > 0) li.append(h('span', { class: 'neg-step-left' }, t('negotiation.phase.monthsLeft', { months: months(left) })));
    if (i === current) li.setAttribute('aria-current', 'step');
    steps.append(li);
  });
  return steps;
}

/** A figure of the clock: its label and its value on one line, with its tooltip. */
function clockChip(label: string, value: string, tip: string, cls = ''): HTMLDivElement {
  const chip = h('div', { class: `neg-chip ${cls}`, title: tip });
  chip.append(h('span', { class: 'neg-chip-label' }, label), h('strong', { class: 'neg-chip-value' }, value));
  return chip;
}

const other = (side: Actor): Actor => (side === 'city' ? 'partner' : 'city');

/** A move's explanation with project ids replaced by their names, or a plain sentence from its terms. */
function moveText(move: NegotiationMove, scenario: Scenario, viewer: Actor): string {
  if (move.explanation) {
    const params = { ...move.explanation.params };
    if (typeof params.project === 'string') params.project = params.project.split('+').map((p) => projectName(scenario, p)).join(' + ');
    // The partner's reasons quote its private figures: the city's eyes get the version without them.
    return explain({ key: move.explanation.key, params }, move.by === 'partner' && viewer === 'city');
  }
  if (move.kind === 'offer' && move.terms) {
    return t('negotiation.answer.plainOffer', { years: years(move.terms.durationYears), payment: eur(move.terms.annualPaymentEur), share: pct(move.terms.cityCapitalShare) });
  }
  if (move.kind === 'accept') return t('negotiation.answer.plainAccept');
  return move.reason ? (ruleReason(move.reason) ?? move.reason) : t('negotiation.answer.plainWalkAway');
}

/** The model's own reasons for ending a negotiation (rules/negotiation.ts, step.ts), in the player's language. */
function ruleReason(reason: string): string | null {
  if (reason.startsWith('the deal can no longer be signed')) return t('negotiation.ended.unsignable');
  if (reason.startsWith('a commune or department vetoed')) return t('negotiation.ended.veto');
  if (reason.startsWith('no answer to the last offer')) return t('negotiation.ended.noAnswer');
  if (reason.startsWith('no answer within the offer')) return t('negotiation.ended.lapsed');
  if (reason.startsWith('the playable years are over')) return t('negotiation.ended.over');
  return null;
}

/** The last award procedure closed in the past year, from the log: how, its contract, and who broke it off. */
function lastClosed(sim: SimState): { negotiation: number; outcome: string; contract: number; by: Actor | null } | null {
  const closed = [...sim.log].reverse().find((e) => e.kind === 'procedureClosed');
  if (!closed || sim.tick - closed.tick > 12) return null;
  const d = closed.data as { negotiation: number; outcome: string; contract: number };
  const failed = sim.log.find((e) => e.kind === 'negotiationFailed' && e.tick === closed.tick);
  return { ...d, by: failed ? (failed.data as { by: Actor }).by : null };
}

/** How the last negotiation seen ended, from the log: signed, broken off by a side, or no firm bid. */
function outcome(sim: SimState, seen: Negotiation): { signed: true } | { signed: false; by: Actor } | { signed: false; unsuccessful: true } {
  for (let i = sim.log.length - 1; i >= 0; i--) {
    const e = sim.log[i]!;
    if (e.tick < seen.openedTick) break;
    if (e.kind === 'contractSigned' && e.data.builder === 'partner') return { signed: true };
    if (e.kind === 'negotiationFailed') return { signed: false, by: e.data.by };
    if (e.kind === 'procedureUnsuccessful') return { signed: false, unsuccessful: true };
  }
  return { signed: false, by: seen.turn };
}

/** What the table keeps in the screen's `local` map between two builds of the screen. */
interface Kept {
  draft: ContractTerms | null;
  /** The move the draft follows: a new move on the table replaces the draft by the offer on it. */
  draftKey: string;
  origin: 'table' | 'adviser';
  /** The last refusal, said in the language of the moment. */
  refused: Pick<Problem, 'code' | 'params'> | null;
  seen: Negotiation | null;
  seenLive: Negotiation | null;
  seenSession: Session['setup'] | null;
  builderMemory: BuilderMemory;
}

/**
 * Mounts the table in `el`; it follows the store until the returned function unmounts it. `local`
 * is the screen's (screens/context.ts): what the player set survives a new mount in the same map.
 */
export function mountNegotiationTable(host: HTMLElement, game: Game, local = new Map<string, unknown>()): () => void {
  const root = h('div', { class: 'neg' });
  host.append(root);

  const kept = local.get('table') as Kept | undefined;
  let draft = kept?.draft ?? null;
  let draftKey = kept?.draftKey ?? '';
  let origin = kept?.origin ?? 'adviser';
  let refused = kept?.refused ?? null;
  let seen = kept?.seen ?? null;
  /** The negotiation object itself (the model moves it in place): its last move, a walk-away, reaches it after it closes; matched by id. */
  let seenLive = kept?.seenLive ?? null;
  let seenSession = kept?.seenSession ?? null;
  const builderMemory: BuilderMemory = kept?.builderMemory ?? { beforeProcurement: null };
  const keep = () => local.set('table', { draft, draftKey, origin, refused, seen, seenLive, seenSession, builderMemory } satisfies Kept);
  /** The last refusal in the player's language (null when none). */
  const error = () => (refused ? refusalText(refused, session()?.scenario) : null);

  // Parts that `refresh` updates as the draft changes (rebuilt by `render`).
  let builder: OfferBuilder | null = null;
  let chartTitle: HTMLElement | null = null;
  let chartLegend: HTMLElement | null = null;
  let chartBox: HTMLElement | null = null;
  let legalLine: HTMLElement | null = null;
  let errorLine: HTMLElement | null = null;
  let capChip: HTMLElement | null = null;
  const resize = new ResizeObserver(() => drawChart());

  const session = () => game.store.getState().session;
  const viewer = (s: Session): Actor => s.actingSide ?? 'city';

  function act(action: unknown, then?: () => ActionResult): void {
    let r = game.api.dispatch(action);
    if (r.ok && then) r = then();
    refused = r.ok ? null : r;
    keep();
    showError();
  }

  function showError(): void {
    if (!errorLine) return;
    const text = error();
    errorLine.textContent = text ?? '';
    errorLine.title = text ?? '';
    if (legalLine && draft) {
      const problem = game.api.termsProblem(draft);
      legalLine.hidden = problem !== null && text === refusalText(problem, session()?.scenario);
    }
  }

  /**
   * Closes the month of the offer: a computer answers a person's offer in the month it was made
   * (one offer and its answer a month, src/sim/queries.ts `answerDue`), so the answer is on the
   * table when the next month opens. With two groups on one screen the other group answers in
   * the same month: the offer took the game to the hand-over (game-store.ts), and the month waits.
   */
  function untilAnswer(): ActionResult {
    if (game.store.getState().screen === 'handover') return { ok: true };
    return game.api.dispatch({ type: 'advance' });
  }

  function setDraft(terms: ContractTerms): void {
    draft = terms;
    refused = null;
    keep();
    showError();
    refresh();
  }

  /** The lens chart for the draft, at the pixel width of its box. */
  function drawChart(): void {
    const s = session();
    if (!s || !draft || !chartBox || !chartTitle || !chartLegend) return;
    const side = viewer(s);
    const lenses = game.api.lenses(draft, side);
    // Each side sees the other's value only as its own estimate (issue 11): the city the partner's,
    // the partner the mayor's (lenses.ts, the 'public' and 'partner' views).
    const estimate = side === 'city';
    const city = signedEur(lenses.cityValueEur);
    const partner = signedEur(lenses.partnerValueEur);
    const title = t(estimate ? 'negotiation.lenses.titleEstimate' : 'negotiation.lenses.titleCityEstimate', { partner, city });
    chartTitle.textContent = title;

    chartLegend.replaceChildren();
    const item = (cls: string, label: string, value: string | null, tip: string) => {
      const li = h('li', { class: cls, title: tip });
      li.append(h('span', { class: 'neg-swatch' }), h('span', {}, label));
      if (value !== null) li.append(h('strong', { class: 'neg-legend-value' }, value));
      chartLegend!.append(li);
    };
    item('neg-legend-city', t(estimate ? 'negotiation.lenses.legendCity' : 'negotiation.lenses.legendCityEstimate'), city, t(estimate ? 'negotiation.lenses.cityValueTip' : 'negotiation.lenses.cityEstimateTip'));
    item('neg-legend-partner', t(estimate ? 'negotiation.lenses.legendPartnerEstimate' : 'negotiation.lenses.legendPartner'), partner, t(estimate ? 'negotiation.lenses.partnerEstimateTip' : 'negotiation.lenses.partnerValueTip'));
    item('neg-legend-key', `${t('negotiation.lenses.legendNominal')} · ${t('negotiation.lenses.legendToday')}`, null, t('negotiation.lenses.subtitle', { partnerRate: pct(s.scenario.partner.discountRate, 1), cityRate: pct(s.scenario.city.discountRate, 1) }));

    const toElection = s.sim.nextElectionTick - s.sim.tick;
    const large = game.store.getState().ui.largeType;
    // Fill the column down to its bottom edge (less what follows the chart in its card), so that
    // the whole picture shows without scrolling whatever the height the screen leaves the table.
    const column = chartBox.closest('.neg-col');
    const card = chartBox.parentElement;
    let height = large ? CHART_MAX_LARGE : CHART_MAX;
    if (column && card && column.clientHeight > 0) {
      const tail = card.getBoundingClientRect().bottom - chartBox.getBoundingClientRect().bottom;
      const room = column.getBoundingClientRect().bottom - chartBox.getBoundingClientRect().top + column.scrollTop - tail - 4;
      height = Math.max(CHART_MIN, Math.min(height, Math.floor(room)));
    }
    const first = lenses.years[0]?.year ?? s.scenario.start.year;
    const last = lenses.years[lenses.years.length - 1]?.year ?? first;
    const chart = lensesChart({
      lenses,
      electionInYears: toElection > 0 ? toElection / 12 : null,
      width: Math.max(320, Math.floor(chartBox.clientWidth || 640)),
      height,
      // The SVG's text is 0.9 em of the table's (negotiation.css).
      fontPx: 0.9 * (Number.parseFloat(getComputedStyle(chartBox).fontSize) || 18),
      description: t('negotiation.lenses.description', { from: first, to: last, title }),
    });
    chartBox.replaceChildren(chart);
  }

  /** Shows the draft: its bounds and lawfulness in the builder and the bar, and its two lenses. */
  function refresh(): void {
    const s = session();
    if (!s || !draft || !builder) return;
    const problem = game.api.termsProblem(draft);
    builder.show(draft, game.api.termBounds(draft), problem, s.actingSide === null);
    if (legalLine) {
      legalLine.textContent = problem ? t('negotiation.legal.problem', { reason: refusalCause(problem, s.scenario) }) : t('negotiation.legal.ok');
      legalLine.title = legalLine.textContent;
      legalLine.dataset.state = problem ? 'problem' : 'ok';
      // A refusal that repeats the offer's problem is said once, by the refusal.
      legalLine.hidden = problem !== null && error() === refusalText(problem, s.scenario);
    }
    showCap(s);
    drawChart();
  }

  /** The competitive bound on the payment for the draft's scope (rules/procedure.ts), once the bids are in. */
  function showCap(s: Session): void {
    if (!capChip || !draft) return;
    const value = capChip.querySelector('.neg-chip-value');
    if (!value) return;
    const neg = s.sim.negotiation;
    const bidsIn = !!neg && neg.procedure.phase !== 'publication' && neg.procedure.phase !== 'bids';
    const cap = bidsIn ? competitiveCapEur(s.sim, s.scenario, draft) : null;
    value.textContent = cap !== null ? t('negotiation.clock.capValue', { cap: eur(cap) }) : bidsIn ? t('negotiation.clock.capNone') : t('negotiation.clock.capUnknown');
    capChip.title = cap !== null ? t('negotiation.clock.capTip') : t('negotiation.clock.capNoneTip');
  }

  /** Title, side, state of play and the way out; under them, the clock. */
  function header(s: Session, neg: Negotiation | null): HTMLElement {
    const side = viewer(s);
    const head = h('header', { class: 'neg-head' });
    const top = h('div', { class: 'neg-head-top' });
    const status = h('p', { class: 'neg-status' }, statusText(s, neg));
    status.setAttribute('role', 'status');
    const leave = button(t('negotiation.leave'), t('negotiation.leaveTip'), 'neg-leave', 'neg-btn-quiet', () => act({ type: 'leaveNegotiation' }));
    top.append(h('h2', {}, t('negotiation.title')), sideTag(side, t(`negotiation.youPlay.${side}`)), status, leave);

    const clock = h('div', { class: 'neg-clock' });
    clock.setAttribute('role', 'group');
    clock.setAttribute('aria-label', t('negotiation.clock.label'));
    const max = neg?.maxRounds ?? s.scenario.negotiation.maxRoundsPerYear;
    if (neg) {
      clock.append(clockChip(t('negotiation.clock.round'), t('negotiation.clock.roundValue', { round: neg.round, max }), t('negotiation.clock.roundTip', { max })));
      clock.append(clockChip(t('negotiation.clock.roundsLeft'), String(Math.max(0, max - neg.round)), t('negotiation.clock.roundsLeftTip', { max })));
      clock.append(clockChip(t('negotiation.clock.veto'), String(neg.roundsNeeded), t('negotiation.clock.vetoTip', { needed: neg.roundsNeeded })));
      if (neg.ratificationMonthsLeft > 0) clock.append(clockChip(t('negotiation.clock.signature'), months(neg.ratificationMonthsLeft), t('negotiation.clock.signatureTip')));
      clock.append(clockChip(t('negotiation.clock.bidders'), String(neg.procedure.bidders), t('negotiation.clock.biddersTip'), 'neg-chip-bidders'));
      capChip = clockChip(t('negotiation.clock.cap'), '', t('negotiation.clock.capTip'), 'neg-chip-cap');
      capChip.dataset.testid = 'neg-cap';
      clock.append(capChip);
    } else {
      clock.append(clockChip(t('negotiation.clock.roundsLeft'), String(max), t('negotiation.clock.roundsLeftTip', { max })));
      clock.append(clockChip(t('negotiation.clock.bidders'), String(s.scenario.procurement.bidders), t('negotiation.clock.biddersTip'), 'neg-chip-bidders'));
    }
    const toElection = s.sim.nextElectionTick - s.sim.tick;
    if (toElection > 0) clock.append(clockChip(t('negotiation.clock.election'), months(toElection), t('negotiation.clock.electionTip'), 'neg-chip-election'));
    for (const c of openGrantCalls(s.sim)) {
      const name = callName(c.id);
      const left = c.deadlineTick - s.sim.tick;
      clock.append(clockChip(callName(c.id, 'short'), left > 0 ? months(left) : t('negotiation.clock.grantThisMonth'), t('negotiation.clock.grantTip', { name })));
    }
    if (neg) head.append(top, procedureSteps(neg), clock);
    else head.append(top, clock);
    return head;
  }

  /** The state of play in one sentence: opening, your move, waiting, ratification, signed or broken off. */
  function statusText(s: Session, neg: Negotiation | null): string {
    const side = viewer(s);
    // A negotiation closed in the past year, even one the table did not see open (it was mounted after).
    const closed = !neg && !seen ? lastClosed(s.sim) : null;
    if (closed?.outcome === 'signed') return t('negotiation.status.signed');
    if (closed?.outcome === 'failed' && closed.by) return t('negotiation.status.failedBy', { side: t(`negotiation.sideInText.${closed.by}`) });
    if (!neg && !seen) return t('negotiation.status.opening');
    if (!neg && seen) {
      const o = outcome(s.sim, seen);
      if (o.signed) return t('negotiation.status.signed');
      return 'by' in o ? t('negotiation.status.failedBy', { side: t(`negotiation.sideInText.${o.by}`) }) : t('negotiation.status.unsuccessful');
    }
    const phase = neg!.procedure.phase;
    // While the bids are prepared, no move: the first is possible the month after the bids are due.
    if (phase === 'publication' || phase === 'bids') return t('negotiation.status.preparing', { month: monthYear(s.scenario, neg!.lastMoveTick + 1, 'short') });
    if (phase === 'award' || phase === 'standstill') return t(`negotiation.status.${phase}`, { months: months(Math.max(1, neg!.ratificationMonthsLeft)) });
    if (neg!.ratificationMonthsLeft > 0) return t('negotiation.status.ratification', { months: months(neg!.ratificationMonthsLeft) });
    if (neg!.turn === side) return t('negotiation.status.yourTurn');
    return t('negotiation.status.waiting', { side: t(`negotiation.sideInText.${other(side)}`) });
  }

  /** The other side's last move, in its own words. */
  function answerCard(s: Session, neg: Negotiation | null): HTMLElement {
    const side = viewer(s);
    const card = h('section', { class: 'neg-card neg-answer-card' });
    const shown = neg ?? seen;
    const last = shown ? [...shown.history].reverse().find((m) => m.by !== side) : undefined;
    const head = h('div', { class: 'neg-answer-head' });
    head.append(h('h3', {}, t('negotiation.answer.heading')));
    card.append(head);
    if (!last) {
      head.append(sideTag(other(side)));
      card.append(h('p', { class: 'neg-muted', testid: 'neg-answer' }, t('negotiation.answer.none')));
      const capped = cappedNote(s, neg);
      if (capped) card.append(capped);
      return card;
    }
    const kind = h('span', { class: `neg-kind neg-kind-${last.kind}` }, t(`negotiation.answer.${last.kind}`));
    const when = h('span', { class: 'neg-when', title: t('negotiation.history.whenTip') }, monthYear(s.scenario, last.tick, 'short'));
    head.append(sideTag(last.by), kind, when);
    card.append(h('p', { class: 'neg-answer-text', testid: 'neg-answer' }, moveText(last, s.scenario, side)));
    const capped = cappedNote(s, neg);
    if (capped) card.append(capped);
    return card;
  }

  /**
   * The bids lowered the offer on the table to what the next bidder would accept, after its last
   * move (rules/negotiation.ts `bidsIn`): a line that says so, with the payment an acceptance
   * would sign; null otherwise.
   */
  function cappedNote(s: Session, neg: Negotiation | null): HTMLElement | null {
    if (!neg) return null;
    const bids = [...s.sim.log].reverse().find((e): e is LogEntryOf<'bidsOpened'> => e.kind === 'bidsOpened' && e.data.negotiation === neg.id);
    const lastMove = neg.history[neg.history.length - 1];
    if (!bids?.data.undercut || (lastMove && lastMove.tick > bids.tick)) return null;
    return h('p', { class: 'neg-stale', testid: 'neg-capped' }, t('negotiation.answer.capped', { cap: eur(neg.offer.annualPaymentEur) }));
  }

  /**
   * After the table closes (the last procedure closed this past year, from the log): the contract
   * signed, with what was signed; or who left and why (the walk-away's own words when the table
   * saw the negotiation).
   */
  function endedCard(s: Session): HTMLElement | null {
    const closed = lastClosed(s.sim);
    if (!closed) return null;
    if (closed.outcome === 'signed') {
      const c = s.sim.contracts.find((k) => k.id === closed.contract);
      return c ? signedCard(s, c) : null;
    }
    if (closed.outcome !== 'failed' || !closed.by) return null;
    const by = closed.by;
    const card = h('section', { class: 'neg-card neg-ended', testid: 'neg-ended' });
    card.append(h('h3', {}, t('negotiation.ended.heading', { side: capital(t(`negotiation.sideInText.${by}`)) })));
    const history = seenLive?.id === closed.negotiation ? seenLive.history : [];
    const move = [...history].reverse().find((m) => m.kind === 'walkAway' && m.by === by);
    card.append(h('p', { class: 'neg-answer-text' }, move ? moveText(move, s.scenario, viewer(s)) : t('negotiation.answer.plainWalkAway')));
    return card;
  }

  /** The contract as signed: its form and scope, its length, its payment, who pays the works, its grants. */
  function signedCard(s: Session, c: Contract): HTMLElement {
    const card = h('section', { class: 'neg-card neg-signed', testid: 'neg-signed' });
    const k = c.terms;
    card.append(h('h3', {}, t('negotiation.signed.heading', { id: c.id, date: monthYear(s.scenario, c.signedTick, 'short') })));
    const list = h('dl', { class: 'neg-signed-list' });
    const row = (label: string, value: string) => list.append(h('dt', {}, label), h('dd', {}, value));
    row(t('negotiation.history.scope'), t('negotiation.history.scopeValue', { form: capital(formName(k.form)), projects: k.projects.map((p) => projectName(s.scenario, p)).join(', '), districts: k.districts.length }));
    if (k.form !== 'procurement') {
      row(t('negotiation.term.durationYears'), years(k.durationYears));
      row(t('negotiation.term.annualPaymentEur'), eur(k.annualPaymentEur));
    }
    row(t('negotiation.term.cityCapitalShare'), pct(k.form === 'procurement' ? 1 : k.cityCapitalShare));
    if (k.grantCalls.length > 0) row(t('negotiation.term.grantCalls'), k.grantCalls.map((id) => callName(id)).join(', '));
    // The service runs once the last of its works is built, counting works that wait for their start
    // (a bundle's quicker pieces phased to open with its slowest, a replacement's scheduled start).
    const worksLeft = Math.max(0, ...c.deployments.map((uid) => {
      const d = s.sim.deployments[uid - 1];
      return d ? openingTick(d, s.sim.tick) - s.sim.tick : 0;
    }));
    card.append(list, h('p', { class: 'neg-muted' }, t('negotiation.signed.next', { start: monthYear(s.scenario, Math.max(s.sim.tick, c.operationStartTick, s.sim.tick + worksLeft), 'short') })));
    return card;
  }

  function historyCard(s: Session, neg: Negotiation | null): HTMLElement {
    const card = h('section', { class: 'neg-card neg-history' });
    card.append(h('h3', {}, t('negotiation.history.heading')));
    const shown = neg ?? seen;
    if (!shown || shown.history.length === 0) {
      card.append(h('p', { class: 'neg-muted' }, t('negotiation.history.empty')));
      return card;
    }
    const table = h('table');
    const head = h('tr');
    const cols: [string, string?][] = [
      [t('negotiation.history.round'), t('negotiation.history.roundTip')],
      [t('negotiation.history.when')],
      [t('negotiation.history.who')],
      [t('negotiation.history.move')],
      [t('negotiation.history.duration'), t('negotiation.term.durationYearsTip')],
      [t('negotiation.history.payment'), t('negotiation.term.annualPaymentEurTip')],
      [t('negotiation.history.share'), t('negotiation.term.cityCapitalShareTip')],
      [t('negotiation.history.scope'), t('negotiation.term.projectsTip')],
    ];
    for (const [label, tip] of cols) {
      const th = h('th', { ...(tip ? { title: tip } : {}) }, label);
      th.scope = 'col';
      head.append(th);
    }
    const thead = h('thead');
    thead.append(head);
    const body = h('tbody');
    let round = 0;
    for (const m of shown.history) {
      if (m.kind === 'offer') round += 1;
      const tr = h('tr');
      tr.dataset.by = m.by;
      const cell = (text: string, tip?: string) => {
        const td = h('td', { ...(tip ? { title: tip } : {}) }, text);
        tr.append(td);
        return td;
      };
      cell(String(round), t('negotiation.history.roundTip'));
      cell(monthYear(s.scenario, m.tick, 'short'), t('negotiation.history.whenTip'));
      const who = h('td');
      who.append(sideTag(m.by));
      tr.append(who);
      cell(m.kind === 'offer' ? t('negotiation.history.offer') : t(`negotiation.answer.${m.kind}`));
      const terms = m.terms;
      if (terms) {
        cell(years(terms.durationYears), t('negotiation.term.durationYearsTip'));
        cell(eur(terms.annualPaymentEur), t('negotiation.term.annualPaymentEurTip'));
        cell(pct(terms.cityCapitalShare), t('negotiation.term.cityCapitalShareTip'));
        cell(t('negotiation.history.scopeValue', { form: capital(formName(terms.form)), projects: terms.projects.map((p) => projectName(s.scenario, p)).join(', '), districts: terms.districts.length }), t('negotiation.term.projectsTip'));
      } else for (let i = 0; i < 4; i++) cell('—');
      body.append(tr);
    }
    table.append(thead, body);
    const scroll = h('div', { class: 'neg-table-scroll' });
    scroll.append(table);
    card.append(scroll);
    return card;
  }

  function render(): void {
    const st = game.store.getState();
    const s = st.session;
    const focused = (document.activeElement as HTMLElement | null)?.dataset?.testid ?? null;
    // Where the columns were scrolled, put back after the rebuild (the app does the same by their `data-scroll` when it builds the screen anew).
    const scrolls = scrollsOf(root);
    resize.disconnect();
    if (!s) {
      root.replaceChildren();
      return;
    }
    capChip = null;
    if (seenSession !== s.setup) {
      seen = null;
      seenSession = s.setup;
    }
    const side = viewer(s);
    const neg = s.sim.negotiation;
    if (neg) {
      seen = structuredClone(neg);
      seenLive = neg;
    }
    const key = `${neg?.id ?? 'none'}:${neg?.history.length ?? 0}:${side}`;
    if (key !== draftKey) {
      draftKey = key;
      refused = null;
      const fromTable = neg ? structuredClone(neg.offer) : null;
      draft = fromTable ?? game.api.suggestedOffer(side);
      origin = fromTable ? 'table' : 'adviser';
    }
    keep();
    root.classList.toggle('neg-large', st.ui.largeType);
    root.dataset.side = side;

    // ---- left: the offer builder
    const left = h('section', { class: 'neg-col neg-builder', attrs: { 'data-scroll': 'neg-builder' } });
    const bhead = h('div', { class: 'neg-builder-head' });
    bhead.append(h('h2', {}, t('negotiation.builder.heading')));
    const tools = h('div', { class: 'neg-tools' });
    if (neg) tools.append(button(t('negotiation.builder.reset'), t('negotiation.builder.resetTip'), 'neg-reset', 'neg-btn-small', () => {
      origin = 'table';
      setDraft(structuredClone(neg.offer));
    }));
    tools.append(button(t('negotiation.builder.suggest'), t('negotiation.builder.suggestTip'), 'neg-suggest', 'neg-btn-small', () => {
      const offer = game.api.suggestedOffer(side);
      if (!offer) return;
      origin = 'adviser';
      setDraft(offer);
    }));
    bhead.append(tools);
    left.append(bhead, h('p', { class: 'neg-muted neg-origin' }, t(origin === 'table' ? 'negotiation.builder.fromTable' : 'negotiation.builder.fromAdviser')));
    // The adviser says plainly when it has no lawful offer to make, and why (adviser.ts `advice`).
    if (origin === 'adviser' && s.actingSide !== null) {
      const why = advice({ state: s.sim, scenario: s.scenario, by: side }).why;
      if (why) left.append(h('p', { class: 'neg-advice', testid: 'neg-advice', attrs: { 'data-code': why.code } }, t(`negotiation.advice.${why.code}`, { reason: refusalCause(why.cause, s.scenario) })));
    }
    if (side === 'partner') left.append(h('p', { class: 'neg-private', title: t('negotiation.private.costsTip') }, t('negotiation.private.costs', { pct: pct(s.sim.partner.trueCostFactor) })));
    builder = draft ? offerBuilder({ scenario: s.scenario, sim: s.sim, named: draft.grantCalls, boundsOf: (terms) => game.api.termBounds(terms), onChange: setDraft, memory: builderMemory }) : null;
    if (builder) left.append(builder.el);

    // ---- right: the answer, the two lenses, the history
    const right = h('section', { class: 'neg-col neg-view', attrs: { 'data-scroll': 'neg-view' } });
    const lensCard = h('section', { class: 'neg-card neg-lenses', testid: 'neg-lenses' });
    chartTitle = h('h3', { class: 'neg-lens-title' });
    chartLegend = h('ul', { class: 'neg-legend' });
    chartBox = h('div', { class: 'neg-chart' });
    lensCard.setAttribute('aria-label', t('negotiation.lenses.heading'));
    lensCard.append(chartTitle, chartLegend, chartBox);
    const ended = !neg ? endedCard(s) : null;
    const canAct = s.actingSide !== null && s.tickOpen;
    // Its turn: an answer due since last month, or this month to the other group's offer (two groups, game-store.ts).
    const myTurn = answerDue(s.sim, side);
    // The offer on the table may no longer be acceptable (the budget moved since it was made): the
    // button is disabled and the reason shown, rather than a refusal after the click.
    const stale = neg && neg.offeredBy !== side && neg.ratificationMonthsLeft === 0 ? termsProblem(s.sim, s.scenario, neg.offer, { atAcceptance: true }) : null;
    const acceptable = canAct && myTurn && neg?.offeredBy !== side && stale === null;
    // A table opened after the close has no last answer to show: the closing card says how it ended.
    const answer = ended && !seen ? null : answerCard(s, neg);
    // What an answer to the offer on the table must know, in that offer's card (not in the bar below,
    // which a projector's short screen in large type cannot spare, issue 9): under the offer's date,
    // the last month an answer is taken — the offer's validity, or the round limit's month
    // (rules/negotiation.ts); after its words, where the veto rounds count, what accepting now costs.
    if (answer && neg && myTurn && neg.offeredBy !== side && offerAwaitsAnswer(neg)) answer.firstElementChild!.after(h('p', { class: 'neg-validity', testid: 'neg-validity', title: t('negotiation.validityTip') }, t('negotiation.validity', { month: monthYear(s.scenario, answerDeadlineTick(neg)) })));
    if (answer && neg && acceptable && neg.round < neg.roundsNeeded) answer.append(h('p', { class: 'neg-veto', testid: 'neg-veto' }, t('negotiation.veto.early', { round: neg.round, needed: neg.roundsNeeded, months: months(neg.roundsNeeded - neg.round) })));
    right.append(...(ended ? [ended] : []), ...(answer ? [answer] : []), lensCard, historyCard(s, neg));

    // ---- bottom: lawfulness and the moves
    const bar = h('footer', { class: 'neg-bar' });
    const lines = h('div', { class: 'neg-bar-lines' });
    legalLine = h('p', { class: 'neg-legal' });
    legalLine.id = 'neg-legal';
    legalLine.setAttribute('aria-live', 'polite');
    errorLine = h('p', { class: 'neg-error', testid: 'neg-error' }, error() ?? '');
    errorLine.setAttribute('role', 'alert');
    lines.append(legalLine, errorLine);
    const buttons = h('div', { class: 'neg-buttons' });
    const walk = button(t('negotiation.walk'), t('negotiation.walkTip'), 'neg-walk', 'neg-btn-danger', () => act({ type: 'walkAway', by: side }));
    walk.disabled = !canAct || !neg;
    const wait = button(t('negotiation.nextMonth'), t('negotiation.nextMonthTip'), 'neg-next-month', 'neg-btn-quiet', () => act({ type: 'advance' }));
    const accept = button(t('negotiation.accept'), t('negotiation.acceptTip'), 'neg-accept', 'neg-btn-secondary', () => act({ type: 'accept', by: side }));
    accept.disabled = !acceptable;
    if (stale && myTurn) lines.append(h('p', { class: 'neg-stale', testid: 'neg-stale' }, t('negotiation.accept.stale', { reason: refusalCause(stale, s.scenario) })));
    const send = button(t('negotiation.send'), t('negotiation.sendTip'), 'neg-send', 'neg-btn-primary', () => {
      if (draft) act({ type: 'propose', by: side, terms: draft }, untilAnswer);
    });
    send.setAttribute('aria-describedby', 'neg-legal');
    send.disabled = !canAct || !draft || (!!neg && !myTurn);
    buttons.append(walk, wait, accept, send);
    bar.append(lines, buttons);

    const main = h('div', { class: 'neg-main' });
    main.append(left, right);
    root.replaceChildren(header(s, neg), main, bar);
    refresh();
    restoreScrolls(root, scrolls);
    resize.observe(right);
    if (focused) root.querySelector<HTMLElement>(`[data-testid="${focused}"]`)?.focus();
  }

  const unsubscribe = game.store.subscribe((st, prev) => {
    if (st.session !== prev.session || st.screen !== prev.screen || st.ui.largeType !== prev.ui.largeType) render();
  });
  const unsubscribeLang = onLangChange(() => render());
  render();
  return () => {
    unsubscribe();
    unsubscribeLang();
    resize.disconnect();
    root.remove();
  };
}
