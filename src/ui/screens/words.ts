/**
 * Numbers and names in the player's language: euros, shares, years and months formatted with Intl
 * in the current locale; dates from the scenario's start and the tick; project, event, mayor and
 * district names; and the simulation's log entries told as one plain sentence each (the months'
 * running log, the causes in the tooltips and the year summary).
 */
import { getLang, hasMessage, localized, numberLocale, t, explain, type MessageKey } from '../../i18n';
import type { LogEntry, LogEntryOf, Problem, Scenario } from '../../sim';
import { renderRefusal, renderRefusalCause, type RefusalNames } from '../../i18n/refusals';
import { REPORTERS } from '../../sim';
import { unitLabel } from '../format';

/** A message key built from data (a project family, an event kind), or `fallback` when unknown. */
function tk(key: string, fallback: string, params: Record<string, string | number> = {}): string {
  return hasMessage(key) ? t(key as MessageKey, params) : fallback;
}

function nf(min: number, max: number): Intl.NumberFormat {
  return new Intl.NumberFormat(numberLocale(), { minimumFractionDigits: min, maximumFractionDigits: max });
}

/** A plain number with up to `digits` decimals. */
export function num(value: number, digits = 0): string {
  return Number.isFinite(value) ? nf(0, digits).format(value) : '—';
}

const MINUS = '\u2212';

/** Euros, scaled: "8,0 M€" / "€8.0M", "850 k€" / "€850k", "12 €" / "€12". */
export function eur(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const [scaled, suffix, digits] = abs >= 1e8 ? [abs / 1e6, 'M', 0] : abs >= 1e6 ? [abs / 1e6, 'M', 1] : abs >= 1e4 ? [abs / 1e3, 'k', 0] : [abs, '', 0];
  const text = nf(digits, digits).format(scaled);
  const sign = value < 0 && text !== nf(digits, digits).format(0) ? MINUS : '';
  return getLang() === 'fr' ? `${sign}${text}\u00a0${suffix}€` : `${sign}€${text}${suffix}`;
}

/** A change in euros with its sign ("+1,2 M€"). */
export function signedEur(delta: number): string {
  return delta > 0 ? `+${eur(delta)}` : eur(delta);
}

/** A share 0–1 as a percentage ("52 %"). */
export function pct(share: number, digits = 0): string {
  return Number.isFinite(share) ? new Intl.NumberFormat(numberLocale(), { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(share) : '—';
}

/** A change of a share in percentage points ("+4 points"). */
export function points(delta: number): string {
  const n = Math.round(delta * 1000) / 10;
  const text = nf(0, 1).format(Math.abs(n));
  return t('screens.unit.points', { n: `${n > 0 ? '+' : n < 0 ? MINUS : ''}${text}` });
}

const plural = (n: number) => (new Intl.PluralRules(numberLocale()).select(n) === 'one' ? 'one' : 'other');

export function years(n: number, digits = 1): string {
  const text = num(n, digits);
  return plural(Number(n.toFixed(digits))) === 'one' ? t('screens.unit.year', { n: text }) : t('screens.unit.years', { n: text });
}

export function months(n: number): string {
  return plural(n) === 'one' ? t('screens.unit.month', { n: num(n) }) : t('screens.unit.months', { n: num(n) });
}

/** A signed change with its own formatter, or "unchanged" when nothing moved at the shown precision. */
export function signed(delta: number, format: (v: number) => string): string {
  const text = format(Math.abs(delta));
  if (text === format(0)) return t('screens.change.none');
  return `${delta > 0 ? '+' : MINUS}${text}`;
}

// ---------------------------------------------------------------- time

/** The calendar month of a tick ("avril 2026" / "April 2026"). */
export function monthYear(scenario: Scenario, tick: number, month: 'long' | 'short' = 'long'): string {
  const m = scenario.start.month - 1 + tick;
  const date = new Date(Date.UTC(scenario.start.year + Math.floor(m / 12), m % 12, 1));
  return new Intl.DateTimeFormat(numberLocale(), { month, year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The month alone ("avril"). */
export function monthName(scenario: Scenario, tick: number): string {
  const m = scenario.start.month - 1 + tick;
  return new Intl.DateTimeFormat(numberLocale(), { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, m % 12, 1)));
}

/** Upper-cases the first letter (French month names are lower-case). */
export function capital(text: string): string {
  return text.charAt(0).toLocaleUpperCase(numberLocale()) + text.slice(1);
}

/** The calendar year a game year is named after (April 2026–March 2027: 2026), as the sim names it. */
export function gameYear(scenario: Scenario, tick: number): number {
  return scenario.start.year + Math.floor(tick / 12);
}

// ---------------------------------------------------------------- names

export function projectName(scenario: Scenario, id: string): string {
  const family = scenario.projects.catalogue[id]?.family ?? id;
  return tk(`screens.project.${family}`, id);
}

/** Several projects joined ("LED street lighting + bus priority"); the log joins ids with "+". */
export function projectList(scenario: Scenario, ids: string): string {
  return ids
    .split('+')
    .filter(Boolean)
    .map((id) => projectName(scenario, id))
    .join(' + ');
}

export function districtName(scenario: Scenario, idOrIndex: string | number): string {
  const d = typeof idOrIndex === 'number' ? scenario.territory.districts[idOrIndex] : scenario.territory.districts.find((x) => x.id === idOrIndex);
  return d?.name ?? String(idOrIndex);
}

export function mayorName(scenario: Scenario, id: string): string {
  const m = scenario.politics.mayors.find((x) => x.id === id);
  return m ? localized(m.name) : id;
}

export function funderName(funder: string): string {
  return tk(`screens.funder.${funder}`, funder);
}

/** A grant call's name; the extra State calls that events open are named after their month. */
export function callName(id: string): string {
  return id.startsWith('state-extra-') ? t('screens.call.stateExtra') : tk(`screens.call.${id}`, id);
}

export function formName(form: string): string {
  return tk(`screens.form.${form}`, form);
}

/** A side's name inside a sentence ("la ville", "the city"). */
export function sideInSentence(side: string): string {
  return tk(`screens.sideIn.${side}`, side);
}

/** A refusal in the player's language, naming projects and grant calls as the scenario does. */
export function refusalText(p: Pick<Problem, 'code' | 'params'>, scenario?: Scenario): string {
  return renderRefusal(p, refusalNames(scenario));
}

/** Only a refusal's cause (after "This offer is not lawful: ", "Limit: "). */
export function refusalCause(p: Pick<Problem, 'code' | 'params'>, scenario?: Scenario): string {
  return renderRefusalCause(p, refusalNames(scenario));
}

function refusalNames(scenario?: Scenario): RefusalNames {
  return scenario ? { project: (id) => projectName(scenario, id), call: callName } : { call: callName };
}

// ---------------------------------------------------------------- metrics

const reporter = (key: string) => REPORTERS.find((r) => r.key === key);

export function metricLabel(key: string): string {
  const r = reporter(key);
  return r ? localized(r.label) : key;
}

export function metricDescription(key: string): string {
  const r = reporter(key);
  return r ? localized(r.describe) : '';
}

/** A reporter's value in its unit: euros scaled, 0–1 indices as percentages, counts with their noun. */
export function metricValue(key: string, value: number): string {
  const unit = reporter(key)?.unit ?? '';
  switch (unit) {
    case 'EUR':
      return eur(value);
    case 'years':
      return years(value);
    case '0-1':
      return pct(value);
    case 'x':
      return `×${num(value, 2)}`;
    case 'MWh':
    case 't':
      return `${num(value)}\u00a0${unit}`;
    case 'services/MEUR':
      return `${num(value, 2)}\u00a0${unitLabel(unit)}`;
    default:
      return `${num(value, 1)}\u00a0${unitLabel(unit)}`;
  }
}

// ---------------------------------------------------------------- the log, in words

/** What a log entry may say about the partner's own figures (its losses), only for its eyes. */
export interface LogView {
  scenario: Scenario;
  /** May the partner's private figures show (its losses on a cancelled contract)? */
  partnerPrivate: boolean;
}

/** The icon family of a log entry (see icons.ts), for the running log. */
function logIcon(e: LogEntry): 'warning' | 'check' | 'ballot' | 'exchange' | 'euro' | 'wrench' | 'city' | 'bolt' | 'sun' | 'users' | 'shield' | 'flag' {
  switch (e.kind) {
    case 'event':
      return eventIcon(e.data.kind);
    case 'election':
    case 'newMayor':
      return 'ballot';
    case 'contractSigned':
    case 'contractCompleted':
      return 'check';
    case 'negotiationOpened':
    case 'negotiationFailed':
    case 'contractRenegotiated':
      return 'exchange';
    case 'grantWon':
    case 'grantLost':
      return 'euro';
    case 'deploymentOpened':
      return 'flag';
    case 'failure':
    case 'deploymentEnded':
      return 'wrench';
    case 'contractCancelled':
    case 'duplicatePilot':
    case 'budgetSettled':
    case 'debtAlarm':
    case 'procedureUnsuccessful':
    case 'amendmentRefused':
    case 'amendmentLapsed':
      return 'warning';
    case 'amendmentProposed':
    case 'bidsOpened':
    case 'procedureClosed':
      return 'exchange';
    case 'partnershipStudy':
      return 'euro';
    default:
      return 'city';
  }
}

export function eventIcon(kind: string): 'warning' | 'euro' | 'wrench' | 'bolt' | 'sun' | 'users' | 'shield' {
  switch (kind) {
    case 'energyPriceShock':
      return 'bolt';
    case 'stateGrantCall':
    case 'stateTransferCut':
      return 'euro';
    case 'technicalFailure':
    case 'costOverrun':
      return 'wrench';
    case 'cyberAttack':
      return 'shield';
    case 'heatwave':
      return 'sun';
    case 'citizenProtest':
      return 'users';
    default:
      return 'warning';
  }
}

/** The size of an event as its sentence quotes it (a share, months, euros), from the scenario. */
function eventSize(scenario: Scenario, id: string, kind: string): string {
  const m = scenario.events.find((e) => e.id === id)?.magnitude ?? 0;
  switch (kind) {
    case 'energyPriceShock':
    case 'costOverrun':
    case 'stateTransferCut':
    case 'partnerMerger':
      return pct(m);
    case 'technicalFailure':
      return months(Math.max(1, Math.round(3 * m)));
    case 'stateGrantCall':
      return eur(m * 1e6);
    default:
      return num(m, 1);
  }
}

export function eventTitle(kind: string): string {
  return tk(`screens.event.${kind}.title`, kind);
}

/** One sentence on what the event does, with its size. */
export function eventText(scenario: Scenario, id: string, kind: string): string {
  return tk(`screens.event.${kind}.text`, kind, { size: eventSize(scenario, id, kind) });
}

/** An award procedure's name ("dialogue compétitif"). */
export function procedureName(kind: string): string {
  return tk(`screens.procedure.${kind}`, kind);
}

/** The figures of the prefect's settlement of the budget (L1612-5), as the sentences and the card quote them. */
export function settlementWords(scenario: Scenario, d: LogEntryOf<'budgetSettled'>['data']): Record<string, string> {
  return {
    deficit: eur(d.deficitEur),
    advance: eur(d.advanceEur),
    tax: pct(d.taxRisePct / 100, 1),
    cut: pct(d.baselineCutPct / 100, 1),
    until: monthYear(scenario, d.untilTick),
    days: num(d.crcDays),
    threshold: eur(d.thresholdEur ?? 0),
  };
}

/** The figures of a debt alarm (the 12-year reference passed), as the sentence and the card quote them. */
export function debtAlarmWords(d: LogEntryOf<'debtAlarm'>['data']): Record<string, string> {
  return { ratio: years(d.ratioYears), reference: years(d.referenceYears, 0), refuse: years(d.refuseYears, 0), rate: pct(d.loanRate, 2) };
}

/** A log entry as one sentence, or null for entries players need not read (the model's refusals). */
function logSentence(e: LogEntry, view: LogView): string | null {
  const sc = view.scenario;
  switch (e.kind) {
    case 'event': {
      // The sentence follows a colon: its first letter in lower case ("Canicule : une vague…").
      const text = eventText(sc, e.data.id, e.data.kind);
      return t('screens.log.event', { title: eventTitle(e.data.kind), text: text.charAt(0).toLocaleLowerCase(numberLocale()) + text.slice(1) });
    }
    case 'election':
      return e.data.reelected ? t('screens.log.reelected', { share: pct(e.data.voteShare) }) : t('screens.log.defeated', { share: pct(e.data.voteShare) });
    case 'newMayor':
      return t('screens.log.newMayor', { mayor: mayorName(sc, e.data.mayor) });
    case 'contractSigned':
      return e.data.builder === 'suppliers'
        ? t('screens.log.boughtAlone', { projects: projectList(sc, e.data.projects), form: formName(e.data.form) })
        : t('screens.log.contractSigned', { projects: projectList(sc, e.data.projects), form: formName(e.data.form), years: years(e.data.years, 0) });
    case 'negotiationOpened':
      // v2 entries name their award procedure and bidders; v1 saves' entries do not.
      return e.data.procedure
        ? t('screens.log.procedureOpened', { procedure: procedureName(e.data.procedure), projects: projectList(sc, e.data.projects), years: years(e.data.years, 0), bidders: num(e.data.bidders) })
        : t('screens.log.negotiationOpened', { projects: projectList(sc, e.data.projects), years: years(e.data.years, 0) });
    case 'negotiationFailed':
      return t('screens.log.negotiationFailed', { side: sideInSentence(e.data.by), rounds: num(e.data.rounds) });
    case 'decision': {
      // A computer player's own words; the project it names, by its name rather than its id.
      const { action: _action, key, ...params } = e.data;
      return explain({ key, params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, k === 'project' ? projectName(sc, String(v)) : v])) });
    }
    case 'deploymentOpened':
      return t(e.data.pilot ? 'screens.log.pilotRunning' : 'screens.log.serviceRunning', { project: projectName(sc, e.data.type), district: districtName(sc, e.data.district) });
    case 'deploymentEnded':
      return t(e.data.pilot ? 'screens.log.pilotEnded' : 'screens.log.serviceEnded', { project: projectName(sc, e.data.type), district: districtName(sc, e.data.district) });
    case 'failure':
      return t('screens.log.failure', { project: projectName(sc, e.data.type), district: districtName(sc, e.data.district) });
    case 'duplicatePilot':
      return t('screens.log.duplicatePilot', { projects: projectList(sc, e.data.projects), district: districtName(sc, e.data.district) });
    case 'contractCompleted':
      return t('screens.log.contractCompleted', { id: num(e.data.id) });
    case 'contractCancelled': {
      // Termination in the public interest (Commune de Douai): the unamortised investment and the lost profit paid.
      const paid = { id: num(e.data.id), compensation: eur(e.data.compensationEur), unamortised: eur(e.data.unamortisedEur ?? 0), lostProfit: eur(e.data.lostProfitPaidEur ?? 0) };
      return view.partnerPrivate ? t('screens.log.contractCancelledLoss', { ...paid, loss: eur(e.data.partnerLossEur) }) : t('screens.log.contractCancelled', paid);
    }
    case 'amendmentProposed':
      return t('screens.log.amendmentProposed', { id: num(e.data.id), cut: pct(e.data.paymentCut), payment: eur(e.data.annualPaymentEur), years: years(e.data.durationYears) });
    case 'amendmentRefused':
      return t('screens.log.amendmentRefused', { id: num(e.data.id), cut: pct(e.data.cut) });
    case 'amendmentLapsed':
      return t('screens.log.amendmentLapsed', { id: num(e.data.id) });
    case 'partnershipStudy':
      return t('screens.log.partnershipStudy', { projects: projectList(sc, e.data.projects), n: num(e.data.districts), cost: eur(e.data.costEur), ready: monthYear(sc, e.data.readyTick) });
    case 'bidsOpened':
      if (e.data.capEur < 0) return t('screens.log.bidsOpenedAlone', { bidders: num(e.data.bidders) });
      return t(e.data.undercut ? 'screens.log.bidsOpenedUndercut' : 'screens.log.bidsOpened', { bidders: num(e.data.bidders), cap: eur(e.data.capEur) });
    case 'procedureUnsuccessful':
      return t('screens.log.procedureUnsuccessful', { form: formName(e.data.form) });
    case 'procedureClosed':
      return t(`screens.log.procedureClosed.${e.data.outcome}`, { months: months(e.data.months), works: eur(Math.max(0, e.data.worksEur)) });
    case 'budgetSettled':
      return t('screens.log.budgetSettled', settlementWords(sc, e.data));
    case 'debtAlarm':
      return t('screens.log.debtAlarm', debtAlarmWords(e.data));
    case 'contractRenegotiated':
      return t('screens.log.contractRenegotiated', { id: num(e.data.id), cut: pct(e.data.cut) });
    case 'grantWon':
      return t('screens.log.grantWon', { call: callName(e.data.call) });
    case 'grantLost':
      return t('screens.log.grantLost', { call: callName(e.data.call) });
    default:
      return null;
  }
}

/** Entries of the same month and kind about the same project, told once ("… in 3 districts"). */
export interface LogLine {
  tick: number;
  kind: string;
  icon: ReturnType<typeof logIcon>;
  text: string;
}

/** The entries about a project in a district, grouped when one month has several. */
type ServiceEntry = LogEntryOf<'deploymentOpened' | 'deploymentEnded' | 'failure'>;

/** The log entries as lines to read, the deployments of one project in one month grouped. */
export function logLines(entries: readonly LogEntry[], view: LogView): LogLine[] {
  const out: LogLine[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.kind === 'deploymentOpened' || e.kind === 'deploymentEnded' || e.kind === 'failure') {
      const pilot = (x: ServiceEntry) => (x.kind === 'failure' ? undefined : x.data.pilot);
      const group: ServiceEntry[] = [e];
      while (i + 1 < entries.length) {
        const n = entries[i + 1]!;
        if (n.tick !== e.tick || n.kind !== e.kind || n.data.type !== e.data.type || pilot(n) !== pilot(e)) break;
        group.push(n);
        i++;
      }
      if (group.length > 1) {
        const key = e.kind === 'failure' ? 'screens.log.failureMany' : e.kind === 'deploymentEnded' ? (e.data.pilot ? 'screens.log.pilotEndedMany' : 'screens.log.serviceEndedMany') : e.data.pilot ? 'screens.log.pilotRunningMany' : 'screens.log.serviceRunningMany';
        const text = t(key, {
          project: projectName(view.scenario, e.data.type),
          n: num(group.length),
          districts: group.length === view.scenario.territory.districts.length ? t('screens.log.everyDistrict') : group.map((g) => districtName(view.scenario, g.data.district)).join(', '),
        });
        out.push({ tick: e.tick, kind: e.kind, icon: logIcon(e), text });
        continue;
      }
    }
    const text = logSentence(e, view);
    if (text) out.push({ tick: e.tick, kind: e.kind, icon: logIcon(e), text });
  }
  return out;
}
