/**
 * The placeholder page in a real Chromium: it loads in French, Run fills one table row per
 * simulated year, the language switches to English and stays so, nothing logs an error, and the
 * browser's final stateHash equals Node's for the same scenario, seed and agent count.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildGame, describeE2E, launchBrowser, ROOT, screenshot, serveGame, type Browser, type Served } from './browser';

const SEED = 7;
const OTHER_SEED = 3;
/** Fewer citizen agents than the scenario's, to keep the suite fast; Node runs with the same. */
const AGENTS = 1500;
const RUN_TIMEOUT = 90_000;

describeE2E('placeholder page (Chromium)', () => {
  let served: Served;
  let browser: Browser;
  let outDir: string;
  let sim: typeof import('../../src/sim');
  let scenario: import('../../src/sim').Scenario;

  beforeAll(async () => {
    sim = await import('../../src/sim');
    const parsed = sim.parseScenario(JSON.parse(readFileSync(join(ROOT, 'scenarios/dijon-like.json'), 'utf8')), 'scenarios/dijon-like.json');
    if (!parsed.ok) throw new Error(parsed.error);
    scenario = parsed.value;
    outDir = await buildGame();
    served = await serveGame(outDir);
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  const nodeRun = (seed: number) => sim.runSimulation(scenario, { seed, agents: AGENTS });

  it('loads in French with the scenario, the seed from the URL and legible type', async () => {
    const { page } = browser;
    await page.goto(`${served.url}?seed=${SEED}&agents=${AGENTS}`);
    await expect.poll(() => page.textContent('#scenario-title')).toBe(scenario.title.fr);
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    expect(await page.textContent('#scenario-briefing')).toBe(scenario.briefing.fr);
    expect(await page.inputValue('#seed-input')).toBe(String(SEED));
    expect(await page.getAttribute('#run-status', 'data-status')).toBe('idle');
    expect(await page.$$('#yearly-table')).toHaveLength(0);

    // The bundled typeface is the one in use, and no HTML text is smaller than 16 px.
    const fonts = await page.evaluate(async () => {
      await document.fonts.ready;
      return { loaded: document.fonts.check('16px "Atkinson Hyperlegible"'), family: getComputedStyle(document.body).fontFamily };
    });
    expect(fonts.family).toContain('Atkinson Hyperlegible');
    expect(fonts.loaded).toBe(true);
    expect(await smallestTextPx(browser)).toBeGreaterThanOrEqual(16);

    expect(await page.evaluate(() => window.horizons?.isOver())).toBe(false);
    await screenshot(page, 'placeholder-fr-idle');
  });

  it(
    'Run fills one row per year and the browser hash equals Node’s',
    async () => {
      const { page } = browser;
      const reference = nodeRun(SEED);
      await page.click('#run-button');
      await page.waitForSelector('#run-status[data-status="done"]', { timeout: RUN_TIMEOUT });

      const years = await page.$$eval('#yearly-table tbody tr', (rows) => rows.map((r) => Number(r.getAttribute('data-year'))));
      expect(years).toEqual(reference.yearly.map((row) => row.year));
      expect(years.length).toBe(scenario.horizonYears);
      const headers = await page.$$eval('#yearly-table thead th[data-key]', (ths) => ths.map((th) => th.getAttribute('data-key')));
      // One column per reporter the yearly rows carry (at least every summary key), in REPORTERS order.
      const carried = sim.REPORTERS.filter((r) => r.key in reference.yearly[0]!).map((r) => r.key);
      expect(headers).toEqual(carried);
      expect(headers).toEqual(expect.arrayContaining([...sim.SUMMARY_KEYS]));
      const tooltip = await page.getAttribute(`#yearly-table thead th[data-key="${sim.REPORTERS[0]!.key}"]`, 'title');
      expect(tooltip).toBe(sim.REPORTERS[0]!.describe.fr);

      expect(await smallestTextPx(browser)).toBeGreaterThanOrEqual(16);
      await screenshot(page, 'placeholder-fr-done');
      await page.locator('#charts-heading').scrollIntoViewIfNeeded();
      await screenshot(page, 'placeholder-fr-charts');
      await screenshot(page, 'placeholder-fr-full', true);

      // Determinism across engines: same scenario, seed and agents give the same state bits.
      expect(await page.evaluate(() => window.horizons!.isOver())).toBe(true);
      expect(await page.textContent('#state-hash')).toBe(await page.evaluate(() => window.horizons!.stateHash()));
      expect(await page.evaluate(() => window.horizons!.stateHash()), 'Chromium and Node disagree: see the engine-dependent maths check in tests/purity.test.ts').toBe(reference.summary.stateHash);
    },
    RUN_TIMEOUT + 30_000,
  );

  it('switches to English and remembers it after a reload', async () => {
    const { page } = browser;
    await page.click('#lang-toggle');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.textContent('#scenario-title')).toBe(scenario.title.en);
    expect(await page.textContent('#run-button')).toBe('Run');
    const firstHeader = await page.textContent(`#yearly-table thead th[data-key="${sim.REPORTERS[0]!.key}"] .col-label`);
    expect(firstHeader).toBe(sim.REPORTERS[0]!.label.en);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'placeholder-en-done');

    await page.reload();
    await expect.poll(() => page.textContent('#scenario-title')).toBe(scenario.title.en);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.click('#lang-toggle');
    expect(await page.textContent('#scenario-title')).toBe(scenario.title.fr);
  });

  it(
    'runs the seed typed in the field, and that seed’s hash equals Node’s too',
    async () => {
      const { page } = browser;
      const reference = nodeRun(OTHER_SEED);
      await page.fill('#seed-input', String(OTHER_SEED));
      await page.click('#run-button');
      await page.waitForSelector('#run-status[data-status="done"]', { timeout: RUN_TIMEOUT });
      expect(new URL(page.url()).searchParams.get('seed')).toBe(String(OTHER_SEED));
      expect(await page.evaluate(() => window.horizons!.stateHash())).toBe(reference.summary.stateHash);
      expect(reference.summary.stateHash).not.toBe(nodeRun(SEED).summary.stateHash);
    },
    2 * RUN_TIMEOUT,
  );

  it('logged no console error, page error or failed request', () => {
    expect(browser.errors).toEqual([]);
  });
});

/** The smallest computed font size among visible HTML elements that hold text of their own. */
async function smallestTextPx(browser: Browser): Promise<number> {
  return browser.page.evaluate(() => {
    let smallest = Infinity;
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      if (el instanceof SVGElement || el.closest('svg')) continue;
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '');
      if (!ownText || el.getClientRects().length === 0) continue;
      smallest = Math.min(smallest, parseFloat(getComputedStyle(el).fontSize));
    }
    return smallest;
  });
}
