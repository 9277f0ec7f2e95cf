/**
 * The /docs page: a self-contained reference rendered in the browser from the OpenAPI document.
 * No CDN and no bundled UI library (the service may run offline, and a third-party script would
 * weaken the CSP); the script below builds the page with DOM calls and `textContent` only, so
 * nothing in the document can inject markup.
 */
const STYLE = `
body { font: 15px/1.5 system-ui, sans-serif; margin: 0 auto; max-width: 60rem; padding: 1rem 2rem; color: #1d1d1f; }
code, pre { font: 13px ui-monospace, monospace; background: #f4f4f6; border-radius: 4px; padding: 0 .25rem; }
pre { padding: .5rem; overflow-x: auto; }
section.op { border: 1px solid #ddd; border-radius: 6px; margin: 1rem 0; padding: .5rem 1rem; }
.method { display: inline-block; min-width: 4.5rem; font-weight: 700; text-transform: uppercase; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 .75rem; }
th, td { border-bottom: 1px solid #eee; padding: .25rem .5rem; text-align: left; vertical-align: top; }
`;

/** Runs in the browser. Kept as plain JS in a string: it is the page, not part of the service. */
const SCRIPT = `
const el = (tag, text, attrs) => { const n = document.createElement(tag); if (text != null) n.textContent = text; Object.assign(n, attrs || {}); return n; };
const add = (parent, ...kids) => { kids.forEach((k) => k && parent.append(k)); return parent; };
let doc;
const resolve = (x) => { while (x && x.$ref) x = x.$ref.slice(2).split('/').reduce((o, k) => o[k], doc); return x; };
const refName = (x) => (x && x.$ref ? x.$ref.split('/').pop() : null);
function prose(text) {
  const out = el('div');
  for (const para of String(text || '').split(/\\n\\n+/)) {
    const p = el('p');
    para.split(/(\`[^\`]*\`)/).forEach((part) => p.append(part.startsWith('\`') ? el('code', part.slice(1, -1)) : part.replace(/\\*\\*/g, '')));
    out.append(p);
  }
  return out;
}
function schemaText(schema) { return schema ? JSON.stringify(schema, null, 2) : ''; }
function table(head, rows) {
  if (!rows.length) return null;
  const t = add(el('table'), add(el('tr'), ...head.map((h) => el('th', h))));
  rows.forEach((r) => t.append(add(el('tr'), ...r.map((c) => (c instanceof Node ? add(el('td'), c) : el('td', c))))));
  return t;
}
function operation(method, path, op) {
  const s = add(el('section', null, { className: 'op', id: op.operationId }), add(el('h3'), el('span', method, { className: 'method' }), el('code', path)));
  add(s, el('p', op.summary + (op['x-permission'] ? ' — needs ' + op['x-permission'] : '')), op.description && prose(op.description));
  const params = (op.parameters || []).map(resolve).map((p) => [p.name, p.in, p.required ? 'yes' : 'no', el('code', schemaText(p.schema).replace(/\\s+/g, ' ')), p.description || '']);
  add(s, params.length && el('h4', 'Parameters'), table(['name', 'in', 'required', 'schema', 'description'], params));
  const body = op.requestBody && op.requestBody.content['application/json'];
  if (body) add(s, el('h4', 'Request body (application/json)' + (refName(body.schema) ? ': ' + refName(body.schema) : '')), el('pre', schemaText(resolve(body.schema))));
  const responses = Object.entries(op.responses || {}).map(([status, r]) => {
    const res = resolve(r); const json = res.content && (res.content['application/json'] || Object.values(res.content)[0]);
    const headers = Object.keys(res.headers || {}).join(', ');
    return [status, (refName(r) ? refName(r) + ': ' : '') + res.description, headers, json ? (refName(json.schema) || el('code', schemaText(json.schema).slice(0, 300))) : ''];
  });
  add(s, el('h4', 'Responses'), table(['status', 'description', 'headers', 'body'], responses));
  return s;
}
async function main() {
  const root = document.getElementById('root');
  doc = await (await fetch(root.dataset.spec)).json();
  root.textContent = '';
  add(root, el('h1', doc.info.title + ' ' + doc.info.version), prose(doc.info.description));
  const toc = el('ul');
  add(root, el('h2', 'Operations'), toc);
  for (const [path, item] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(item)) {
    add(toc, add(el('li'), el('a', method.toUpperCase() + ' ' + path, { href: '#' + op.operationId })));
    root.append(operation(method, path, op));
  }
  add(root, el('h2', 'Schemas'));
  for (const [name, schema] of Object.entries(doc.components.schemas)) add(root, el('h3', name, { id: 'schema-' + name }), el('pre', schemaText(schema)));
}
main().catch((e) => { document.getElementById('root').textContent = 'Could not load the API document: ' + e.message; });
`;

function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export function renderDocsPage(specUrl: string, nonce: string): string {
  const n = escapeAttribute(nonce);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API reference</title>
<style nonce="${n}">${STYLE}</style>
</head>
<body>
<main id="root" data-spec="${escapeAttribute(specUrl)}">Loading the API reference from <a href="${escapeAttribute(specUrl)}">${escapeAttribute(specUrl)}</a>…</main>
<script nonce="${n}">${SCRIPT}</script>
</body>
</html>
`;
}
