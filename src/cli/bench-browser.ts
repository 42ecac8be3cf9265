/**
 * The browser's figures for `npm run bench` (issue 4), measured on the built game in the system's
 * headless Chromium (software WebGL through SwiftShader on this machine):
 *  - bundle.appGzipKB: the game's JavaScript without Phaser's chunk, gzipped (level 9), KB;
 *  - browser.coldLoadMs: a fresh profile (empty cache) opens the page until the menu's start
 *    button can be clicked, median of 5 loads;
 *  - browser.longestTaskMs: the longest main-thread task (Long Tasks API: tasks over 50 ms; when
 *    none, the longest gap between two animation frames, which bounds them) while a year is played
 *    as the city through the interface's own loop (decisions, an offer, the months at full speed),
 *    from the moment the city view has booted (its boot belongs to the page load), median of 3
 *    years played in 3 fresh pages;
 *  - browser.cityView.fps: frames per second of the city view (requestAnimationFrame count over
 *    5 s) after a computer-vs-computer game has run 15 years (every project built and animating),
 *    the months paused, median of 3 windows.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { buildGame, launchBrowser, serveGame, type Served } from './browser-harness';

const COLD_LOADS = 5;
const PLAYED_YEARS = 3;
const FPS_WINDOWS = 3;
const FPS_WINDOW_MS = 5000;
const FPS_YEARS = 15;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

let cached: Promise<{ outDir: string; served: Served }> | null = null;

/** Builds and serves the game once for all the browser figures. */
function built(): Promise<{ outDir: string; served: Served }> {
  cached ??= (async () => {
    const outDir = await buildGame();
    return { outDir, served: await serveGame(outDir) };
  })();
  return cached;
}

export async function closeBrowserBench(): Promise<void> {
  if (!cached) return;
  const { outDir, served } = await cached;
  await served.close();
  rmSync(outDir, { recursive: true, force: true });
  cached = null;
}

/** The game's JavaScript without the Phaser chunk, gzipped, in KB. */
export async function appGzipKB(): Promise<number> {
  const { outDir } = await built();
  const dir = join(outDir, 'assets');
  let bytes = 0;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.js') || f.startsWith('phaser')) continue;
    bytes += gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
  }
  return bytes / 1024;
}

/** Cold loads to an interactive menu, each in a fresh profile. */
export async function coldLoadMs(): Promise<number> {
  const { served } = await built();
  const times: number[] = [];
  for (let k = 0; k < COLD_LOADS; k++) {
    const b = await launchBrowser();
    try {
      const t0 = Date.now();
      await b.page.goto(served.url);
      await b.page.locator('[data-testid="start"]').waitFor({ state: 'visible', timeout: 30_000 });
      // Interactive: the click goes through (the main thread answers).
      await b.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      times.push(Date.now() - t0);
    } finally {
      await b.close();
    }
  }
  return median(times);
}

/** Records long tasks and the longest animation-frame gap from page load. */
const OBSERVE = `
  window.__bench = { longTasks: [], maxGap: 0, frames: 0 };
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__bench.longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  } catch {}
  let last = 0;
  const frame = (t) => { if (last && window.__bench.measuring) window.__bench.maxGap = Math.max(window.__bench.maxGap, t - last); last = t; window.__bench.frames++; requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
`;

async function dispatch(page: Page, action: unknown): Promise<void> {
  const r = await page.evaluate((a) => window.horizons!.dispatch(a), action);
  if (!r.ok) throw new Error(`bench: ${JSON.stringify(action)} refused: ${r.reason}`);
}

async function screen(page: Page): Promise<string> {
  return page.evaluate(() => window.horizons!.getGame().screen);
}

/** The longest main-thread task while a year is played as the city through the interface's loop. */
export async function longestTaskMs(): Promise<number> {
  const { served } = await built();
  const values: number[] = [];
  for (let k = 0; k < PLAYED_YEARS; k++) {
    const b = await launchBrowser();
    try {
      await b.context.addInitScript(OBSERVE);
      await b.page.goto(served.url);
      await b.page.locator('[data-testid="start"]').waitFor({ state: 'visible', timeout: 30_000 });
      // The city view (Phaser's chunk) boots after the menu: a page-load task, not play. Start once it is up.
      await b.page.locator('#city canvas').waitFor({ state: 'attached', timeout: 30_000 });
      await b.page.waitForTimeout(500);
      await b.page.evaluate('window.__bench.longTasks = []; window.__bench.measuring = true');
      await dispatch(b.page, { type: 'start', scenario: 'dijon-like', role: 'city', seed: 100 + k });
      await dispatch(b.page, { type: 'continue' });
      await dispatch(b.page, { type: 'continue' });
      const offer = (await b.page.evaluate(() => window.horizons!.actions())).find((a) => a.type === 'propose');
      if (offer) await dispatch(b.page, offer);
      await dispatch(b.page, { type: 'endDecisions' });
      await dispatch(b.page, { type: 'setSpeed', speed: 12 });
      await dispatch(b.page, { type: 'setPlaying', playing: true });
      // The interface's own loop runs the months; answer the table by leaving it, until the year ends.
      for (let guard = 0; guard < 600; guard++) {
        const s = await screen(b.page);
        if (s === 'yearSummary' || s === 'election') break;
        if (s === 'negotiation') {
          await dispatch(b.page, { type: 'leaveNegotiation' });
          await dispatch(b.page, { type: 'setPlaying', playing: true });
        }
        await b.page.waitForTimeout(100);
      }
      const m = await b.page.evaluate(() => (window as unknown as { __bench: { longTasks: number[]; maxGap: number } }).__bench);
      values.push(m.longTasks.length > 0 ? Math.max(...m.longTasks) : m.maxGap);
    } finally {
      await b.close();
    }
  }
  return median(values);
}

/** Frames per second of the city view with a 15-year computer-vs-computer game on the map. */
export async function cityViewFps(): Promise<number> {
  const { served } = await built();
  const b = await launchBrowser();
  try {
    await b.context.addInitScript(OBSERVE);
    await b.page.goto(served.url);
    await b.page.locator('[data-testid="start"]').waitFor({ state: 'visible', timeout: 30_000 });
    await dispatch(b.page, { type: 'start', scenario: 'dijon-like', role: 'watch', seed: 5, city: 'long-term-mayor', partner: 'infrastructure-partner' });
    await dispatch(b.page, { type: 'continue' });
    for (let guard = 0; guard < 200; guard++) {
      const tick = await b.page.evaluate(() => window.horizons!.getState()!.tick);
      if (tick >= FPS_YEARS * 12) break;
      const s = await screen(b.page);
      await dispatch(b.page, s === 'months' ? { type: 'advance', months: 12 } : { type: 'continue' });
    }
    await b.page.evaluate(() => window.horizons!.dispatch({ type: 'setPlaying', playing: false }));
    // Let the map catch up with the new state, then count frames.
    await b.page.waitForTimeout(1500);
    const fps: number[] = [];
    for (let k = 0; k < FPS_WINDOWS; k++) {
      const f0 = await b.page.evaluate(() => (window as unknown as { __bench: { frames: number } }).__bench.frames);
      const t0 = Date.now();
      await b.page.waitForTimeout(FPS_WINDOW_MS);
      const f1 = await b.page.evaluate(() => (window as unknown as { __bench: { frames: number } }).__bench.frames);
      fps.push(((f1 - f0) * 1000) / (Date.now() - t0));
    }
    return median(fps);
  } finally {
    await b.close();
  }
}
