/* global window, document, fetch, SwaggerUIBundle */
// The /docs page's own script, served from /docs/assets like Swagger UI itself, so the page's CSP
// can forbid inline scripts. It fetches /openapi.json, leaves out what a reader does not want to
// browse, builds the sidebar of tags and hands the rest to Swagger UI.
(async () => {
  const root = document.getElementById('swagger-ui');
  const sidebar = document.getElementById('tags');
  const response = await fetch(root.dataset.spec, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${root.dataset.spec} answered ${response.status}`);
  const doc = await response.json();

  // HEAD and OPTIONS are served wherever GET is, and /openapi.json says so; listed in the UI they
  // would triple every path. The document itself is left as it is.
  for (const item of Object.values(doc.paths)) {
    delete item.head;
    delete item.options;
  }

  // Swagger UI warns about any jsonSchemaDialect but the OAS default; ours is JSON Schema 2020-12,
  // which that default builds on, so the reader is spared the warning.
  delete doc.jsonSchemaDialect;

  const used = new Set(Object.values(doc.paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags ?? [])));
  for (const { name } of (doc.tags ?? []).filter((tag) => used.has(tag.name))) {
    const link = document.createElement('a');
    link.textContent = name;
    link.href = `#/${encodeURIComponent(name)}`;
    link.addEventListener('click', (event) => {
      event.preventDefault();
      const header = document.getElementById(`operations-tag-${name.replace(/\s/g, '_')}`);
      if (!header) return;
      if (header.dataset.isOpen === 'false') header.click();
      header.scrollIntoView({ behavior: 'smooth', block: 'start' });
      window.history.replaceState(null, '', link.href);
    });
    const item = document.createElement('li');
    item.append(link);
    sidebar.querySelector('ul').append(item);
  }

  window.ui = SwaggerUIBundle({
    spec: doc,
    domNode: root,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    deepLinking: true,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    displayOperationId: false,
    displayRequestDuration: true,
    filter: true,
    persistAuthorization: true,
    tryItOutEnabled: true,
    // Never ask validator.swagger.io about the document: the page loads nothing from outside.
    validatorUrl: null,
  });
})().catch((error) => {
  document.getElementById('swagger-ui').textContent = `Could not load the API document: ${error.message}`;
});
