import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A file the /docs page loads, held in memory once read. */
export type DocsAsset = { readonly body: Uint8Array; readonly contentType: string; readonly version: string };

const JS = 'text/javascript; charset=utf-8';
const CSS = 'text/css; charset=utf-8';

/** Swagger UI comes from its npm package (`swagger-ui-dist`, pinned); the rest is ours, next to this file. */
const SWAGGER_UI = ['swagger-ui-bundle.js', 'swagger-ui.css'] as const;
const OWN = ['docs-init.js', 'docs.css'] as const;
export type DocsAssetName = (typeof SWAGGER_UI)[number] | (typeof OWN)[number];

function swaggerUiDirectory(): string {
  // The package has no `exports` map; its package.json marks the directory (what its absolutePath() returns).
  return dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
}

/**
 * Our files sit beside this module in the sources; `npm run build` copies them into dist/, where
 * this code may land in dist/chunks/ (code split between entries): the first that exists.
 */
function ownAssetsDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'docs-assets'), join(here, '..', 'docs-assets')];
  return candidates.find((candidate) => existsSync(candidate)) ?? (candidates[0] as string);
}

async function load(name: DocsAssetName, directory: string): Promise<DocsAsset> {
  const body = new Uint8Array(await readFile(join(directory, name)));
  return {
    body,
    contentType: name.endsWith('.js') ? JS : CSS,
    // A digest of the content names the version in the page's links, so they can be cached for a year.
    version: createHash('sha256').update(body).digest('base64url').slice(0, 12),
  };
}

/**
 * Reads the page's files on first use (not at start: most instances never serve /docs) and keeps
 * them; a failed read is retried on the next request rather than remembered.
 */
export function docsAssets(): () => Promise<ReadonlyMap<string, DocsAsset>> {
  let loading: Promise<ReadonlyMap<string, DocsAsset>> | undefined;
  return () => {
    loading ??= (async () => {
      const swagger = swaggerUiDirectory();
      const own = ownAssetsDirectory();
      const entries = await Promise.all([
        ...SWAGGER_UI.map(async (name) => [name, await load(name, swagger)] as const),
        ...OWN.map(async (name) => [name, await load(name, own)] as const),
      ]);
      return new Map(entries);
    })().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
