/**
 * The /docs page: Swagger UI (from the `swagger-ui-dist` package) over /openapi.json, with a
 * sidebar of tags. The page is only markup: every script and style sheet is a file served by the
 * service under /docs/assets, so its CSP allows scripts from 'self' only, and nothing comes from
 * another origin (the service may run offline).
 */
export const DOCS_ASSETS_PATH = '/docs/assets';

function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** `versions` names each asset's content, so a new release changes the links and the year-long cache cannot serve a stale file. */
export function renderDocsPage(specUrl: string, versions: ReadonlyMap<string, string>): string {
  const asset = (name: string) => escapeAttribute(`${DOCS_ASSETS_PATH}/${name}?v=${versions.get(name) ?? ''}`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Users service: API reference</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset('swagger-ui.css')}">
<link rel="stylesheet" href="${asset('docs.css')}">
</head>
<body>
<nav id="tags" aria-label="Tags"><h2>Tags</h2><ul></ul></nav>
<main id="swagger-ui" data-spec="${escapeAttribute(specUrl)}">Loading the API reference from <a href="${escapeAttribute(specUrl)}">${escapeAttribute(specUrl)}</a>…</main>
<script src="${asset('swagger-ui-bundle.js')}"></script>
<script src="${asset('docs-init.js')}"></script>
</body>
</html>
`;
}
