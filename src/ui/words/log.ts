/**
 * The simulation's log told as one plain sentence an entry (the months' running log, the causes
 * in the tooltips, the year summary), with the deployments of one project in one month grouped.
 */
import { explain, numberLocale, t } from '../../i18n';
import type { LogEntry, LogEntryOf, Scenario } from '../../sim';
import { monthYear } from './dates';
import { debtAlarmWords, eventIcon, eventText, eventTitle, settlementWords } from './events';
import { districtName, formName, mayorName, procedureName, projectList, projectName, sideInSentence, callName } from './names';
import { eur, months, num, pct, years } from './numbers';

/** What a log entry may say about the partner's own figures (its losses), only for its eyes. */
export interface LogView {
  scenario: Scenario;
  /** May the partner's private figures show (its losses on a cancelled contract)? */
  partnerPrivate: boolean;
  /** Keep an election's result for the election screen: the vote told without its result, the new mayor not named (the year's running log and summary, which come before it). */
  withholdElection?: boolean;
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
    case 'grantRepaid':
      return 'euro';
    case 'deploymentOpened':
      return 'flag';
    case 'failure':
    case 'deploymentEnded':
      return 'wrench';
    case 'contractCancelled':
    case 'duplicatePilot':
    case 'purchaseVetoed':
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
      if (view.withholdElection) return t('causes.electionHeld');
      return e.data.reelected ? t('screens.log.reelected', { share: pct(e.data.voteShare) }) : t('screens.log.defeated', { share: pct(e.data.voteShare) });
    case 'newMayor':
      if (view.withholdElection) return null;
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
    case 'purchaseVetoed':
      return t('screens.log.purchaseVetoed', { project: projectName(sc, e.data.project) });
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
    case 'grantRepaid':
      return t('screens.log.grantRepaid', { call: callName(e.data.call), id: num(e.data.id), amount: eur(e.data.eur) });
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
