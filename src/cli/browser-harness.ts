/**
 * The browser harness shared by the browser tests and `npm run bench`: builds the game once with
 * Vite's JS API, serves it with `vite preview` on 127.0.0.1, and drives a headless Chromium
 * (the system's: /usr/bin/chromium or CHROMIUM_PATH) with a fresh profile through playwright-core
 * (no browser download, no network).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOTS = join(ROOT, 'screenshots');
const CONFIG_FILE = join(ROOT, 'vite.config.ts');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Builds the game with the project's vite.config.ts into a fresh temporary folder. */
export async function buildGame(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'horizons-dist-'));
  await build({ root: ROOT, configFile: CONFIG_FILE, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves a build with `vite preview` on 127.0.0.1 and a free port. */
export async function serveGame(outDir: string): Promise<Served> {
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    try {
      const server: PreviewServer = await preview({
        root: ROOT,
        configFile: CONFIG_FILE,
        logLevel: 'warn',
        build: { outDir },
        preview: { host: '127.0.0.1', port, strictPort: true, open: false },
      });
      return { url: `http://127.0.0.1:${port}/`, close: () => server.close() };
    } catch (err) {
      lastError = err; // the port was taken between the probe and the listen: try another
    }
  }
  throw lastError;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions and failed requests seen so far. */
  errors: string[];
  close(): Promise<void>;
}

/** Launches headless Chromium with a fresh profile and one 1280×720 page (a projector). */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'horizons-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 720 },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  page.on('response', (res) => {
    if (res.status() >= 400) errors.push(`HTTP ${res.status()}: ${res.url()}`);
  });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot to screenshots/<name>.png (gitignored) and returns its path. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage });
  return path;
}
