/** A small element factory for the negotiation table: a tag with its class, text, tooltip and test id. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: { class?: string; text?: string; title?: string; testid?: string } = {}): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (props.class) e.className = props.class;
  if (props.text !== undefined) e.textContent = props.text;
  if (props.title) e.title = props.title;
  if (props.testid) e.dataset.testid = props.testid;
  return e;
}
