/**
 * Just enough of the DOM to run the /docs page's init script (src/adapters/http/docs-assets/
 * docs-init.js) in Node: elements with children, text, dataset and click listeners, and a
 * stand-in for SwaggerUIBundle that records what it was given. The real page runs in Chromium in
 * test/integration/browser/docs-page.test.ts.
 */
export class FakeNode {
  children: FakeNode[] = [];
  dataset: Record<string, string> = {};
  listeners: Record<string, ((event: { preventDefault(): void }) => void)[]> = {};
  href = '';
  text = '';
  readonly tag: string;

  constructor(tag: string) {
    this.tag = tag;
  }

  append(...kids: FakeNode[]): void {
    this.children.push(...kids);
  }

  set textContent(value: string) {
    this.children = [];
    this.text = String(value);
  }

  get textContent(): string {
    return this.text + this.children.map((kid) => kid.textContent).join('');
  }

  querySelector(tag: string): FakeNode | undefined {
    return [...this.all()].find((node) => node.tag === tag);
  }

  addEventListener(type: string, listener: (event: { preventDefault(): void }) => void): void {
    (this.listeners[type] ??= []).push(listener);
  }

  *all(): Generator<FakeNode> {
    for (const kid of this.children) {
      yield kid;
      yield* kid.all();
    }
  }
}

export type DocsPageRun = { root: FakeNode; sidebar: FakeNode; swaggerOptions: Record<string, unknown> | undefined };

/** Runs the init script against a page whose root has `data-spec`; `fetchJson` answers its fetch. */
export async function runDocsInit(script: string, specUrl: string, fetchJson: (url: string) => Promise<unknown>): Promise<DocsPageRun> {
  const root = new FakeNode('main');
  root.dataset.spec = specUrl;
  const sidebar = new FakeNode('nav');
  sidebar.append(new FakeNode('ul'));
  const document = {
    createElement: (tag: string) => new FakeNode(tag),
    getElementById: (id: string) => ({ 'swagger-ui': root, tags: sidebar })[id] ?? null,
  };
  const fetch = async (url: string) => ({ ok: true, status: 200, json: () => fetchJson(url) });
  const run: DocsPageRun = { root, sidebar, swaggerOptions: undefined };
  const SwaggerUIBundle = Object.assign((options: Record<string, unknown>) => (run.swaggerOptions = options), { presets: { apis: 'apis-preset' } });
  const window = { history: { replaceState: () => undefined } };
  new Function('window', 'document', 'fetch', 'SwaggerUIBundle', script)(window, document, fetch, SwaggerUIBundle);
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  return run;
}
