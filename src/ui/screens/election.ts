/**
 * The election as a moment: the campaign months (what happened in them), the result (the
 * incumbent's share against the 50 % line), the vote by district as one bar each with the
 * majority line, and — when the incumbent lost — the new mayor and the priorities that will
 * weigh on the contracts (the new majority may reopen those it dislikes).
 *
 * The figures add up: each district's bar is its share of the votes cast (the election's log
 * entry, rules/politics.ts), with its vote intention on the eve as an orange mark; the result is the districts'
 * shares weighted by their voters; and one line says how the eve's intention became the result
 * (the swing of the day, the same in every district, and each voter's own draw).
 */
import { localized, t } from '../../i18n';
import type { ElectionResult, Session } from '../../state/game-types';
import type { LogEntryOf } from '../../sim';
import { icon } from '../icons';
import { logView, sessionOf, type ScreenContext } from './context';
import { figure, h } from '../dom';
import { capital, mayorName } from '../words/names';
import { logLines } from '../words/log';
import { monthName, monthYear } from '../words/dates';
import { months, pct, points } from '../words/numbers';
import './election.css';

const SVG_NS = 'http://www.w3.org/2000/svg';

const percentOf = (share: number) => `${(Math.max(0, Math.min(1, share)) * 100).toFixed(1)}%`;

/** A horizontal bar of a share with the 50 % line (and, when given, a mark at the eve's intention) and a mark saying which side of 50 % the share is. */
function shareBar(share: number, big = false, eve?: number): HTMLElement {
  const won = share > 0.5;
  const bar = h(
    'span',
    { class: `share-bar${big ? ' big' : ''}${won ? ' won' : ' lost'}`, attrs: { 'aria-hidden': 'true' } },
    h('span', { class: 'share-fill', attrs: { style: `width:${percentOf(share)}` } }),
    h('span', { class: 'share-half' }),
    eve === undefined ? null : h('span', { class: 'share-eve', attrs: { style: `left:calc(${percentOf(eve)} - 2px)` } }),
  );
  return h('span', { class: 'share' }, bar, icon(won ? 'check' : 'close', `icon share-mark ${won ? 'won' : 'lost'}`));
}

/** A mayor's priorities (digital, sobriety, fiscal rigour, 0–1) as three labelled bars. */
function priorities(session: Session, mayorId: string): HTMLElement | null {
  const m = session.scenario.politics.mayors.find((x) => x.id === mayorId);
  if (!m) return null;
  const rows = (['digital', 'sober', 'fiscal'] as const).map((k) =>
    h('li', {}, h('span', { class: 'prio-label' }, t(`elec.prio.${k}`)), h('span', { class: 'prio-bar', attrs: { 'aria-hidden': 'true' } }, h('span', { attrs: { style: `width:${(m[k] * 100).toFixed(0)}%` } })), figure(pct(m[k]), t(`elec.prio.${k}.tip`))),
  );
  return h('section', { class: 'new-mayor' }, h('h2', {}, icon('city'), h('span', {}, t('elec.newMayor', { mayor: localized(m.name) }))), h('p', {}, t('elec.newMayor.text')), h('ul', { class: 'priorities' }, ...rows));
}

/** The campaign: the months before the vote, and what happened in them. */
function campaign(ctx: ScreenContext, session: Session, e: ElectionResult): HTMLElement {
  const sc = session.scenario;
  const start = e.tick - sc.politics.campaignMonths + 1;
  const entries = session.sim.log.filter((l) => l.tick >= start && l.tick <= e.tick && l.kind !== 'election' && l.kind !== 'newMayor');
  const lines = logLines(entries, logView(ctx));
  const strip = document.createElementNS(SVG_NS, 'svg');
  strip.setAttribute('class', 'campaign-strip');
  strip.setAttribute('aria-hidden', 'true');
  strip.setAttribute('preserveAspectRatio', 'xMinYMid meet');
  strip.setAttribute('viewBox', `0 0 ${sc.politics.campaignMonths * 40} 16`);
  for (let i = 0; i < sc.politics.campaignMonths; i++) {
    const r = document.createElementNS(SVG_NS, 'rect');
    const busy = lines.some((l) => l.tick === start + i);
    for (const [k, v] of Object.entries({ x: i * 40 + 2, y: 2, width: 36, height: 12, rx: 6, class: busy ? 'busy' : 'calm' })) r.setAttribute(k, String(v));
    strip.append(r);
  }
  return h(
    'section',
    { class: 'campaign' },
    h('h2', {}, t('elec.campaign', { months: months(sc.politics.campaignMonths), from: monthYear(sc, start), to: monthYear(sc, e.tick) })),
    strip,
    lines.length === 0
      ? h('p', { class: 'help' }, t('elec.campaign.quiet'))
      : h('ul', { class: 'log compact' }, ...lines.slice(-3).map((l) => h('li', { class: 'log-line' }, icon(l.icon, 'icon log-icon'), h('span', { class: 'log-when' }, capital(monthName(sc, l.tick))), h('span', { class: 'log-text' }, l.text)))),
  );
}

function result(ctx: ScreenContext, session: Session, e: ElectionResult): HTMLElement {
  const sc = session.scenario;
  const outgoing = session.sim.log.find((l): l is LogEntryOf<'election'> => l.kind === 'election' && l.tick === e.tick)?.data.mayor;
  const headline = e.incumbentWon ? t('elec.won', { share: pct(e.voteShare, 1) }) : t('elec.lost', { share: pct(e.voteShare, 1) });
  // Every citizen has one vote: a district weighs by its citizens.
  const starts = session.sim.citizenDistrictStart;
  const voters = starts[starts.length - 1] ?? 0;
  const weight = (i: number) => (voters > 0 ? ((starts[i + 1] ?? 0) - (starts[i] ?? 0)) / voters : 0);
  const eve = e.intentions.reduce((a, v, i) => a + v * weight(i), 0);
  const districts = sc.territory.districts.map((d, i) => {
    const share = e.byDistrict[i] ?? 0;
    if (!e.byDistrictVotes) return h('li', { class: 'district-row' }, h('span', { class: 'district-name' }, d.name), shareBar(share), figure(pct(share), t('elec.districtTip', { district: d.name, share: pct(share) })));
    const tip = t('elec.districtVoteTip', { district: d.name, share: pct(share, 1), eve: pct(e.intentions[i] ?? 0), weight: pct(weight(i)) });
    return h('li', { class: 'district-row with-eve', testid: `district-vote-${i}` }, h('span', { class: 'district-name' }, d.name), shareBar(share, false, e.intentions[i]), figure(pct(share, 1), tip));
  });
  const adds = e.byDistrictVotes ? t('elec.adds', { eve: pct(eve, 1), swing: points(e.voteShare - eve), share: pct(e.voteShare, 1) }) : t('elec.addsOld');
  return h(
    'div',
    { class: 'election-result' },
    h(
      'div',
      { class: 'election-col' },
      h(
        'section',
        { class: 'vote' },
        h('p', { class: `headline ${e.incumbentWon ? 'won' : 'lost'}` }, icon(e.incumbentWon ? 'check' : 'close'), h('span', {}, headline)),
        outgoing ? h('p', { class: 'help' }, t('elec.outgoing', { mayor: mayorName(sc, String(outgoing)) })) : null,
        h('div', { class: 'total', testid: 'vote-total' }, shareBar(e.voteShare, true, e.byDistrictVotes ? eve : undefined), figure(pct(e.voteShare, 1), t('elec.shareTip'))),
        h('p', { class: 'election-adds', testid: 'election-adds' }, adds),
      ),
      !e.incumbentWon && e.newMayor ? priorities(session, e.newMayor) : null,
    ),
    h(
      'div',
      { class: 'election-col' },
      h('section', { class: 'by-district' }, h('h2', {}, t('elec.byDistrict')), h('p', { class: 'help' }, t(e.byDistrictVotes ? 'elec.byDistrict.votes' : 'elec.byDistrict.help')), h('ol', { class: 'district-bars' }, ...districts)),
      campaign(ctx, session, e),
    ),
  );
}

/** The elections of the year that just ended, for the year summary, which opens with them (issue 11: one screen, not two to click through). */
export function electionResults(ctx: ScreenContext): HTMLElement[] {
  const session = sessionOf(ctx);
  return session.elections.map((e) => h('section', { class: 'summary-election', testid: 'summary-election' }, h('h2', {}, icon('ballot'), h('span', {}, t('elec.title', { date: monthYear(session.scenario, e.tick) }))), result(ctx, session, e)));
}
