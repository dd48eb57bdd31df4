import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountShadowUi, type ShadowUiOptions } from './shadow-ui';

// Only what mountShadowUi uses of the content-script context: its invalidation callbacks.
function context() {
  const callbacks: (() => void)[] = [];
  const ctx = { onInvalidated: (callback: () => void) => callbacks.push(callback) };
  return {
    ctx: ctx as unknown as ContentScriptContext,
    invalidate: () => callbacks.forEach((callback) => callback()),
  };
}

/** A row: <span id="before">, the anchor <p> holding a <b>, a text node, then <i id="next">. */
function page() {
  const element = (tag: string, id: string) => Object.assign(document.createElement(tag), { id });
  const anchor = element('p', 'anchor');
  anchor.append(element('b', 'inside'));
  const row = element('div', 'row');
  row.append(element('span', 'before'), anchor, 'text', element('i', 'next'));
  document.body.replaceChildren(row);
  return anchor;
}

function options(overrides: Partial<ShadowUiOptions> = {}): ShadowUiOptions {
  return {
    name: 'fifth-touch-test',
    anchor: overrides.anchor ?? page(),
    append: 'after',
    css: '.ft-bar { color: red; }',
    isolateEvents: ['keydown'],
    ...overrides,
  };
}

function host(): HTMLElement {
  return document.querySelector('fifth-touch-test')!;
}

describe('mountShadowUi', () => {
  it('puts a host named after the UI where asked, with a root the page cannot open', async () => {
    const { ctx } = context();
    const ui = await mountShadowUi(ctx, options());
    expect(host().shadowRoot).toBeNull();
    expect(host().previousElementSibling?.id).toBe('anchor');
    expect(host().nextElementSibling?.id).toBe('next');
    expect(ui.isConnected()).toBe(true);
  });

  it.each([
    ['first', (anchor: Element) => anchor.firstElementChild],
    ['last', (anchor: Element) => anchor.lastElementChild],
    ['before', (anchor: Element) => anchor.previousElementSibling],
    ['after', (anchor: Element) => anchor.nextElementSibling],
  ] as const)('places the host %s', async (append, found) => {
    const { ctx } = context();
    const anchor = page();
    await mountShadowUi(ctx, options({ anchor, append }));
    expect(found(anchor)).toBe(host());
  });

  it('renders inside, after a reset of the inherited page styles and with only our CSS', async () => {
    const { ctx } = context();
    const ui = await mountShadowUi(ctx, options());
    let shown: HTMLElement | null = null;
    ui.render(
      <span ref={(element) => void (shown = element)} className="ft-bar">
        Touch 4 of 9
      </span>,
    );
    expect(shown!.textContent).toBe('Touch 4 of 9');
    const root = shown!.getRootNode() as ShadowRoot;
    expect(root.host).toBe(host());
    expect(root.querySelector('style')?.textContent).toBe(
      ':host{all:initial !important;}\n.ft-bar { color: red; }',
    );
    // The page sees the host and nothing of what it holds.
    expect(host().textContent).toBe('');
  });

  it('stops the isolated events at the root, so the page never sees the keys typed in our UI', async () => {
    const { ctx } = context();
    const ui = await mountShadowUi(ctx, options({ isolateEvents: ['keydown'] }));
    let box: HTMLInputElement | null = null;
    ui.render(<input aria-label="note" ref={(element) => void (box = element)} />);
    const seen: string[] = [];
    const listen = (type: string) => document.addEventListener(type, () => seen.push(type));
    listen('keydown');
    listen('keyup');
    box!.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, composed: true }));
    box!.dispatchEvent(new KeyboardEvent('keyup', { bubbles: true, composed: true }));
    expect(seen).toEqual(['keyup']);
  });

  it('removes the host and unmounts once, on remove() or when the context dies', async () => {
    const { ctx, invalidate } = context();
    const ui = await mountShadowUi(ctx, options());
    ui.render(<span>shown</span>);
    invalidate();
    expect(host()).toBeNull();
    expect(ui.isConnected()).toBe(false);
    ui.remove();
    ui.render(<span>again</span>);
    expect(document.querySelector('fifth-touch-test')).toBeNull();
  });
});
