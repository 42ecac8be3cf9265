/**
 * The offer builder: every contract term as a control. The form and the data ownership are radio
 * groups, the projects, districts and grant calls are check boxes, and each numeric term is a
 * slider over its nature-given range with the lawful part shaded (from the model's `termBounds`),
 * plus a text field to type an exact value. When the value sits on a bound set by a rule, or goes
 * past it, the rule's reason shows under the slider. The builder holds no model logic: it shows
 * the terms and bounds it is given and reports every change through `onChange`.
 */
import { t } from '../../i18n';
import { callName, capital, formName, funderName, projectName, refusalCause, refusalText } from '../words/names';
import { months, pct } from '../words/numbers';
import { CONTRACT_FORMS, openGrantCalls, type ContractTerms, type Problem, type Scenario, type SimState } from '../../sim';
import { NUMERIC_TERMS, type NumericTerm, type TermBound } from '../../state/game-types';
import { h } from '../dom';
import { parseTerm, termNumber, termText, TERM_UNITS } from './terms';

type Bounds = Record<NumericTerm, TermBound>;

export interface BuilderInput {
  scenario: Scenario;
  sim: SimState;
  /** Grant calls the terms name, shown even when closed (so that they can be unticked). */
  named: readonly string[];
  /** The bounds of other terms than those shown (to keep an offer lawful when its form changes). */
  boundsOf(terms: ContractTerms): Bounds;
  onChange(terms: ContractTerms): void;
  /** What the builder remembers for the player, kept by its owner across the builder's rebuilds (a month, a new language). */
  memory: BuilderMemory;
}

export interface BuilderMemory {
  /** The operating terms set aside when the form became a procurement, restored when it stops being one. */
  beforeProcurement: Pick<ContractTerms, 'durationYears' | 'annualPaymentEur' | 'cityCapitalShare'> | null;
}

export interface OfferBuilder {
  el: HTMLElement;
  /** Shows these terms with their legal bounds and the offer's problem (null when lawful). */
  show(terms: ContractTerms, bounds: Bounds, problem: Problem | null, disabled: boolean): void;
}

const DATA_OWNERS = ['city', 'shared', 'partner'] as const;
/** The terms a form does not use (a procurement has no operating period, no payment, no guarantee…). */
const UNUSED: Record<ContractTerms['form'], readonly NumericTerm[]> = {
  procurement: ['durationYears', 'annualPaymentEur', 'cityCapitalShare', 'guaranteedSavingShare', 'penaltyRate', 'terminationCompensation', 'savingsShareToPartner'],
  performance: [],
  concession: [],
  partnership: [],
  pilot: [],
};
const EPS = 1e-9;


/** A fieldset of check boxes or radio buttons drawn as pills. */
function choiceGroup(legend: string, tip: string, testid: string): { fieldset: HTMLFieldSetElement; box: HTMLDivElement } {
  const fieldset = h('fieldset', { class: 'neg-choices', testid });
  const lg = h('legend', { title: tip }, legend);
  const box = h('div', { class: 'neg-pills' });
  fieldset.append(lg, box);
  return { fieldset, box };
}

function pill(type: 'checkbox' | 'radio', name: string, label: string, testid: string, tip?: string): { label: HTMLLabelElement; input: HTMLInputElement } {
  const wrap = h('label', { class: 'neg-pill', ...(tip ? { title: tip } : {}) });
  const input = h('input', { testid });
  input.type = type;
  input.name = name;
  wrap.append(input, h('span', {}, label));
  return { label: wrap, input };
}

interface NumericRow {
  row: HTMLDivElement;
  range: HTMLInputElement;
  field: HTMLInputElement;
  band: HTMLDivElement;
  rangeText: HTMLSpanElement;
  reason: HTMLParagraphElement;
}

export function offerBuilder(input: BuilderInput): OfferBuilder {
  const { scenario, sim } = input;
  let current: ContractTerms | null = null;
  const memory = input.memory;
  const change = (next: ContractTerms) => input.onChange(next);

  const root = h('div', { class: 'neg-builder-body' });

  // ---- form
  const form = choiceGroup(t('negotiation.term.form'), t('negotiation.term.formTip'), 'neg-term-form');
  const formInputs = new Map<ContractTerms['form'], HTMLInputElement>();
  for (const f of CONTRACT_FORMS) {
    const p = pill('radio', 'neg-form', capital(formName(f)), `neg-term-form-${f}`, t(`negotiation.form.${f}Tip`));
    p.input.value = f;
    p.input.addEventListener('change', () => current && p.input.checked && change(withForm(current, f)));
    formInputs.set(f, p.input);
    form.box.append(p.label);
  }

  /** The terms under a new form, kept lawful where the form forces a value (procurement, pilot). */
  function withForm(terms: ContractTerms, f: ContractTerms['form']): ContractTerms {
    let next: ContractTerms = { ...terms, form: f, pilot: f === 'pilot' };
    if (terms.form !== 'procurement' && f === 'procurement') memory.beforeProcurement = { durationYears: terms.durationYears, annualPaymentEur: terms.annualPaymentEur, cityCapitalShare: terms.cityCapitalShare };
    if (terms.form === 'procurement' && f !== 'procurement' && memory.beforeProcurement) next = { ...next, ...memory.beforeProcurement };
    // A procurement has the city pay all the works, with no operating period and no payment.
    if (f === 'procurement') next = { ...next, durationYears: 0, cityCapitalShare: 1, annualPaymentEur: 0 };
    if (f === 'pilot') next.districts = next.districts.slice(0, 1);
    for (const k of ['durationYears', 'cityCapitalShare', 'annualPaymentEur'] as const) {
      const b = input.boundsOf(next)[k];
      if (next[k] < b.min) next = { ...next, [k]: b.min };
      else if (next[k] > b.max) next = { ...next, [k]: b.max };
    }
    return next;
  }

  // ---- numeric terms
  const rows = new Map<NumericTerm, NumericRow>();
  function numericRow(term: NumericTerm): HTMLDivElement {
    const id = `neg-${term}`;
    const row = h('div', { class: 'neg-term' });
    row.dataset.term = term;
    const head = h('div', { class: 'neg-term-head' });
    const label = h('label', { title: t(`negotiation.term.${term}Tip`) }, t(`negotiation.term.${term}`));
    label.htmlFor = id;
    const value = h('span', { class: 'neg-term-value' });
    const field = h('input', { class: 'neg-num', testid: `neg-term-${term}-text`, title: t('negotiation.bound.valueTip') });
    field.type = 'text';
    field.inputMode = 'decimal';
    field.autocomplete = 'off';
    field.setAttribute('aria-label', `${t(`negotiation.term.${term}`)} (${t(TERM_UNITS[term].unit)})`);
    value.append(field, h('span', { class: 'neg-unit' }, t(TERM_UNITS[term].unit)));
    head.append(label, value);

    const slider = h('div', { class: 'neg-slider' });
    const track = h('div', { class: 'neg-track' });
    track.setAttribute('aria-hidden', 'true');
    const band = h('div', { class: 'neg-band', title: t('negotiation.bound.rangeTip') });
    track.append(band);
    const range = h('input', { testid: `neg-term-${term}` });
    range.type = 'range';
    range.id = id;
    range.title = t(`negotiation.term.${term}Tip`);
    range.setAttribute('aria-describedby', `${id}-range ${id}-reason`);
    slider.append(track, range);

    const rangeText = h('span', { class: 'neg-range', title: t('negotiation.bound.rangeTip') });
    rangeText.id = `${id}-range`;
    const reason = h('p', { class: 'neg-reason' });
    reason.id = `${id}-reason`;
    reason.setAttribute('aria-live', 'polite');
    row.append(head, slider, rangeText, reason);

    range.addEventListener('input', () => current && change({ ...current, [term]: Number(range.value) }));
    const commit = () => {
      if (!current) return;
      const v = parseTerm(term, field.value);
      const b = Number(range.max);
      if (v === null) field.value = termNumber(term, current[term]);
      else change({ ...current, [term]: Math.min(b, Math.max(Number(range.min), term === 'durationYears' ? Math.round(v) : v)) });
    };
    field.addEventListener('change', commit);
    field.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        commit();
      }
    });
    rows.set(term, { row, range, field, band, rangeText, reason });
    return row;
  }

  const section = (titleKey: 'negotiation.section.contract' | 'negotiation.section.risks' | 'negotiation.section.scope', ...children: HTMLElement[]) => {
    const s = h('section', { class: 'neg-section' });
    s.append(h('h3', {}, t(titleKey)), ...children);
    return s;
  };

  // ---- scope: projects, districts, grant calls
  const projects = choiceGroup(t('negotiation.term.projects'), t('negotiation.term.projectsTip'), 'neg-term-projects');
  const projectInputs = new Map<string, HTMLInputElement>();
  for (const id of Object.keys(scenario.projects.catalogue)) {
    const p = pill('checkbox', 'neg-projects', projectName(scenario, id), `neg-term-projects-${id}`);
    p.input.value = id;
    p.input.addEventListener('change', () => {
      if (!current) return;
      const list = p.input.checked ? [...current.projects, id] : current.projects.filter((x) => x !== id);
      change({ ...current, projects: list });
    });
    projectInputs.set(id, p.input);
    projects.box.append(p.label);
  }

  const districts = choiceGroup(t('negotiation.term.districts'), t('negotiation.term.districtsTip'), 'neg-term-districts');
  const districtInputs: HTMLInputElement[] = [];
  scenario.territory.districts.forEach((d, i) => {
    const p = pill('checkbox', 'neg-districts', d.name, `neg-term-districts-${i}`);
    p.input.addEventListener('change', () => {
      if (!current) return;
      // A pilot runs in one district: choosing one replaces the other.
      const list = p.input.checked ? (current.pilot ? [i] : [...current.districts, i].sort((a, b) => a - b)) : current.districts.filter((x) => x !== i);
      change({ ...current, districts: list });
    });
    districtInputs.push(p.input);
    districts.box.append(p.label);
  });

  const grants = choiceGroup(t('negotiation.term.grantCalls'), t('negotiation.term.grantCallsTip'), 'neg-term-grantCalls');
  const grantInputs = new Map<string, HTMLInputElement>();
  const open = openGrantCalls(sim);
  const calls = sim.grantCalls.filter((c) => open.includes(c) || input.named.includes(c.id));
  if (calls.length === 0) grants.box.append(h('p', { class: 'neg-muted' }, t('negotiation.grant.none')));
  for (const c of calls) {
    const name = t('negotiation.grant.label', { name: callName(c.id), funder: funderName(c.funder), rate: pct(c.rate) });
    const label = c.deadlineTick >= sim.tick ? `${name} · ${t('negotiation.grant.closes', { months: months(c.deadlineTick - sim.tick) })}` : `${name} · ${t('negotiation.grant.closed')}`;
    const p = pill('checkbox', 'neg-grants', label, `neg-term-grantCalls-${c.id}`, t('negotiation.clock.grantTip', { name: callName(c.id) }));
    p.input.addEventListener('change', () => {
      if (!current) return;
      change({ ...current, grantCalls: p.input.checked ? [...current.grantCalls, c.id] : current.grantCalls.filter((x) => x !== c.id) });
    });
    grantInputs.set(c.id, p.input);
    grants.box.append(p.label);
  }

  // ---- data ownership
  const data = choiceGroup(t('negotiation.term.dataOwnership'), t('negotiation.term.dataOwnershipTip'), 'neg-term-dataOwnership');
  const dataInputs = new Map<string, HTMLInputElement>();
  for (const owner of DATA_OWNERS) {
    const p = pill('radio', 'neg-data', t(`negotiation.data.${owner}`), `neg-term-dataOwnership-${owner}`);
    p.input.addEventListener('change', () => current && p.input.checked && change({ ...current, dataOwnership: owner }));
    dataInputs.set(owner, p.input);
    data.box.append(p.label);
  }

  root.append(
    section('negotiation.section.contract', form.fieldset, numericRow('durationYears'), numericRow('annualPaymentEur'), numericRow('cityCapitalShare')),
    section('negotiation.section.scope', projects.fieldset, districts.fieldset, grants.fieldset),
    section('negotiation.section.risks', numericRow('guaranteedSavingShare'), numericRow('penaltyRate'), numericRow('terminationCompensation'), numericRow('savingsShareToPartner'), data.fieldset),
  );

  function showNumeric(term: NumericTerm, terms: ContractTerms, b: TermBound, problem: Problem | null, disabled: boolean): void {
    const r = rows.get(term)!;
    const v = terms[term];
    const unused = UNUSED[terms.form].includes(term);
    r.range.min = String(b.lo);
    r.range.max = String(b.hi);
    r.range.step = String(b.step);
    r.range.value = String(v);
    r.range.disabled = disabled || unused;
    r.range.setAttribute('aria-valuetext', termText(term, v));
    r.field.disabled = disabled || unused;
    if (document.activeElement !== r.field) r.field.value = termNumber(term, v);
    const span = Math.max(EPS, b.hi - b.lo);
    const collapsed = problem !== null && b.min === b.max && b.min === v;
    r.band.style.left = `${((b.min - b.lo) / span) * 100}%`;
    r.band.style.width = collapsed ? '0' : `${((b.max - b.min) / span) * 100}%`;
    r.rangeText.textContent = collapsed || unused ? '' : t('negotiation.bound.range', { min: termText(term, b.min), max: termText(term, b.max) });
    let note = '';
    let state = '';
    if (unused) note = t('negotiation.term.unused');
    else if (collapsed) {
      note = t('negotiation.bound.none');
      state = 'blocked';
    } else if (v > b.max + EPS && b.maxReason) {
      note = t('negotiation.bound.beyond', { reason: refusalCause(b.maxReason, scenario) });
      state = 'beyond';
    } else if (v < b.min - EPS && b.minReason) {
      note = t('negotiation.bound.beyond', { reason: refusalCause(b.minReason, scenario) });
      state = 'beyond';
    } else if (Math.abs(v - b.max) <= EPS && b.maxReason) {
      note = t('negotiation.bound.atLimit', { reason: refusalCause(b.maxReason, scenario) });
      state = 'limit';
    } else if (Math.abs(v - b.min) <= EPS && b.minReason) {
      note = t('negotiation.bound.atLimit', { reason: refusalCause(b.minReason, scenario) });
      state = 'limit';
    }
    r.reason.textContent = note;
    r.reason.title = collapsed ? refusalText(problem, scenario) : '';
    r.row.dataset.state = unused ? 'unused' : state;
  }

  return {
    el: root,
    show(terms, bounds, problem, disabled) {
      current = terms;
      for (const [f, i] of formInputs) {
        i.checked = terms.form === f;
        i.disabled = disabled;
      }
      for (const [id, i] of projectInputs) {
        i.checked = terms.projects.includes(id);
        i.disabled = disabled;
      }
      districtInputs.forEach((i, d) => {
        i.checked = terms.districts.includes(d);
        i.disabled = disabled;
      });
      for (const [id, i] of grantInputs) {
        i.checked = terms.grantCalls.includes(id);
        i.disabled = disabled;
      }
      for (const [owner, i] of dataInputs) {
        i.checked = terms.dataOwnership === owner;
        i.disabled = disabled;
      }
      for (const term of NUMERIC_TERMS) showNumeric(term, terms, bounds[term], problem, disabled);
    },
  };
}
