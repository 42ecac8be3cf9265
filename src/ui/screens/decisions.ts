/**
 * The acting side's decisions for the year, in a panel beside the map.
 *
 * The city: the budget (the smart-city envelope and the tax change, within the scenario's bounds),
 * concertation, the three governance measures, projects bought alone (a project, its districts, a
 * pilot or not, the grant calls open now), and the running contracts with the partner (renegotiate
 * the payments down, or cancel and pay the termination compensation). The partner: its position,
 * the open negotiation (walk away from it) and its contracts. Both: the negotiation table and the
 * end of the decisions.
 *
 * Every control sends the simulation's own action and shows the answer beside itself: what was
 * done, or the model's reason for refusing, in the player's language.
 */
import { t } from '../../i18n';
import type { Action, Actor, Contract } from '../../sim';
import { amendableContracts, concertationCostEur, servicesToGiveUp, grantRepaymentNowEur, amendmentAnswerDeadline, GOVERNANCE_MEASURES, openGrantCalls, partnershipStudies, pendingAmendments, paymentsDueEur } from '../../sim';
import type { Session } from '../../state/game-types';
import { debtGauge } from '../hud';
import { icon } from '../icons';
import { localValue, screenRoot, screenTitle, sessionOf, type ScreenContext, type ScreenView } from './context';
import { button, figure, h, section, statusLine, type Status } from '../dom';
import { yearNews } from './events';
import { figureLabel, figureTip, formatFigure, liveFigures, yearStartTick } from './figures';
import { callName, capital, districtName, formName, funderName, projectList, projectName, sideInSentence } from '../words/names';
import { eur, months, num, pct, years } from '../words/numbers';
import { gameYear, monthYear } from '../words/dates';
import { counted, taxesWords } from '../words/plurals';
import { alonePriceWords, governanceWords } from '../words/decisions';

interface CityForm {
  envelopeText: string;
  taxChange: number;
  project: string;
  districts: number[];
  pilot: boolean;
  calls: string[];
  cuts: Record<number, number>;
  /** The projects of the partnership prior evaluation to commission. */
  study: string[];
}

const CONCERTATION_LEVELS = [
  [0.2, 'dec.concertation.low'],
  [0.4, 'dec.concertation.medium'],
  [0.6, 'dec.concertation.high'],
  [0.8, 'dec.concertation.veryHigh'],
] as const;
const CUTS = [0.05, 0.1, 0.2, 0.3] as const;

/** Sends an action and keeps its answer under `key`, to show beside the control (`okText` words a success). */
function act(ctx: ScreenContext, key: string, action: Action, okText: () => string): void {
  const status: Status = { result: ctx.dispatch(action), okText, scenario: ctx.state.session?.scenario };
  ctx.local.set(`status:${key}`, status);
  ctx.refresh();
}

/** A tax change as shown: signed, with one decimal ("+1,5 %", "0,0 %"). */
const taxText = (v: number) => (v === 0 ? pct(0, 1) : `${v > 0 ? '+' : '\u2212'}${pct(Math.abs(v), 1)}`);

const statusFor = (ctx: ScreenContext, key: string) => statusLine(ctx.local.get(`status:${key}`) as Status | undefined);

function fig(ctx: ScreenContext, session: Session, id: Parameters<typeof figureTip>[0]): HTMLElement {
  return figure(formatFigure(id, liveFigures(session)[id]), figureTip(id, session, ctx.starts, { scenario: session.scenario, partnerPrivate: ctx.partnerVisible }), { focus: `dec-${id}` });
}

// ---------------------------------------------------------------- the city

function budgetBlock(ctx: ScreenContext, session: Session, form: CityForm): HTMLElement {
  const sc = session.scenario;
  const city = session.sim.city;
  const from = yearStartTick(session);
  const voted = session.actions.filter((a) => a.tick >= from && a.action.type === 'setBudget').pop()?.action as Extract<Action, { type: 'setBudget' }> | undefined;
  const max = sc.city.maxTaxChange;
  const settledNow = city.settledUntilTick > session.sim.tick;
  // The payment credits falling due this year on works signed (none to carry under the prefect's settlement).
  const dueEur = settledNow ? 0 : paymentsDueEur(session.sim);
  const context = h(
    'div',
    { class: 'block-figures' },
    h(
      'div',
      { class: 'mini-fig' },
      h('span', { class: 'mini-label' }, t('hud.debt')),
      h('span', { class: 'gauge-row' }, debtGauge(city.debtCapacityYears, sc.city.debtCeilingYears, 110, sc.funding.lendersRefuseYears), fig(ctx, session, 'debt')),
      h('span', { class: 'help', testid: 'dec-debt-reference' }, t('dec.debt.reference', { ceiling: years(sc.city.debtCeilingYears, 0), refuse: years(sc.funding.lendersRefuseYears, 0) })),
    ),
    h('div', { class: 'mini-fig' }, h('span', { class: 'mini-label' }, figureLabel('savings')), fig(ctx, session, 'savings')),
    h('div', { class: 'mini-fig' }, h('span', { class: 'mini-label', testid: 'dec-envelope-label' }, t('words.envelope.label', { year: String(gameYear(sc, session.sim.tick)) })), fig(ctx, session, 'envelope')),
    voted || dueEur < 1 ? null : h('p', { class: 'help', testid: 'dec-payments-due' }, t('dec.budget.due', { due: eur(dueEur) })),
    voted ? null : h('p', { class: 'help', testid: 'dec-envelope-not-voted' }, t(session.sim.tick < 12 ? 'words.envelope.notVotedFirst' : 'words.envelope.notVoted', { year: String(gameYear(sc, session.sim.tick)) })),
  );
  // Under the prefect's settlement (L1612-5) nothing new may be committed: say so first.
  const settled = city.settledUntilTick > session.sim.tick ? h('p', { class: 'status status-refused', testid: 'dec-settled' }, icon('warning'), h('span', {}, t('dec.budget.settled', { until: monthYear(sc, city.settledUntilTick) }))) : null;
  const taxes = sc.city.taxes;
  const levers = h('p', { class: 'help', testid: 'dec-tax-levers' }, t('dec.budget.taxLevers', { tfpb: eur(taxes.tfpbEur), cfe: eur(taxes.cfeEur), teom: eur(taxes.teomEur), mobility: eur(taxes.mobilityLevyEur), vat: eur(taxes.vatShareEur) }));
  if (voted) {
    return section(
      t('dec.budget'),
      'euro',
      context,
      settled,
      h('p', { class: 'status status-ok' }, icon('check'), h('span', {}, t('dec.budget.voted', { envelope: eur(voted.envelopeEur), taxes: taxesWords(voted.taxChange) }))),
      h('p', { class: 'help' }, t('dec.budget.once')),
    );
  }
  // The field is raised to the payments due this year on works signed when it shows less (the vote
  // must include them, L1612-4): at each drawing of the block, a figure typed and not yet voted
  // included. Not under the prefect's settlement, where only 0 may be voted.
  const dueM = Math.ceil(dueEur / 1e5) / 10;
  const typed = Number(form.envelopeText.replace(',', '.'));
  if (dueM > 0 && form.envelopeText.trim() !== '' && Number.isFinite(typed) && typed < dueM) form.envelopeText = String(dueM);
  const envelope = h('input', { focus: 'dec-envelope', attrs: { id: 'dec-envelope', type: 'number', min: '0', step: '0.5', inputmode: 'decimal' } });
  envelope.value = form.envelopeText;
  envelope.addEventListener('input', () => (form.envelopeText = envelope.value));
  const taxOut = h('output', { class: 'pill', attrs: { for: 'dec-tax' } }, taxText(form.taxChange));
  const tax = h('input', { focus: 'dec-tax', attrs: { id: 'dec-tax', type: 'range', min: String(-max), max: String(max), step: String(max / 6) } });
  tax.value = String(form.taxChange);
  tax.addEventListener('input', () => {
    form.taxChange = Number(tax.value);
    taxOut.textContent = taxText(form.taxChange);
  });
  const vote = button(t('dec.budget.vote'), {
    icon: 'check',
    testid: 'set-budget',
    kind: 'primary',
    onClick: () => {
      const m = Number(form.envelopeText.replace(',', '.'));
      act(ctx, 'budget', { type: 'setBudget', envelopeEur: Number.isFinite(m) ? Math.round(m * 1e6) : NaN, taxChange: form.taxChange }, () => t('dec.budget.ok'));
    },
  });
  return section(
    t('dec.budget'),
    'euro',
    context,
    settled,
    h(
      'div',
      { class: 'form-row' },
      h('div', { class: 'field' }, h('label', { attrs: { for: 'dec-envelope' } }, t('dec.budget.envelope')), h('div', { class: 'input-unit' }, envelope, h('span', {}, t('dec.budget.millions'))), h('p', { class: 'help' }, t('dec.budget.envelopeHelp', { usual: eur(sc.city.smartCityEnvelopeEur) }))),
      h(
        'div',
        { class: 'field' },
        h('label', { attrs: { for: 'dec-tax' } }, t('dec.budget.tax'), ' ', taxOut),
        tax,
        h('p', { class: 'help' }, t('dec.budget.taxHelp', { max: pct(max, 1), level: num(city.taxLevel, 3) })),
      ),
    ),
    levers,
    h('div', { class: 'block-actions' }, vote),
    statusFor(ctx, 'budget'),
  );
}

function concertationBlock(ctx: ScreenContext, session: Session): HTMLElement {
  const sc = session.scenario;
  const current = session.sim.city.concertation;
  return section(
    t('dec.concertation'),
    'users',
    h('p', { class: 'help' }, t('dec.concertation.help')),
    h(
      'div',
      { class: 'segmented', attrs: { role: 'group', 'aria-label': t('dec.concertation') } },
      ...CONCERTATION_LEVELS.map(([level, key]) =>
        button(t(key, { pct: pct(level) }), {
          testid: `concertation-${Math.round(level * 100)}`,
          pressed: Math.abs(current - level) < 1e-6,
          onClick: () => act(ctx, 'concertation', { type: 'setConcertation', level }, () => t('dec.concertation.ok', { pct: pct(level) })),
        }),
      ),
    ),
    h('p', { class: 'help' }, t('dec.concertation.now', { pct: pct(current) })),
    h('p', { class: 'help', testid: 'concertation-cost' }, t('dec.concertation.cost', { usual: pct(sc.city.concertation), perTen: eur(sc.city.concertationCostEur / 10), now: eur(concertationCostEur(sc, current)) })),
    statusFor(ctx, 'concertation'),
  );
}

function governanceBlock(ctx: ScreenContext, session: Session): HTMLElement {
  const sc = session.scenario;
  const g = session.sim.city.governance;
  const rows = GOVERNANCE_MEASURES.map((measure) => {
    const on = g[measure];
    const effect = governanceWords(session.sim, sc, measure);
    return h(
      'div',
      { class: 'toggle-row' },
      h('div', { class: 'toggle-text' }, h('strong', {}, t(`screens.gov.${measure}`)), h('span', { class: 'help' }, t(`dec.gov.${measure}.help`)), h('span', { class: 'help', testid: `gov-effect-${measure}`, title: effect.tip }, effect.text)),
      button(on ? t('dec.gov.on') : t('dec.gov.off'), {
        icon: on ? 'check' : 'close',
        testid: `gov-${measure}`,
        pressed: on,
        onClick: () => act(ctx, `gov-${measure}`, { type: 'governance', measure, on: !on }, () => (on ? t('dec.gov.stopped') : t('dec.gov.started'))),
      }),
      statusFor(ctx, `gov-${measure}`),
    );
  });
  const alignment = figure(pct(session.sim.alignment), t('dec.gov.alignmentTip'), { testid: 'dec-alignment' });
  return section(t('dec.governance'), 'layers', h('p', { class: 'help' }, t('dec.governance.help'), ' ', h('span', { class: 'inline-fig' }, t('dec.gov.alignment'), ' ', alignment)), ...rows);
}

function aloneBlock(ctx: ScreenContext, session: Session, form: CityForm): HTMLElement {
  const sc = session.scenario;
  const sim = session.sim;
  const catalogue = sc.projects.catalogue;
  const project = h('select', { focus: 'alone-project', attrs: { id: 'alone-project' } });
  for (const id of Object.keys(catalogue)) {
    const o = h('option', { attrs: { value: id } }, projectName(sc, id));
    o.selected = id === form.project;
    project.append(o);
  }
  const type = catalogue[form.project];
  project.addEventListener('change', () => {
    form.project = project.value;
    if (!catalogue[form.project]?.pilot.allowed) form.pilot = false;
    ctx.refresh();
  });
  const chips = sc.territory.districts.map((d, i) => {
    const on = form.districts.includes(i);
    return button(d.name, {
      ...(on ? { icon: 'check' as const } : {}),
      focus: `alone-district-${i}`,
      kind: 'quiet',
      pressed: on,
      onClick: () => {
        form.districts = on ? form.districts.filter((x) => x !== i) : [...form.districts, i].sort((a, b) => a - b);
        ctx.refresh();
      },
    });
  });
  const all = button(t('dec.alone.all'), {
    focus: 'alone-all',
    kind: 'quiet',
    onClick: () => {
      form.districts = form.districts.length === sc.territory.districts.length ? [] : sc.territory.districts.map((_, i) => i);
      ctx.refresh();
    },
  });
  const pilot = h('input', { focus: 'alone-pilot', attrs: { id: 'alone-pilot', type: 'checkbox' } });
  pilot.checked = form.pilot;
  pilot.disabled = !type?.pilot.allowed;
  pilot.addEventListener('change', () => (form.pilot = pilot.checked));
  const open = openGrantCalls(sim);
  const calls = open.map((c) => {
    const on = form.calls.includes(c.id);
    return button(t('dec.alone.call', { call: callName(c.id), funder: funderName(c.funder), rate: t('words.call.rate', { pct: pct(c.rate) }), date: monthYear(sc, c.deadlineTick, 'short') }), {
      ...(on ? { icon: 'check' as const } : {}),
      focus: `alone-call-${c.id}`,
      kind: 'quiet',
      pressed: on,
      onClick: () => {
        form.calls = on ? form.calls.filter((x) => x !== c.id) : [...form.calls, c.id];
        ctx.refresh();
      },
    });
  });
  const launch = button(t('dec.alone.launch'), {
    icon: 'flag',
    testid: 'launch-alone',
    kind: 'primary',
    onClick: () => {
      const [project, count] = [form.project, form.districts.length];
      act(
        ctx,
        'alone',
        { type: 'launchAlone', project, districts: form.districts, pilot: form.pilot, ...(form.calls.length > 0 ? { grantCalls: form.calls } : {}) },
        () => t('dec.alone.ok', { project: projectName(sc, project), districts: counted(count, 'districts') }),
      );
    },
  });
  return section(
    t('dec.alone'),
    'flag',
    h('p', { class: 'help' }, t('dec.alone.help')),
    h('div', { class: 'field' }, h('label', { attrs: { for: 'alone-project' } }, t('dec.alone.project')), project),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, t('dec.alone.districts')), h('div', { class: 'chips', attrs: { role: 'group', 'aria-label': t('dec.alone.districts') } }, ...chips, all)),
    h('div', { class: 'check-field' }, pilot, h('label', { attrs: { for: 'alone-pilot' } }, type?.pilot.allowed ? t('dec.alone.pilot', { pct: pct(type.pilot.scale) }) : t('dec.alone.noPilot'))),
    open.length > 0 ? h('div', { class: 'field' }, h('span', { class: 'field-label' }, t('dec.alone.calls')), h('div', { class: 'chips' }, ...calls)) : h('p', { class: 'help' }, t('dec.alone.noCall')),
    h('p', { class: 'help alone-price', testid: 'alone-price', title: t('words.alone.priceTip') }, alonePriceWords(sim, sc, { project: form.project, districts: form.districts, pilot: form.pilot, grantCalls: form.calls })),
    h('div', { class: 'block-actions' }, launch),
    statusFor(ctx, 'alone'),
  );
}

function contractTitle(session: Session, c: Contract): string {
  return t('dec.contract.title', { id: num(c.id), projects: projectList(session.scenario, c.terms.projects.join('+')), form: formName(c.terms.form) });
}

function contractFacts(session: Session, c: Contract): string {
  const sc = session.scenario;
  const params = {
    signed: monthYear(sc, c.signedTick),
    payment: eur(c.terms.annualPaymentEur),
    districts: c.terms.districts.length === sc.territory.districts.length ? t('dec.contract.everywhere') : c.terms.districts.map((i) => districtName(sc, i)).join(', '),
    status: t(`dec.contract.status.${c.status}`),
  };
  // Under works the contract has no end yet: its term runs from the first month of service.
  return c.endTick < 0 ? t('dec.contract.factsBuilding', { ...params, years: years(c.terms.durationYears, 0) }) : t('dec.contract.facts', { ...params, end: monthYear(sc, c.endTick) });
}

function contractsBlock(ctx: ScreenContext, session: Session, form: CityForm): HTMLElement {
  const running = amendableContracts(session.sim);
  // A contract ended here leaves the list with its block: its status line stays, above the list,
  // so the player reads what the cancellation did.
  const ended = session.sim.contracts.filter((c) => !running.includes(c)).map((c) => statusFor(ctx, `contract-${c.id}`));
  if (running.length === 0) return section(t('dec.contracts'), 'exchange', ...ended, h('p', { class: 'help' }, t('dec.contracts.none')));
  return section(
    t('dec.contracts'),
    'exchange',
    ...ended,
    h('p', { class: 'help' }, t('dec.contracts.help')),
    ...running.map((c) => {
      const cut = form.cuts[c.id] ?? 0.05;
      const select = h('select', { focus: `cut-${c.id}`, attrs: { 'aria-label': t('dec.contract.cut') } });
      for (const v of CUTS) {
        const o = h('option', { attrs: { value: String(v) } }, t('dec.contract.cutBy', { pct: pct(v) }));
        o.selected = v === cut;
        select.append(o);
      }
      select.addEventListener('change', () => (form.cuts[c.id] = Number(select.value)));
      return h(
        'article',
        { class: 'contract' },
        h('h4', {}, contractTitle(session, c)),
        h('p', { class: 'help' }, contractFacts(session, c)),
        h('p', { class: 'help' }, t('dec.contract.compensation', { pct: pct(c.terms.terminationCompensation) })),
        servicesToGiveUp(session.sim, c) > 0 ? h('p', { class: 'help', testid: `abandon-grants-${c.id}` }, abandonGrantsText(session, c)) : null,
        c.amendment
          ? h(
              'p',
              { class: 'status status-pending', testid: `amendment-pending-${c.id}` },
              icon('exchange'),
              h('span', {}, t('dec.contract.pending', { cut: pct(c.amendment.paymentCut), payment: eur(c.amendment.annualPaymentEur), years: years(c.amendment.durationYears), deadline: monthYear(session.scenario, amendmentAnswerDeadline(session.scenario, c.amendment.proposedTick)) })),
            )
          : null,
        h(
          'div',
          { class: 'block-actions' },
          select,
          button(t('dec.contract.renegotiate'), { icon: 'exchange', testid: `renegotiate-${c.id}`, onClick: () => act(ctx, `contract-${c.id}`, { type: 'renegotiateContract', contractId: c.id, paymentCut: form.cuts[c.id] ?? 0.05 }, () => t('dec.contract.renegotiated')) }),
          button(t('dec.contract.cancel'), { icon: 'close', testid: `cancel-${c.id}`, kind: 'danger', onClick: () => act(ctx, `contract-${c.id}`, { type: 'cancelContract', contractId: c.id }, () => t('dec.contract.cancelled')) }),
          servicesToGiveUp(session.sim, c) > 0
            ? button(t('dec.contract.abandon'), { icon: 'close', testid: `abandon-${c.id}`, kind: 'danger', onClick: () => act(ctx, `contract-${c.id}`, { type: 'cancelContract', contractId: c.id, abandon: true }, () => t('dec.contract.abandoned')) })
            : null,
        ),
        statusFor(ctx, `contract-${c.id}`),
      );
    }),
  );
}

/** What giving a contract's services up now costs in grants repaid (within five years of its works), or that it costs none. */
function abandonGrantsText(session: Session, c: Contract): string {
  const repaid = grantRepaymentNowEur(session.sim, c);
  return repaid > 0 ? t('dec.contract.abandonGrants', { amount: eur(repaid) }) : t('dec.contract.abandonNoGrants');
}

/** The prior evaluation a partnership contract needs (CCP L2212-1, L2212-2): commission it, see the ones under way. */
function studyBlock(ctx: ScreenContext, session: Session, form: CityForm): HTMLElement {
  const sc = session.scenario;
  const all = sc.territory.districts.map((_, i) => i);
  const chips = Object.keys(sc.projects.catalogue).map((id) => {
    const on = form.study.includes(id);
    return button(projectName(sc, id), {
      ...(on ? { icon: 'check' as const } : {}),
      focus: `study-project-${id}`,
      testid: `study-project-${id}`,
      kind: 'quiet',
      pressed: on,
      onClick: () => {
        form.study = on ? form.study.filter((x) => x !== id) : [...form.study, id];
        ctx.refresh();
      },
    });
  });
  const studies = partnershipStudies(session.sim);
  const launch = button(t('dec.study.launch'), {
    icon: 'flag',
    testid: 'study-partnership',
    onClick: () => {
      const ready = session.sim.tick + sc.negotiation.partnershipStudyMonths;
      act(ctx, 'study', { type: 'studyPartnership', projects: form.study, districts: all }, () => t('dec.study.ok', { ready: monthYear(sc, ready) }));
    },
  });
  return section(
    t('dec.study'),
    'layers',
    h('p', { class: 'help' }, t('dec.study.help', { months: months(sc.negotiation.partnershipStudyMonths), cost: eur(sc.negotiation.partnershipStudyCostEur) })),
    h('div', { class: 'field' }, h('span', { class: 'field-label' }, t('dec.study.projects')), h('div', { class: 'chips', attrs: { role: 'group', 'aria-label': t('dec.study.projects') } }, ...chips)),
    h('div', { class: 'block-actions' }, launch),
    statusFor(ctx, 'study'),
    studies.length > 0
      ? h(
          'ul',
          { class: 'contract-list', testid: 'study-list' },
          ...studies.map((st) =>
            h('li', {}, h('span', { class: 'help' }, st.ready ? t('dec.study.ready', { projects: projectList(sc, st.projects.join('+')), n: num(st.districts.length) }) : t('dec.study.pending', { projects: projectList(sc, st.projects.join('+')), ready: monthYear(sc, st.readyTick) }))),
          ),
        )
      : null,
  );
}

// ---------------------------------------------------------------- the partner

/** The amendments (avenants) the city proposed, for the partner's group to sign or refuse (CCP L6). */
function amendmentsBlock(ctx: ScreenContext, session: Session): HTMLElement | null {
  const sc = session.scenario;
  const pending = pendingAmendments(session.sim);
  if (pending.length === 0) return null;
  return section(
    t('dec.amendments'),
    'exchange',
    h('p', { class: 'help' }, t('dec.amendments.help')),
    ...pending.map((c) => {
      const a = c.amendment!;
      const row = (label: string, value: string) => h('div', { class: 'mini-fig' }, h('span', { class: 'mini-label' }, label), h('strong', {}, value));
      return h(
        'article',
        { class: 'contract amendment', testid: `amendment-${c.id}` },
        h('h4', {}, contractTitle(session, c)),
        h(
          'div',
          { class: 'block-figures' },
          row(t('dec.amendment.cut'), `\u2212${pct(a.paymentCut)}`),
          row(t('dec.amendment.payment'), `${eur(c.terms.annualPaymentEur)} \u2192 ${eur(a.annualPaymentEur)}`),
          row(t('dec.amendment.duration'), `${years(c.terms.durationYears, 0)} \u2192 ${years(a.durationYears)}`),
          row(t('dec.amendment.deadline'), monthYear(sc, amendmentAnswerDeadline(sc, a.proposedTick))),
        ),
        h(
          'div',
          { class: 'block-actions' },
          button(t('dec.amendment.accept'), { icon: 'check', testid: `amendment-accept-${c.id}`, kind: 'primary', onClick: () => act(ctx, `amendment-${c.id}`, { type: 'answerAmendment', by: 'partner', contractId: c.id, accept: true }, () => t('dec.amendment.accepted')) }),
          button(t('dec.amendment.refuse'), { icon: 'close', testid: `amendment-refuse-${c.id}`, kind: 'danger', onClick: () => act(ctx, `amendment-${c.id}`, { type: 'answerAmendment', by: 'partner', contractId: c.id, accept: false }, () => t('dec.amendment.refused')) }),
        ),
        statusFor(ctx, `amendment-${c.id}`),
      );
    }),
  );
}

function positionBlock(ctx: ScreenContext, session: Session): HTMLElement {
  const mine = session.sim.contracts.filter((c) => c.builder === 'partner');
  return section(
    t('dec.position'),
    'partner',
    h(
      'div',
      { class: 'block-figures' },
      h('div', { class: 'mini-fig' }, h('span', { class: 'mini-label' }, t('hud.partnerCash')), fig(ctx, session, 'partnerCash')),
      h('div', { class: 'mini-fig' }, h('span', { class: 'mini-label' }, t('hud.partnerValue')), fig(ctx, session, 'partnerValue')),
    ),
    mine.length === 0
      ? h('p', { class: 'help' }, t('dec.position.noContract'))
      : h('ul', { class: 'contract-list' }, ...mine.map((c) => h('li', {}, h('strong', {}, contractTitle(session, c)), h('span', { class: 'help' }, contractFacts(session, c))))),
  );
}

function negotiationBlock(ctx: ScreenContext, session: Session, side: Actor): HTMLElement {
  const sc = session.scenario;
  const n = session.sim.negotiation;
  if (!n) return section(t('dec.negotiation'), 'exchange', h('p', { class: 'help' }, t(`dec.negotiation.none.${side}`)));
  return section(
    t('dec.negotiation'),
    'exchange',
    h(
      'p',
      {},
      t('dec.negotiation.open', {
        since: monthYear(sc, n.openedTick),
        by: sideInSentence(n.offeredBy),
        projects: projectList(sc, n.offer.projects.join('+')),
        years: years(n.offer.durationYears, 0),
        payment: eur(n.offer.annualPaymentEur),
      }),
    ),
    h('p', { class: 'help' }, t('dec.negotiation.round', { round: num(n.round), max: num(n.maxRounds), turn: sideInSentence(n.turn) })),
    h('div', { class: 'block-actions' }, button(t('dec.negotiation.walkAway'), { icon: 'close', testid: 'walk-away', kind: 'danger', onClick: () => act(ctx, 'walk', { type: 'walkAway', by: side }, () => t('dec.negotiation.left')) })),
    statusFor(ctx, 'walk'),
  );
}

// ---------------------------------------------------------------- the screen

export function decisionsScreen(ctx: ScreenContext): ScreenView {
  const session = sessionOf(ctx);
  const sc = session.scenario;
  const side = session.actingSide ?? 'city';
  const first = Object.keys(sc.projects.catalogue)[0] ?? '';
  const form = localValue<CityForm>(ctx, 'form', () => ({
    envelopeText: String(Math.round(sc.city.smartCityEnvelopeEur / 1e5) / 10),
    taxChange: 0,
    project: first,
    districts: [0],
    pilot: sc.projects.catalogue[first]?.pilot.allowed ?? false,
    calls: [],
    cuts: {},
    study: [],
  }));
  const blocks =
    side === 'city'
      ? [budgetBlock(ctx, session, form), concertationBlock(ctx, session), governanceBlock(ctx, session), aloneBlock(ctx, session, form), contractsBlock(ctx, session, form), studyBlock(ctx, session, form), negotiationBlock(ctx, session, side)]
      : [amendmentsBlock(ctx, session), positionBlock(ctx, session), negotiationBlock(ctx, session, side)].filter((b): b is HTMLElement => b !== null);
  const negotiating = session.sim.negotiation !== null;
  const done = button(t('dec.end'), { icon: 'arrowRight', testid: 'end-decisions', kind: 'primary', onClick: () => ctx.dispatch({ type: 'endDecisions' }) });
  const el = screenRoot(
    'decisions',
    'side',
    h(
      'div',
      { class: `panel side-${side}` },
      h(
        'header',
        { class: 'panel-head' },
        h('p', { class: 'eyebrow' }, icon(side === 'city' ? 'city' : 'partner'), h('span', {}, t(`dec.eyebrow.${side}`, { year: String(gameYear(sc, session.sim.tick)) }))),
        screenTitle('decisions', t(`dec.title.${side}`)),
        h('p', { class: 'help' }, t('dec.intro', { month: capital(monthYear(sc, session.sim.tick)) })),
      ),
      h('div', { class: 'panel-body', attrs: { 'data-scroll': 'decisions' } }, yearNews(ctx), ...blocks),
      h(
        'footer',
        { class: 'panel-foot' },
        button(negotiating ? t('dec.toTable') : t(`dec.openTable.${side}`), { icon: 'exchange', testid: 'open-negotiation', onClick: () => ctx.dispatch({ type: 'openNegotiation' }) }),
        done,
      ),
    ),
  );
  return { el, initialFocus: done };
}
