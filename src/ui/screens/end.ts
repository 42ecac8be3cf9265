/**
 * The end: its headline says what the game delivered over its years — the service-years (each
 * service counted for the time it ran, `serviceYears`) over the played years and to the horizon,
 * and what still runs at the end — then the final state and what each side won. The city's results (services running and what
 * they cost it, satisfaction, elections won, its debt against the ceiling, energy and CO₂) and the
 * partner's (its value at its own cost of capital, its cash, its contracts), read from the last
 * yearly row with the labels of the sim's REPORTERS; the save to download (the format
 * `npm run replay` reads); a new game. The debrief, with its charts, comes later.
 */
import { getLang, t } from '../../i18n';
import { icon, type IconName } from '../icons';
import { cardFooter, screenRoot, screenTitle, sessionOf, type ScreenContext, type ScreenView } from './context';
import { button, downloadText, figure, h, rich } from '../dom';
import { eur, num, years } from '../words/numbers';
import { gameYear } from '../words/dates';
import { countedTemplate } from '../words/plurals';
import { metricDescription, metricLabel, metricValue } from '../words/metrics';

/** The figures listed under each side (those the verdicts quote are in the verdicts). */
const CITY_KEYS = ['citizenSatisfaction', 'servicesPerMillionEur', 'energySavedMWh', 'co2AvoidedT', 'grantsWonEur', 'orphanPilots'] as const;
const PARTNER_KEYS = ['partnerCashEur', 'contractsRenegotiated'] as const;
/** The three scores a room compares (MODEL.md §15, "Scores"): 0 = doing nothing, 100 = the scenario's ideal. */
const SCORE_KEYS = ['cityScore', 'territoryScore', 'partnerScore'] as const;

type Row = Record<string, number>;

/** A count, rounded to a whole number, with its noun singular or plural as the language says ("1 année de service", "143 années de service"). */
function counted(n: number, one: 'len.end.serviceYear' | 'len.end.runningOne', other: 'len.end.serviceYears' | 'len.end.running'): string {
  const whole = Math.round(n);
  return t(new Intl.PluralRules(getLang()).select(whole) === 'one' ? one : other, { n: num(whole) });
}

/**
 * The headline: the service-years over the played years (the yearly row of the last played year)
 * and to the horizon (the last row), and the services still running there, each with its tooltip.
 */
function deliveredHeadline(sc: ReturnType<typeof sessionOf>['scenario'], rows: readonly Row[], row: Row): HTMLElement {
  const played = rows[Math.min(sc.playableYears, rows.length) - 1] ?? row;
  const tip = metricDescription('serviceYears');
  const sy = (r: Row, focus: string) => figure(counted(r.serviceYears ?? 0, 'len.end.serviceYear', 'len.end.serviceYears'), tip, { focus, testid: focus });
  const running = row.servicesDelivered ?? 0;
  return h(
    'p',
    { class: 'lead end-delivered', testid: 'end-delivered' },
    rich(t('len.end.delivered', { played: years(sc.playableYears, 0), from: String(sc.start.year), to: String(gameYear(sc, sc.playableYears * 12 - 1)), horizon: String(gameYear(sc, sc.horizonYears * 12 - 1)) }), {
      serviceYears: sy(played, 'end-service-years-played'),
      serviceYearsAll: sy(row, 'end-service-years-all'),
      running: figure(counted(running, 'len.end.runningOne', 'len.end.running'), metricDescription('servicesDelivered'), { focus: 'end-running' }),
    }),
  );
}

/** A reporter's final value as a figure (in its unit, or a bare count): what it is, and where it stood in the first year. */
function metricFigure(key: string, row: Row, first: Row | undefined, firstYear: number, bare = false): HTMLElement {
  const tip = [metricDescription(key), first && first[key] !== undefined ? t('end.firstYear', { year: String(firstYear), value: metricValue(key, first[key]!) }) : ''];
  const value = row[key] ?? NaN;
  return figure(bare ? num(value) : metricValue(key, value), tip, { focus: `end-${key}` });
}

function results(row: Row, first: Row | undefined, firstYear: number, keys: readonly string[]): HTMLElement {
  return h('dl', { class: 'results' }, ...keys.flatMap((key) => [h('dt', {}, metricLabel(key)), h('dd', {}, metricFigure(key, row, first, firstYear))]));
}

/** One verdict: an icon that says good or bad by its shape, and a sentence with its figures. */
function verdict(iconName: IconName, good: boolean | null, sentence: DocumentFragment): HTMLElement {
  return h('li', { class: good === null ? '' : good ? 'good' : 'bad' }, icon(iconName, 'icon verdict-icon'), h('span', {}, sentence));
}

export function endScreen(ctx: ScreenContext): ScreenView {
  const session = sessionOf(ctx);
  const sc = session.scenario;
  const rows = session.sim.yearly;
  const row = rows[rows.length - 1] ?? {};
  const first = rows[0];
  const firstYear = first?.year ?? sc.start.year;
  const lastYear = row.year ?? gameYear(sc, session.sim.tick);
  const ceiling = sc.city.debtCeilingYears;
  const debt = row.debtCapacityYears ?? 0;
  const npv = row.partnerNpvEur ?? 0;
  const elections = row.elections ?? 0;

  const fig = (key: string) => metricFigure(key, row, first, firstYear);
  const count = (key: string) => metricFigure(key, row, first, firstYear, true);
  const verdictCity = [
    verdict('flag', null, rich(t('end.city.services'), { n: count('servicesDelivered'), spent: fig('cityMoneySpentEur') })),
    verdict(debt <= ceiling ? 'check' : 'warning', debt <= ceiling, rich(debt <= ceiling ? t('end.city.debtOk') : t('end.city.debtOver'), { debt: fig('debtCapacityYears'), ceiling: years(ceiling, 0) })),
    elections > 0
      ? verdict('ballot', null, rich(t('end.city.elections'), { won: count('incumbentReelections'), n: count('elections') }))
      : verdict('ballot', null, rich(t('end.city.noElection'), {})),
  ];
  const verdictPartner = [
    verdict(npv >= 0 ? 'trendUp' : 'trendDown', npv >= 0, rich(npv >= 0 ? t('end.partner.gained') : t('end.partner.lost'), { npv: figure(eur(Math.abs(npv)), metricDescription('partnerNpvEur'), { focus: 'end-npv' }) })),
    verdict('exchange', null, rich(t('end.partner.contracts'), { signed: rich(countedTemplate(row.contractsSigned ?? 0, 'contractsSigned'), { n: count('contractsSigned') }), cancelled: rich(countedTemplate(row.contractsCancelled ?? 0, 'cancelled'), { n: count('contractsCancelled') }) })),
  ];

  const exportButton = button(t('end.export'), {
    icon: 'download',
    testid: 'export-save',
    onClick: () => {
      const save = ctx.game.api.exportSave();
      if (save) downloadText(`horizons-${sc.id}-${session.setup.seed}.json`, JSON.stringify(save, null, 2));
    },
  });
  const again = button(t('end.newGame'), { icon: 'play', testid: 'new-game', kind: 'primary', onClick: () => ctx.dispatch({ type: 'newGame' }) });
  const el = screenRoot(
    'end',
    'center',
    h(
      'div',
      { class: 'card end-card', testid: 'end-screen' },
      h('p', { class: 'eyebrow' }, icon('flag'), h('span', {}, t('end.eyebrow'))),
      screenTitle('end', t('end.title', { from: String(firstYear), to: String(lastYear) })),
      deliveredHeadline(sc, rows, row),
      h(
        'div',
        { class: 'end-grid' },
        h('section', { class: 'side-col side-city' }, h('h2', {}, icon('city'), h('span', {}, t('screens.side.city'))), h('ul', { class: 'verdict' }, ...verdictCity), results(row, first, firstYear, CITY_KEYS)),
        h('section', { class: 'side-col side-partner' }, h('h2', {}, icon('partner'), h('span', {}, t('screens.side.partner'))), h('ul', { class: 'verdict' }, ...verdictPartner), results(row, first, firstYear, PARTNER_KEYS)),
      ),
      h('section', { class: 'end-scores', testid: 'end-scores' }, h('h2', { title: t('end.scoresHelp') }, t('end.scores')), results(row, first, firstYear, SCORE_KEYS)),
      cardFooter(exportButton, again),
    ),
  );
  return { el, initialFocus: again };
}
