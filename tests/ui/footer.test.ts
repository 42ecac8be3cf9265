/**
 * The one footer of the card screens (briefing, election, events, year summary): the note first,
 * then the primary "Continue" that sends `continue`; and the DOM builder it is made with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnyAction } from '../../src/state/game-types';
import { setLang } from '../../src/i18n';
import { h } from '../../src/ui/dom';
import { cardFooter, continueFooter, type ScreenContext } from '../../src/ui/screens/context';
import { FakeElement, installFakeDom } from './fake-dom';

let uninstall: () => void;
beforeAll(() => {
  uninstall = installFakeDom();
});
afterAll(() => uninstall());

/** A screen context that records what is dispatched (the footer reads nothing else). */
function recordingContext(sent: AnyAction[]): ScreenContext {
  return { dispatch: (a: AnyAction) => (sent.push(a), { ok: true }) } as unknown as ScreenContext;
}

describe('h', () => {
  it('builds an element with its class, test id (also its focus key), title, attributes and children', () => {
    const el = h('p', { class: 'lead', testid: 'x', title: 'why', attrs: { role: 'status' } }, 'a', null, false, undefined, 'b') as unknown as FakeElement;
    expect(el.tagName).toBe('P');
    expect(el.className).toBe('lead');
    expect(el.dataset).toEqual({ testid: 'x', focus: 'x' });
    expect(el.title).toBe('why');
    expect(el.getAttribute('role')).toBe('status');
    expect(el.textContent).toBe('ab');
  });
});

describe('continueFooter', () => {
  it('puts the note before a primary Continue that dispatches continue', () => {
    setLang('en');
    const sent: AnyAction[] = [];
    const note = h('p', { class: 'help' }, 'An election is next.');
    const { footer, go } = continueFooter(recordingContext(sent), note);
    const f = footer as unknown as FakeElement;
    expect(f.tagName).toBe('FOOTER');
    expect(f.className).toBe('card-actions');
    expect(f.children.map((c) => c.tagName)).toEqual(['P', 'BUTTON']);
    expect(f.children[1]).toBe(go);
    expect(go.className).toBe('btn btn-primary');
    expect(go.dataset.testid).toBe('continue');
    expect(go.textContent).toBe('Continue');
    (go as unknown as FakeElement).click();
    expect(sent).toEqual([{ type: 'continue' }]);
    setLang('fr');
    expect(continueFooter(recordingContext([])).go.textContent).toBe('Continuer');
  });

  it('has only the button when there is no note, and cardFooter keeps the order it is given', () => {
    const { footer } = continueFooter(recordingContext([]));
    expect((footer as unknown as FakeElement).children.map((c) => c.tagName)).toEqual(['BUTTON']);
    const a = h('button', {});
    const b = h('a', {});
    expect((cardFooter(a, null, b) as unknown as FakeElement).children).toEqual([a, b]);
  });
});
