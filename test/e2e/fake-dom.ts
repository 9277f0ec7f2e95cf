/**
 * Just enough of the DOM to run the /docs page's script in Node (the machine has no browser and
 * no jsdom): elements with children, textContent and assigned properties.
 */
export class FakeNode {
  children: (FakeNode | string)[] = [];
  dataset: Record<string, string> = {};
  id = '';
  className = '';
  href = '';
  readonly tag: string;

  constructor(tag: string) {
    this.tag = tag;
  }

  append(...kids: (FakeNode | string)[]): void {
    this.children.push(...kids);
  }

  set textContent(value: string) {
    this.children = [String(value)];
  }

  get textContent(): string {
    return this.children.map((kid) => (typeof kid === 'string' ? kid : kid.textContent)).join('');
  }

  /** Every descendant element, depth first. */
  *all(): Generator<FakeNode> {
    for (const kid of this.children) {
      if (typeof kid === 'string') continue;
      yield kid;
      yield* kid.all();
    }
  }
}

/** Runs `script` against a page whose root has `data-spec`; `fetchJson` answers the fetch. */
export async function runDocsScript(script: string, specUrl: string, fetchJson: (url: string) => Promise<unknown>): Promise<FakeNode> {
  const root = new FakeNode('main');
  root.dataset.spec = specUrl;
  const document = {
    createElement: (tag: string) => new FakeNode(tag),
    getElementById: (id: string) => (id === 'root' ? root : null),
  };
  const fetch = async (url: string) => ({ json: () => fetchJson(url) });
  new Function('document', 'fetch', 'Node', script)(document, fetch, FakeNode);
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  return root;
}
