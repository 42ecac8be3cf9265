/**
 * The projector (DESIGN "Projector first"): at 1024×768 and 1280×720, in large type and normal, in
 * French and English, every screen keeps its buttons inside the window and its text inside its box,
 * and the map's tabs and legend cover neither a panel's title nor a district; and no name of a
 * thing (a grant call, a project) shows in the other language.
 *
 * One game (seed 1, both sides played by people, so the hand-over shows) is walked through
 * `window.horizons` to every screen; each screen, the first time it shows, is measured in the eight
 * combinations (the window resized, the game's large type switched, the language switched) and
 * photographed (screenshots/projector-<size>-<type>-<lang>-<screen>.png). The checks read whatever
 * is on the page (every visible button, every element holding text), not a list of known elements,
 * so that they hold as the screens change.
 */
import { expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { en } from '../../src/i18n/en';
import { SCREENS } from '../../src/state/game-types';
import { fr } from '../../src/i18n/fr';
import { describeE2E, screenshot } from './browser';
import { click, gameServer, settled, STEP_TIMEOUT, waitScreen } from './play';

const SIZES = [
  { name: '1024x768', width: 1024, height: 768 },
  { name: '1280x720', width: 1280, height: 720 },
] as const;
const TYPES = ['normal', 'large'] as const;
const LANGS = ['fr', 'en'] as const;

/** The names of things (grant calls, projects, funders…) in one language that the other spells differently: none may show on the other's screens. */
const namesOnlyIn = (mine: Record<string, string>, other: Record<string, string>) =>
  Object.entries(mine)
    .filter(([k, v]) => k.startsWith('name.') && v !== other[k] && v.length > 3)
    .map(([, v]) => v);
const FOREIGN_NAMES = { fr: namesOnlyIn(en, fr), en: namesOnlyIn(fr, en) } as const;
/** A name as whole words ("pilot", not the start of "pilotage"). */
const asWord = (name: string) => new RegExp(`(^|[^\\p{L}])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u');

interface Finding {
  kind: string;
  what: string;
}

/** What is wrong on the page as it stands: buttons out of reach, text out of its box, the map's tools over a title or a district. */
async function findings(page: Page): Promise<Finding[]> {
  return page.evaluate(() => {
    const out: { kind: string; what: string }[] = [];
    const W = window.innerWidth;
    const H = window.innerHeight;
    const describe = (el: Element) => {
      const id = el.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
      const cls = typeof el.className === 'string' ? el.className.split(' ')[0] : '';
      return `${el.tagName.toLowerCase()}${cls ? '.' + cls : ''}${id ? ' in ' + id : ''} "${(el.textContent ?? '').trim().slice(0, 50)}"`;
    };
    const shown = (el: Element): boolean => {
      if (!(el instanceof HTMLElement)) return false;
      if (el.closest('[hidden], [aria-hidden="true"], .sr-only')) return false;
      // Inside a closed <details> (but its summary), or a subtree the browser does not render.
      const details = el.closest('details');
      if (details && !details.open && !el.closest('summary')) return false;
      if (typeof el.checkVisibility === 'function' && !el.checkVisibility({ contentVisibilityAuto: true, opacityProperty: true, visibilityProperty: true })) return false;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return false;
      const s = getComputedStyle(el);
      return s.visibility !== 'hidden' && s.display !== 'none' && Number(s.opacity) > 0;
    };
    /** The nearest ancestor that scrolls (its overflow auto or scroll), or null. */
    const scroller = (el: Element): HTMLElement | null => {
      for (let p = el.parentElement; p; p = p.parentElement) {
        const s = getComputedStyle(p);
        if (/(auto|scroll)/.test(s.overflowY) || /(auto|scroll)/.test(s.overflowX)) return p;
      }
      return null;
    };
    const inside = (r: DOMRect, box: { left: number; top: number; right: number; bottom: number }, slack = 1) =>
      r.left >= box.left - slack && r.top >= box.top - slack && r.right <= box.right + slack && r.bottom <= box.bottom + slack;
    const viewport = { left: 0, top: 0, right: W, bottom: H };
    const app = document.getElementById('app')!;

    // Every visible button inside the window, or inside a scrolling box that is itself inside it
    // (then the player scrolls to it): never cut by the window's edge.
    for (const b of app.querySelectorAll('button, .btn, [role="button"], select, input')) {
      if (!shown(b)) continue;
      const r = b.getBoundingClientRect();
      if (inside(r, viewport)) continue;
      const box = scroller(b);
      if (box) {
        const br = box.getBoundingClientRect();
        const horizontally = r.left >= br.left - 1 && r.right <= br.right + 1;
        if (horizontally && inside(br, viewport)) continue;
      }
      out.push({ kind: 'button outside the window', what: `${describe(b)} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}` });
    }

    // Every element holding text: its text within its box (no horizontal overflow), never clipped
    // vertically unless it is a box meant to scroll, and within the window (or its scrolling box).
    const seen = new Set<Element>();
    const walker = document.createTreeWalker(app, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent?.trim()) continue;
      let el = n.parentElement;
      if (!el || el.closest('svg')) continue;
      // The box the text lays out in: the nearest element that is not inline.
      while (el && getComputedStyle(el).display === 'inline' && el !== app) el = el.parentElement;
      if (!el || seen.has(el) || !shown(el)) continue;
      seen.add(el);
      const s = getComputedStyle(el);
      if (el.scrollWidth > el.clientWidth + 1 && !/(auto|scroll)/.test(s.overflowX)) {
        out.push({ kind: 'text wider than its box', what: `${describe(el)} (${el.scrollWidth} > ${el.clientWidth})` });
      }
      if (/(hidden|clip)/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1 && !el.closest('[data-scroll]')) {
        out.push({ kind: 'text clipped', what: `${describe(el)} (${el.scrollHeight} > ${el.clientHeight})` });
      }
      // A text cut to a number of lines (line-clamp, "…"): as tall as it is only because it is cut.
      const clamp = s.getPropertyValue('-webkit-line-clamp');
      if (clamp && clamp !== 'none') {
        const cut = el.getBoundingClientRect().height;
        el.style.setProperty('-webkit-line-clamp', 'none');
        const whole = el.getBoundingClientRect().height;
        el.style.removeProperty('-webkit-line-clamp');
        if (whole > cut + 1) out.push({ kind: 'text cut to its first lines', what: `${describe(el)} (${Math.round(whole)} > ${Math.round(cut)} px)` });
      }
      const r = el.getBoundingClientRect();
      const box = scroller(el);
      const limit = box ? box.getBoundingClientRect() : viewport;
      if (r.left < limit.left - 1 || r.right > limit.right + 1 || (!box && (r.top < -1 || r.bottom > H + 1))) {
        out.push({ kind: 'text outside the window', what: `${describe(el)} at ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)}` });
      }
    }

    // Every text of the screen on show visible where it is drawn: nothing else painted over it
    // (a bar wider than its column over a figure, a card over a label). Measured at the middle of
    // the text itself, where that is in the window (a box that scrolls shows the rest by scrolling).
    const screenRoot = app.querySelector('[data-testid^="screen-"]');
    if (screenRoot) {
      const texts = document.createTreeWalker(screenRoot, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let n = texts.nextNode(); n; n = texts.nextNode()) {
        const parent = n.parentElement;
        if (!n.textContent?.trim() || !parent || parent.closest('svg') || !shown(parent)) continue;
        range.selectNodeContents(n);
        const r = range.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const x = r.left + r.width / 2;
        const y = r.top + r.height / 2;
        const box = scroller(parent);
        const visible = box ? box.getBoundingClientRect() : viewport;
        if (x < Math.max(0, visible.left) || x > Math.min(W, visible.right) || y < Math.max(0, visible.top) || y > Math.min(H, visible.bottom)) continue;
        const hit = document.elementFromPoint(x, y);
        if (hit && !parent.contains(hit) && !hit.contains(parent)) out.push({ kind: 'text covered', what: `${describe(parent)} under ${describe(hit)}` });
      }
    }

    // The map's tools (overlay tabs, legend) over a panel's title or a district.
    const tools = [...document.querySelectorAll('.mapbar, .hz-city-legend')].filter(shown).map((el) => ({ el, r: el.getBoundingClientRect() }));
    const overlap = (a: DOMRect, b: { left: number; top: number; right: number; bottom: number }) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    // A screen that covers the map (a centred card, the table, the hand-over) hides the legend under it.
    const covered = [...app.querySelectorAll('.screen')].some((sc) => shown(sc) && !sc.classList.contains('screen-side') && !sc.classList.contains('screen-overlay'));
    const onTop = tools.filter((tool) => !covered || !tool.el.closest('#city'));
    for (const title of [...app.querySelectorAll('.screen-title, .panel-head, .side-log-head')].filter(shown)) {
      for (const tool of onTop) if (overlap(tool.r, title.getBoundingClientRect())) out.push({ kind: 'map tool over a title', what: `${describe(tool.el)} over ${describe(title)}` });
    }
    // The districts as the city view laid them out (their outlines, published on its mount).
    const raw = document.getElementById('city')?.dataset.districts;
    if (raw && !covered) {
      const districts = JSON.parse(raw) as { name: string; cell: [number, number][] }[];
      const inPolygon = (x: number, y: number, poly: [number, number][]) => {
        let odd = false;
        for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
          const [xi, yi] = poly[i]!;
          const [xj, yj] = poly[j]!;
          if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
        }
        return odd;
      };
      for (const tool of tools) {
        const r = tool.r;
        for (const d of districts) {
          // The outlines are fine polygons (56 points): a corner of the tool inside one, or a point of one inside the tool.
          const corners: [number, number][] = [[r.left + 2, r.top + 2], [r.right - 2, r.top + 2], [r.left + 2, r.bottom - 2], [r.right - 2, r.bottom - 2]];
          const hit = corners.some(([x, y]) => inPolygon(x, y, d.cell)) || d.cell.some(([x, y]) => x > r.left + 2 && x < r.right - 2 && y > r.top + 2 && y < r.bottom - 2);
          if (hit) out.push({ kind: 'map tool over a district', what: `${describe(tool.el)} over ${d.name}` });
        }
      }
    }
    // The map's words (district names and values) as the city view placed them: none covers another.
    const rawLabels = document.getElementById('city')?.dataset.labels;
    if (rawLabels && !covered) {
      const labels = JSON.parse(rawLabels) as { text: string; x0: number; y0: number; x1: number; y1: number }[];
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          const a = labels[i]!;
          const b = labels[j]!;
          if (a.x0 < b.x1 - 1 && b.x0 < a.x1 - 1 && a.y0 < b.y1 - 1 && b.y0 < a.y1 - 1) out.push({ kind: 'map words over each other', what: `"${a.text}" and "${b.text}"` });
        }
      }
    }
    return out;
  });
}

/** Sets the window size and the type size, and waits until the page has laid itself out again. */
async function setView(page: Page, size: (typeof SIZES)[number], type: (typeof TYPES)[number]): Promise<void> {
  await page.setViewportSize({ width: size.width, height: size.height });
  await page.evaluate((large) => {
    const h = window.horizons!;
    if (h.getGame().ui.largeType !== large) h.dispatch({ type: 'setLargeType', on: large });
  }, type === 'large');
  await settled(page);
  // Two frames: the panels re-render on a microtask, the city view re-lays out on the next frame.
  await page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
}

/** The next step of the walk: towards a screen not seen yet (the table, the hand-over), else on through the year. */
async function step(page: Page, seen: Set<string>): Promise<void> {
  await page.evaluate((seenList) => {
    const h = window.horizons!;
    const screen = h.getGame().screen;
    const list = h.actions();
    const has = (type: string) => list.find((a) => a.type === type);
    let pick = null;
    if (screen === 'menu') pick = { type: 'start', scenario: 'dijon-like', role: 'both', seed: 1 };
    else if (screen === 'decisions' && !seenList.includes('negotiation')) pick = has('openNegotiation');
    else if (screen === 'negotiation') pick = has('leaveNegotiation');
    else if (screen === 'months') pick = { type: 'advance', months: 12 };
    pick ??= has('continue') ?? has('endDecisions') ?? has('advance') ?? has('leaveNegotiation') ?? list[0];
    if (!pick) throw new Error(`nothing to do on ${screen}`);
    const r = h.dispatch(pick);
    if (!r.ok) throw new Error(`refused ${JSON.stringify(pick)}: ${r.reason}`);
    // Paused at once, in the same task: the months and the epilogue would otherwise play on by themselves past the screen to measure.
    h.dispatch({ type: 'setPlaying', playing: false });
  }, [...seen]);
  await settled(page);
}

describeE2E('the projector (Chromium)', () => {
  const { open } = gameServer();

  it(
    'every screen at 1024×768 and 1280×720, large type and normal, French and English: buttons inside, text unclipped, the map tools clear',
    async () => {
      const page = await open();
      await page.locator('#city canvas[role="img"]').waitFor({ state: 'attached', timeout: STEP_TIMEOUT });
      const problems: string[] = [];
      // One walk per language, the language chosen on the menu (the HUD's switch is not on every screen).
      for (const lang of LANGS) {
        await waitScreen(page, 'menu');
        if ((await page.getAttribute('html', 'lang')) !== lang) await click(page, `lang-${lang}`);
        await page.waitForFunction((l) => document.documentElement.lang === l, lang, { timeout: STEP_TIMEOUT });
        const seen = new Set<string>();
        for (let guard = 0; guard < 4000; guard++) {
          const screen = await page.evaluate(() => window.horizons!.getGame().screen);
          if (!seen.has(screen)) {
            seen.add(screen);
            await waitScreen(page, screen);
            if (screen === 'decisions') {
              // The envelope shown is the year's, labelled with it (issue 11).
              const year = await page.evaluate(() => String(window.horizons!.getGame().session!.scenario.start.year + Math.floor(window.horizons!.getState()!.tick / 12)));
              expect(await page.locator('[data-testid="dec-envelope-label"]').textContent()).toContain(year);
            }
            for (const size of SIZES) {
              for (const type of TYPES) {
                await setView(page, size, type);
                for (const f of await findings(page)) problems.push(`${screen} ${size.name} ${type} ${lang}: ${f.kind}: ${f.what}`);
                // One name per thing in each language: no name of the other language on the page.
                const text = await page.evaluate(() => document.getElementById('app')!.innerText);
                for (const name of FOREIGN_NAMES[lang]) if (asWord(name).test(text)) problems.push(`${screen} ${size.name} ${type} ${lang}: a name of the other language: "${name}"`);
                await screenshot(page, `projector-${size.name}-${type}-${lang}-${screen}`);
              }
            }
          }
          if (screen === 'end') break;
          await step(page, seen);
        }
        // Every screen the game has (game-types.ts), whatever the flow's order.
        expect([...seen].sort()).toEqual([...SCREENS].sort());
        await page.evaluate(() => window.horizons!.dispatch({ type: 'newGame' }));
      }
      expect(problems).toEqual([]);
    },
    600_000,
  );
});
