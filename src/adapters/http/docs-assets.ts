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

/** Every file the page loads, and where it is on disk. The edge build embeds these same files (scripts/build-edge.ts). */
export function docsAssetFiles(): { name: DocsAssetName; path: string }[] {
  const swagger = swaggerUiDirectory();
  const own = ownAssetsDirectory();
  return [...SWAGGER_UI.map((name) => ({ name, path: join(swagger, name) })), ...OWN.map((name) => ({ name, path: join(own, name) }))];
}

export function describeAsset(name: string, body: Uint8Array): DocsAsset {
  return {
    body,
    contentType: name.endsWith('.js') ? JS : CSS,
    // A digest of the content names the version in the page's links, so they can be cached for a year.
    version: createHash('sha256').update(body).digest('base64url').slice(0, 12),
  };
}

/**
 * Reads the page's files on first use (not at start: most instances never serve /docs) and keeps
 * them; a failed read is retried on the next request rather than remembered. The edge has no disk:
 * its bundle replaces this module with one that holds the files (scripts/edge-docs-assets.ts).
 */
export function docsAssets(): () => Promise<ReadonlyMap<string, DocsAsset>> {
  let loading: Promise<ReadonlyMap<string, DocsAsset>> | undefined;
  return () => {
    loading ??= (async () => {
      const entries = await Promise.all(docsAssetFiles().map(async ({ name, path }) => [name, describeAsset(name, new Uint8Array(await readFile(path)))] as const));
      return new Map(entries);
    })().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
