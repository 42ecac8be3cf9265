/**
 * Issue 11, "never stuck, never surprised", in a real Chromium (seed 1): the HUD shows the debt
 * ratio the lenders' check counts (what is signed included), as the model computes it; a refusal
 * on the negotiation table starts with what was refused and is shown whole (never clipped), in
 * French and English; an offer and its answer take one month; after a signature the table shows
 * the signed contract. Nothing lost to a change of language: the offer being built, the builder's
 * scroll, the terms a procurement set aside, a refusal (said in the new language), the history after
 * a walk-away. Screenshots go to
 * screenshots/ (neg-*).
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { projectedDebtYears, type Scenario, type SimState } from '../../src/sim';
import { describeE2E, screenshot } from './browser';
import { byId, click, clickTowardTable, framePainted, gameServer, screenOf, sendRefusedOffer, settled, STEP_TIMEOUT, waitScreen, startToDecisions } from './play';

/** Is the element wholly visible: no text overflowing its box, and its box inside the window? */
async function wholeAndVisible(page: Page, id: string): Promise<{ clipped: boolean; text: string }> {
  return page.locator(byId(id)).evaluate((el) => {
    const r = el.getBoundingClientRect();
    let inside = r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
    // Within every box that scrolls or clips it (a column of the table), as it stands: seen without scrolling.
    for (let box = el.parentElement; box && inside; box = box.parentElement) {
      if (getComputedStyle(box).overflowY === 'visible') continue;
      const b = box.getBoundingClientRect();
      inside = r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
    }
    const overflow = el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight + 1;
    return { clipped: !inside || overflow || r.height === 0, text: el.textContent ?? '' };
  });
}

/** The month the game is in, and the negotiation's moves. */
const snapshot = (page: Page) =>
  page.evaluate(() => {
    const s = window.horizons!.getState()!;
    const n = s.negotiation;
    return { tick: s.tick, n: n ? { turn: n.turn, round: n.round, roundsNeeded: n.roundsNeeded, phase: n.procedure.phase, ratifying: n.ratificationMonthsLeft > 0, lastMoveTick: n.lastMoveTick, history: n.history.map((m) => ({ by: m.by, kind: m.kind, tick: m.tick })) } : null };
  });

/**
 * The HUD's figure with what is signed is the lenders' check's own (projectedDebtYears), the one a
 * refusal to borrow cites: shown beside today's when it differs from it (then returned true).
 */
async function hudDebtIsTheModels(page: Page): Promise<boolean> {
  const game = (await page.evaluate(() => JSON.parse(JSON.stringify(window.horizons!.getGame())))) as { session: { sim: SimState; scenario: Scenario } };
  const figure = projectedDebtYears(game.session.sim, game.session.scenario).toFixed(1);
  const shown = await page.locator(byId('hud-debt-signed')).isVisible();
  const text = await page.locator(byId(shown ? 'hud-debt-signed' : 'hud-debt')).innerText();
  expect(text).toMatch(new RegExp(`(?<![\\d,.])${figure.replace('.', '[.,]')}(?![\\d])`));
  return shown;
}

describeE2E('the negotiation table (Chromium)', () => {
  const { open } = gameServer();

  it('as the city: the HUD’s debt ratio is the model’s, a refusal is whole in both languages, an offer and its answer take one month, the signed contract closes the table', async () => {
    const page = await open();
    const shot = (name: string) => screenshot(page, `neg-${name}`).then(() => undefined);
    await startToDecisions(page, 'city');

    await hudDebtIsTheModels(page);

    await click(page, 'open-negotiation');
    await waitScreen(page, 'negotiation');
    // A refusal, in French then in English: it says what was refused first, and shows whole.
    for (const lang of ['fr', 'en'] as const) {
      if (lang === 'en') await click(page, 'lang-en');
      const refused = await sendRefusedOffer(page, lang === 'fr' ? /^Offre refusée : / : /^Offer refused: /);
      const seen = await wholeAndVisible(page, 'neg-error');
      expect(seen.clipped, `refusal clipped: ${seen.text}`).toBe(false);
      await shot(`refusal-${lang}`);
      await refused.restore();
    }
    await click(page, 'lang-fr');

    // To the signature: each time the table waits for the city, an offer; its answer comes in the same month.
    let answeredInMonth = 0;
    let vetoShown = 0;
    let validityShown = 0;
    const isSigned = () => page.evaluate(() => window.horizons!.getState()!.contracts.some((c) => c.builder === 'partner'));
    for (let step = 0; step < 80 && !(await isSigned()); step++) {
      const screen = await screenOf(page);
      if (screen === 'negotiation') {
        const now = await snapshot(page);
        const myMove = !now.n || (now.n.turn === 'city' && !now.n.ratifying && now.n.phase === 'negotiation' && now.n.lastMoveTick < now.tick);
        const canAccept = await page.locator(`${byId('neg-accept')}:not([disabled])`).count();
        // Veto rounds, where they count: accepting before the rounds the veto holders require says what it costs.
        // The partner's offer on the table binds for four months: the table says until when (MODEL §13.1).
        if (now.n && myMove) {
          expect(await page.locator(byId('neg-validity')).innerText()).toMatch(/^Offre valable jusqu’à fin \S+ \d{4}/);
          validityShown += 1;
        }
        if (now.n && myMove && canAccept && now.n.round < now.n.roundsNeeded) {
          expect(await page.locator(byId('neg-veto')).innerText()).toContain(`${now.n.round}`);
          vetoShown += 1;
          if (vetoShown === 1) {
            await shot('veto');
            // The fullest bar (the legal line, the veto's cost, the offer's validity) on the projector:
            // 1024×768 in large type, the validity line and the buttons whole.
            const size = page.viewportSize()!;
            await page.setViewportSize({ width: 1024, height: 768 });
            await page.evaluate(() => window.horizons!.dispatch({ type: 'setLargeType', on: true }));
            await settled(page);
            for (const id of ['neg-validity', 'neg-send', 'neg-accept']) {
              const seen = await wholeAndVisible(page, id);
              expect(seen.clipped, `${id} clipped at 1024×768 in large type: ${seen.text}`).toBe(false);
            }
            // And the columns keep room to read the offer and its answer (~80 px when the bar carried
            // the validity and the veto's cost, 178 px since they moved to the answer card).
            const columns = await page.locator('.neg-col').evaluateAll((cols) => cols.map((c) => c.clientHeight));
            expect(Math.min(...columns), 'the columns at 1024×768 in large type').toBeGreaterThanOrEqual(150);
            // A frame painted at the new size first: once in a CI run the capture right after the
            // resize hung past its 30 s (Chromium with SwiftShader; not reproduced in seven reruns).
            await framePainted(page);
            await shot('veto-1024-large');
            await page.evaluate(() => window.horizons!.dispatch({ type: 'setLargeType', on: false }));
            await page.setViewportSize(size);
            await settled(page);
          }
        }
        if (now.n && myMove && canAccept && answeredInMonth > 0) {
          await click(page, 'neg-accept');
        } else if (myMove) {
          if (now.n && answeredInMonth === 0) await shot('before-offer');
          await click(page, 'neg-send');
          await settled(page);
          const after = await snapshot(page);
          // One month passed, and the partner answered the offer in its month.
          expect(after.tick).toBe(now.tick + 1);
          if (now.n && after.n) {
            const answer = after.n.history.at(-1)!;
            expect(answer).toMatchObject({ by: 'partner', tick: now.tick });
            answeredInMonth += 1;
            await shot('answer');
          }
          continue;
        } else {
          await click(page, 'neg-next-month');
        }
      } else if (!(await clickTowardTable(page, screen))) {
        break;
      }
      await settled(page);
    }
    expect(await isSigned()).toBe(true);
    expect(answeredInMonth).toBeGreaterThan(0);
    expect(vetoShown).toBeGreaterThan(0);
    expect(validityShown).toBeGreaterThan(0);
    // The table closes on the signed contract: what was signed.
    if ((await screenOf(page)) !== 'negotiation') {
      if ((await screenOf(page)) === 'months') await page.evaluate(() => window.horizons!.dispatch({ type: 'pause' }));
      if ((await screenOf(page)) === 'decisions') await click(page, 'open-negotiation');
    }
    if ((await screenOf(page)) === 'negotiation') {
      await page.locator(byId('neg-signed')).waitFor({ timeout: STEP_TIMEOUT });
      // The works signed and still to pay now show in the HUD beside today's ratio.
      expect(await hudDebtIsTheModels(page)).toBe(true);
      const card = await page.locator(byId('neg-signed')).innerText();
      expect(card).toMatch(/Contrat n° \d+ signé/);
      await shot('signed-fr');
      await click(page, 'lang-en');
      await page.locator(byId('neg-signed')).waitFor({ timeout: STEP_TIMEOUT });
      expect(await page.locator(byId('neg-signed')).innerText()).toMatch(/Contract no\. \d+ signed/);
      await shot('signed-en');
    }
  });

  it('as the partner: the city’s value is the partner’s estimate; after a walk-away the table says who left and why, in both languages', async () => {
    const page = await open();
    const shot = (name: string) => screenshot(page, `neg-partner-${name}`).then(() => undefined);
    await startToDecisions(page, 'partner');
    await click(page, 'open-negotiation');
    await waitScreen(page, 'negotiation');
    expect(await page.locator('.neg-legend-city').innerText()).toContain('votre estimation');
    await shot('table-fr');
    // Months pass until the offer on the table waits for the partner; then the partner walks away.
    for (let step = 0; step < 60; step++) {
      const now = await snapshot(page);
      const screen = await screenOf(page);
      const myTurn = now.n && now.n.turn === 'partner' && now.n.phase === 'negotiation' && !now.n.ratifying && now.n.lastMoveTick < now.tick;
      if (myTurn && screen === 'negotiation') break;
      if (screen === 'negotiation') await click(page, 'neg-next-month');
      else if (screen === 'months') await click(page, 'next-month');
      else if (screen === 'decisions') await click(page, myTurn ? 'open-negotiation' : 'end-decisions');
      else await click(page, 'continue');
      await settled(page);
    }
    await click(page, 'neg-walk');
    const ended = page.locator(byId('neg-ended'));
    await ended.waitFor({ timeout: STEP_TIMEOUT });
    expect(await ended.innerText()).toMatch(/^Le partenaire a rompu la négociation/);
    // The history of the offers, and the city's last answer, stay on the table in the other language.
    const rows = page.locator('.neg-history tbody tr');
    const moves = await rows.count();
    expect(moves).toBeGreaterThan(0);
    expect(await page.locator(byId('neg-answer')).count()).toBe(1);
    await shot('walked-fr');
    await click(page, 'lang-en');
    await ended.waitFor({ timeout: STEP_TIMEOUT });
    expect(await ended.innerText()).toMatch(/^The partner broke off the negotiation/);
    expect(await rows.count()).toBe(moves);
    expect(await page.locator(byId('neg-answer')).count()).toBe(1);
    expect(await page.locator('.neg-legend-city').innerText()).toContain('your estimate');
    await shot('walked-en');
  });

  it('as the city: switching the language keeps the offer being built and where the builder was scrolled; a new move, or the reset, brings back the table’s offer (a workshop in French with an English speaker)', async () => {
    const page = await open();
    await startToDecisions(page, 'city');
    await click(page, 'open-negotiation');
    await waitScreen(page, 'negotiation');
    /** A term's value in the model's unit, as its slider holds it (independent of the language). */
    const value = (term: string) => page.locator(byId(`neg-term-${term}`)).inputValue().then(Number);
    /** Sets a term by typing it, as a player does (a quarter of its slider's range away from the value shown, in the player's unit); returns the new value. */
    const edit = async (term: string, factor: number) => {
      const range = page.locator(byId(`neg-term-${term}`));
      const [min, max, now] = (await Promise.all([range.getAttribute('min'), range.getAttribute('max'), range.inputValue()])).map(Number) as [number, number, number];
      const step = Math.max(1, Math.round(((max - min) * factor) / 4));
      const next = (now * factor + (max - now > now - min ? step : -step)).toFixed(0);
      const field = page.locator(byId(`neg-term-${term}-text`));
      await field.fill(next);
      await field.press('Enter');
      await expect.poll(() => value(term), { timeout: STEP_TIMEOUT }).not.toBe(now);
      return value(term);
    };
    const column = page.locator('.neg-builder');
    const switchTo = async (lang: 'fr' | 'en') => {
      await click(page, `lang-${lang}`);
      await expect.poll(() => page.locator('.neg-builder h2').innerText(), { timeout: STEP_TIMEOUT }).toBe(lang === 'fr' ? 'Votre offre' : 'Your offer');
    };

    // The adviser's draft, edited: the length and the payment; then the builder scrolled to the risks.
    const years = await edit('durationYears', 1);
    const payment = await edit('annualPaymentEur', 1e-6);
    const risk = page.locator(byId('neg-term-penaltyRate'));
    /** Is the penalty's slider inside the builder's visible part (the column scrolls)? */
    const riskInView = () => risk.evaluate((el) => {
      const r = el.getBoundingClientRect();
      const box = el.closest('.neg-builder')!.getBoundingClientRect();
      return r.top >= box.top && r.bottom <= box.bottom;
    });
    await risk.scrollIntoViewIfNeeded();
    expect(await column.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    expect(await riskInView()).toBe(true);
    await switchTo('en');
    expect(await value('durationYears')).toBe(years);
    expect(await value('annualPaymentEur')).toBe(payment);
    expect(await riskInView()).toBe(true);
    await column.evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'neg-draft-kept-en');

    // A refusal stays on the table, said in the new language.
    const { error, restore } = await sendRefusedOffer(page, /^Offer refused: /);
    await switchTo('fr');
    expect(await error.textContent()).toMatch(/^Offre refusée : /);
    await restore();
    await expect.poll(() => error.textContent(), { timeout: STEP_TIMEOUT }).toBe('');
    expect(await value('durationYears')).toBe(years);
    expect(await value('annualPaymentEur')).toBe(payment);

    // A public procurement has no operating period: its terms, set aside, come back with the
    // performance contract, across a change of language.
    await page.locator(byId('neg-term-form-procurement')).check();
    await expect.poll(() => value('annualPaymentEur'), { timeout: STEP_TIMEOUT }).toBe(0);
    await switchTo('en');
    await page.locator(byId('neg-term-form-performance')).check();
    await expect.poll(() => value('annualPaymentEur'), { timeout: STEP_TIMEOUT }).toBe(payment);
    expect(await value('durationYears')).toBe(years);
    await switchTo('fr');

    // A new move (the offer sent) puts the table's offer in the builder; edited again, it survives
    // the switch, and the reset brings back the table's offer.
    await click(page, 'neg-send');
    await settled(page);
    const table = () => page.evaluate(() => window.horizons!.getState()!.negotiation!.offer);
    await expect.poll(async () => (await table()).durationYears, { timeout: STEP_TIMEOUT }).toBe(years);
    const edited = await edit('durationYears', 1);
    expect(edited).not.toBe(years);
    await switchTo('en');
    expect(await value('durationYears')).toBe(edited);
    await click(page, 'neg-reset');
    await expect.poll(() => value('durationYears'), { timeout: STEP_TIMEOUT }).toBe(years);
  });

  it('as the city: when the bids bring an opening offer down to the competitive ceiling, the table says so, with the payment an acceptance would sign (a facilitator’s finding)', async () => {
    const page = await open();
    await startToDecisions(page, 'city');
    // An opening offer at the top of its lawful payment range, then the months to the bids (by the API).
    const capped = await page.evaluate(() => {
      const h = window.horizons!;
      const base = (h.actions().find((a) => a.type === 'propose') as { terms: { annualPaymentEur: number } }).terms;
      // The highest of these payments the rules allow (a refused offer changes nothing).
      let sent = h.dispatch({ type: 'noSuchAction' });
      for (const f of [5, 4, 3, 2.5, 2, 1.6, 1.3]) {
        sent = h.dispatch({ type: 'propose', by: 'city', terms: { ...base, annualPaymentEur: Math.round(base.annualPaymentEur * f) } });
        if (sent.ok) break;
      }
      if (!sent.ok) return { sent, eur: 0 };
      h.dispatch({ type: 'endDecisions' });
      h.dispatch({ type: 'setPlaying', playing: false });
      for (let k = 0; k < 30; k++) {
        const s = h.getState()!;
        const n = s.negotiation;
        const bids = s.log.find((e) => e.kind === 'bidsOpened' && (e.data as { negotiation: number }).negotiation === n?.id);
        if (bids) return { sent, undercut: (bids.data as { undercut: boolean }).undercut, eur: n!.offer.annualPaymentEur };
        const list = h.actions();
        h.dispatch(list.find((a) => a.type === 'leaveNegotiation') ?? list.find((a) => a.type === 'continue') ?? list.find((a) => a.type === 'endDecisions') ?? { type: 'advance' });
      }
      return { sent, eur: 0 };
    });
    expect(capped.sent).toEqual({ ok: true });
    expect(capped.undercut).toBe(true);
    await page.evaluate(() => window.horizons!.dispatch({ type: 'openNegotiation' }));
    await waitScreen(page, 'negotiation');
    const note = page.locator(byId('neg-capped'));
    const shown = (await note.innerText({ timeout: STEP_TIMEOUT })).replace(/\s/g, ' ');
    const expected = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(Math.round(capped.eur / 1000)).replace(/\s/g, ' ');
    expect(shown).toMatch(/^Depuis, la mise en concurrence a ramené le paiement sur la table à /);
    expect(shown).toContain(expected);
    await screenshot(page, 'neg-capped-fr');
  });
});
