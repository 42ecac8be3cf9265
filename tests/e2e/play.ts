/**
 * What the browser tests do with a page: wait for a screen, click by test id, play on through
 * `window.horizons`, negotiate to a signature, check the exported save replays in Node. Shared by
 * every file of tests/e2e, with `openGame`, which serves the built game once per file.
 */
import { rmSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { parseSave, replaySave } from '../../src/sim';
import { buildGame, launchBrowser, serveGame, type Browser, type Served } from './browser';

/** Fewer citizen agents than the scenario's, to keep the suite fast; the save carries the number. */
const AGENTS = 1000;
/** The seed of every browser test that does not name its own: the menu would draw one at random. */
const DEFAULT_SEED = 1;
export const STEP_TIMEOUT = 20_000;

export const byId = (id: string) => `[data-testid="${id}"]`;

export async function screenOf(page: Page): Promise<string> {
  return page.evaluate(() => window.horizons!.getGame().screen);
}

export async function waitScreen(page: Page, screen: string): Promise<void> {
  await page.locator(byId(`screen-${screen}`)).waitFor({ state: 'visible', timeout: STEP_TIMEOUT });
}

/**
 * Waits until the panel on show is the store's current screen, so that what the last click changed
 * is on the page (the panels render a burst of store changes on a microtask).
 */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector(`[data-testid="screen-${window.horizons!.getGame().screen}"]`) !== null, undefined, { timeout: STEP_TIMEOUT });
}

/** Waits until the page has painted a frame since now (two animation frames): after a resize, before a screenshot. */
export async function framePainted(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

/** Waits until the city view has drawn (its canvas is labelled when the scene is created) and a frame has been painted since, for a screenshot. */
export async function painted(page: Page): Promise<void> {
  await page.locator('#city canvas[role="img"]').waitFor({ state: 'attached', timeout: STEP_TIMEOUT });
  await framePainted(page);
}

export async function click(page: Page, id: string): Promise<void> {
  await page.locator(byId(id)).first().click({ timeout: STEP_TIMEOUT });
}

/**
 * Sends an offer the table must refuse: the guaranteed share of the savings typed at 100 %, above
 * the scenario's cap. Waits for the refusal to read `refusal`; returns its element and a function
 * that types the guarantee back as it was.
 */
export async function sendRefusedOffer(page: Page, refusal: RegExp): Promise<{ error: Locator; restore: () => Promise<void> }> {
  const guarantee = page.locator(byId('neg-term-guaranteedSavingShare-text'));
  const before = await guarantee.inputValue();
  await guarantee.fill('100');
  await guarantee.press('Enter');
  await click(page, 'neg-send');
  const error = page.locator(byId('neg-error'));
  await expect.poll(() => error.textContent(), { timeout: STEP_TIMEOUT }).toMatch(refusal);
  return {
    error,
    restore: async () => {
      await guarantee.fill(before);
      await guarantee.press('Enter');
    },
  };
}

/** Plays to the end through window.horizons alone (actions() and dispatch()), as a script would. */
export async function playRestByApi(page: Page): Promise<void> {
  await page.evaluate(() => {
    const h = window.horizons!;
    h.dispatch({ type: 'setPlaying', playing: false });
    for (let guard = 0; guard < 5000 && !h.isOver(); guard++) {
      const list = h.actions();
      const pick = list.find((a) => a.type === 'accept') ?? list.find((a) => ['continue', 'endDecisions', 'advance', 'leaveNegotiation'].includes(a.type)) ?? list[0]!;
      const r = h.dispatch(pick);
      if (!r.ok) throw new Error(`refused ${JSON.stringify(pick)}: ${r.reason}`);
    }
  });
  expect(await page.evaluate(() => window.horizons!.isOver())).toBe(true);
}

/** The exported save replays in Node to the browser's final hash. */
export async function expectReplayMatches(page: Page): Promise<void> {
  const { save, hash } = await page.evaluate(() => ({ save: window.horizons!.exportSave(), hash: window.horizons!.stateHash() }));
  const parsed = parseSave(JSON.parse(JSON.stringify(save)), 'browser export');
  if (!parsed.ok) throw new Error(parsed.error);
  const report = replaySave(parsed.value);
  expect(report.mismatches).toEqual([]);
  expect(report.finalHash).toBe(hash);
}

/** From the menu, by clicking: the role, start, past the briefing, to the first decisions. */
export async function startToDecisions(page: Page, role: 'city' | 'partner' | 'both'): Promise<void> {
  await click(page, `role-${role}`);
  await click(page, 'start');
  await waitScreen(page, 'briefing');
  await click(page, 'continue');
  await waitScreen(page, 'decisions');
}

/** Negotiates at the table by clicking until a contract with the partner is signed. */
export async function negotiateToSignature(page: Page, side: 'city' | 'partner', shot: (name: string) => Promise<void>): Promise<void> {
  const signed = () => page.evaluate(() => window.horizons!.getState()!.contracts.some((c) => c.builder === 'partner'));
  let shotTaken = false;
  // A competitive dialogue takes a year or more (MODEL §13.1): the loop may cross a year's end.
  for (let round = 0; round < 120 && !(await signed()); round++) {
    const screen = await screenOf(page);
    if (screen === 'negotiation') {
      const n = await page.evaluate(() => {
        const s = window.horizons!.getState()!;
        return s.negotiation ? { turn: s.negotiation.turn, offeredBy: s.negotiation.offeredBy, ratifying: s.negotiation.ratificationMonthsLeft > 0, lastMoveTick: s.negotiation.lastMoveTick, tick: s.tick } : null;
      });
      if (!shotTaken) {
        await shot('negotiation');
        shotTaken = true;
      }
      if (n && n.turn === side && !n.ratifying && n.lastMoveTick < n.tick) {
        // The other side's answer is on the table: take it (a player who wants a deal this year).
        await click(page, 'neg-accept');
      } else if (!n) {
        await click(page, 'neg-send');
      } else {
        await click(page, 'neg-next-month');
      }
    } else if (!(await clickTowardTable(page, screen))) {
      break;
    }
    await settled(page);
  }
  expect(await signed()).toBe(true);
}

/** Away from the table, the click that leads back to it (the next month, the table itself, on past a briefing or a summary); false on any other screen. */
export async function clickTowardTable(page: Page, screen: string): Promise<boolean> {
  const next: Record<string, string> = { months: 'next-month', decisions: 'open-negotiation', yearSummary: 'continue', briefing: 'continue' };
  const id = next[screen];
  if (id) await click(page, id);
  return id !== undefined;
}

/**
 * Builds and serves the game for one test file, checks that every page ends without a script error,
 * and returns `open(query)`: a fresh browser on the menu, with a fixed seed (the menu's is drawn at
 * random otherwise) unless `query` names one.
 */
export function gameServer(): { open(query?: string): Promise<Page> } {
  let served: Served;
  let browser: Browser | undefined;
  let outDir: string;

  beforeAll(async () => {
    outDir = await buildGame();
    served = await serveGame(outDir);
  });

  afterAll(async () => {
    await served?.close();
    if (outDir) rmSync(outDir, { recursive: true, force: true });
  });

  afterEach(async () => {
    // Copied before closing: the close itself aborts what the page still loads (the city view's
    // icons, as blob URLs), which is the teardown's doing, not an error of the game.
    const errors = [...(browser?.errors ?? [])];
    await browser?.close();
    browser = undefined;
    // oxlint-disable-next-line vitest/no-standalone-expect -- every test's page must end without a script error
    expect(errors).toEqual([]);
  });

  return {
    async open(query = ''): Promise<Page> {
      browser = await launchBrowser();
      const seed = query.includes('seed=') ? '' : `&seed=${DEFAULT_SEED}`;
      await browser.page.goto(`${served.url}?agents=${AGENTS}${seed}${query}`);
      await waitScreen(browser.page, 'menu');
      return browser.page;
    },
  };
}
