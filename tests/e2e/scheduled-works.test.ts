/**
 * Signed works that have not started yet (a purchase in its award procedure, a bundle's quicker works
 * phased to open with its slowest, MODEL §8) say so on the map's tooltip, with the months left,
 * rather than show works at 0 % for months (review of issue 9's thirteenth round). A purchase of
 * smart traffic lights in every district goes through an open call for tenders and the council's
 * deliberation: its works wait. The tooltip is found by moving the pointer over the map.
 */
import { expect, it } from 'vitest';
import { describeE2E, screenshot } from './browser';
import { gameServer, painted, startToDecisions, STEP_TIMEOUT, waitScreen } from './play';

describeE2E('signed works that wait (Chromium)', () => {
  const { open } = gameServer();

  it('the tooltip of a purchase in its procedure counts the months before its works', async () => {
    const page = await open();
    await startToDecisions(page, 'city');
    const results = await page.evaluate(() => {
      const h = window.horizons!;
      const all = h.getState()!.districts.map((_, i) => i);
      return [h.dispatch({ type: 'setBudget', envelopeEur: 30e6, taxChange: 0 }), h.dispatch({ type: 'launchAlone', project: 'smartTraffic', districts: all, pilot: false })];
    });
    expect(results).toEqual([{ ok: true }, { ok: true }]);
    const waiting = await page.evaluate(() => {
      const s = window.horizons!.getState()!;
      return s.deployments.filter((d) => d.family === 'smartTraffic' && (d.worksStartTick ?? 0) > s.tick).map((d) => d.worksStartTick! - s.tick);
    });
    expect(waiting.length).toBeGreaterThan(0);
    await painted(page);
    const box = (await page.locator('#city canvas').first().boundingBox())!;
    const tipText = () => page.evaluate(() => [...document.querySelectorAll<HTMLElement>('#city *')].filter((e) => !e.hidden && e.children.length > 0 && /travaux dans/.test(e.textContent ?? '')).map((e) => e.textContent ?? '')[0] ?? '');
    // The map sits left of the decisions panel; a badge is about 24 px wide, so a 12-px grid meets it.
    const right = await page.evaluate(() => document.querySelector('[data-testid="screen-decisions"] .panel')?.getBoundingClientRect().left ?? window.innerWidth);
    let found = '';
    for (let y = box.y + 6; y < box.y + box.height && !found; y += 12) {
      for (let x = box.x + 6; x < Math.min(right, box.x + box.width) && !found; x += 12) {
        await page.mouse.move(x, y);
        found = await tipText();
      }
    }
    expect(found).toContain(`Signé : travaux dans ${waiting[0]} mois`);
    expect(found).not.toMatch(/En travaux : 0/);
    await screenshot(page, 'scheduled-works-tooltip-fr');
    // The next year's budget: the payments due on those works are shown, and the envelope starts at
    // them (compulsory spending, CGCT L1612-15; issue 9's eighteenth round).
    const due = await page.evaluate(() => {
      const h = window.horizons!;
      h.dispatch({ type: 'setPlaying', playing: false });
      for (let guard = 0; guard < 500 && !(h.getGame().screen === 'decisions' && h.getState()!.tick >= 12); guard++) {
        const list = h.actions();
        const pick = list.find((a) => ['continue', 'endDecisions', 'advance', 'leaveNegotiation'].includes(a.type)) ?? list[0]!;
        const r = h.dispatch(pick);
        if (!r.ok) throw new Error(`refused ${JSON.stringify(pick)}: ${r.reason}`);
      }
      return h.getState()!.tick;
    });
    expect(due).toBe(12);
    await waitScreen(page, 'decisions');
    const line = page.locator('[data-testid="dec-payments-due"]');
    await line.waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
    expect(await line.textContent()).toMatch(/^Crédits de paiement dus cette année sur les travaux déjà signés\s:\s\d[\d\s,]*\sM€\. Le budget doit les inscrire/);
    const envelopeM = Number((await page.locator('#dec-envelope').inputValue()).replace(',', '.'));
    expect(envelopeM).toBeGreaterThan(8);
    await line.scrollIntoViewIfNeeded();
    await painted(page);
    await screenshot(page, 'decisions-payments-due-fr');
  }, 240_000);
});
