/**
 * Just enough of a DOM for the screen helpers' unit tests under Node (no jsdom here): elements
 * with attributes, a dataset, children, text and click listeners. `installFakeDom()` puts a
 * `document` on globalThis for the test and returns the undo.
 */
import { vi } from 'vitest';

export class FakeNode {
  parent: FakeElement | null = null;
  constructor(public text = '') {}
  get textContent(): string {
    return this.text;
  }
}

export class FakeElement extends FakeNode {
  readonly attributes = new Map<string, string>();
  readonly dataset: Record<string, string> = {};
  readonly childNodes: FakeNode[] = [];
  private readonly listeners = new Map<string, Array<(e: unknown) => void>>();
  className = '';
  title = '';
  type = '';
  disabled = false;
  innerHTML = '';
  constructor(public readonly tagName: string) {
    super();
  }
  override get textContent(): string {
    return this.childNodes.map((c) => c.textContent).join('');
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, value);
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  append(...nodes: Array<FakeNode | string>): void {
    for (const n of nodes) {
      const node = typeof n === 'string' ? new FakeNode(n) : n;
      node.parent = this;
      this.childNodes.push(node);
    }
  }
  get children(): FakeElement[] {
    return this.childNodes.filter((c): c is FakeElement => c instanceof FakeElement);
  }
  addEventListener(type: string, listener: (e: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  click(): void {
    if (!this.disabled) for (const l of this.listeners.get('click') ?? []) l({ type: 'click' });
  }
  /** The elements below this one, depth first, that `match` accepts. */
  findAll(match: (e: FakeElement) => boolean): FakeElement[] {
    return this.children.flatMap((c) => [...(match(c) ? [c] : []), ...c.findAll(match)]);
  }
}

export function installFakeDom(): () => void {
  vi.stubGlobal('document', {
    createElement: (tag: string) => new FakeElement(tag.toUpperCase()),
    createElementNS: (_ns: string, tag: string) => new FakeElement(tag),
  });
  return () => vi.unstubAllGlobals();
}
