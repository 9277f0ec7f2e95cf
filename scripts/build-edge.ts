/**
 * `npm run build:edge` (after `orm:compile`): bundles src/edge.ts for workerd into dist/edge/edge.js,
 * one ES module. The `workerd` export condition picks pg's Cloudflare socket (pg-cloudflare);
 * node:* built-ins stay imports, which workerd serves under the nodejs_compat flag; the /docs page's
 * files are embedded (edge-docs-assets.ts). Prints the size.
 */
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { embeddedDocsAssets } from './edge-docs-assets.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const EDGE_BUNDLE = `${root}dist/edge/edge.js`;

/**
 * CommonJS packages (pg, pino, ...) `require` built-ins, which an ES module bundle cannot do: the
 * banner imports them and hands them to esbuild's require shim by name.
 */
const BUILTINS = ['assert', 'buffer', 'crypto', 'diagnostics_channel', 'dns', 'events', 'fs', 'http', 'https', 'module', 'net', 'os', 'path', 'process', 'stream', 'string_decoder', 'tls', 'url', 'util', 'util/types', 'worker_threads', 'zlib'];
const UNUSED = ['v8', 'perf_hooks', 'node:v8', 'node:perf_hooks', 'cluster', 'child_process'];
const REQUIRE_SHIM = [
  ...BUILTINS.map((name, i) => `import * as __builtin${i} from 'node:${name}';`),
  `const __builtins = { ${BUILTINS.map((name, i) => `'${name}': __builtin${i}.default ?? __builtin${i}, 'node:${name}': __builtin${i}.default ?? __builtin${i}`).join(', ')} };`,
  // Required at load by code the edge never calls (prom-client's process metrics): an empty module.
  `const __unused = new Set(${JSON.stringify(UNUSED)});`,
  `const require = (name) => { const found = __builtins[name] ?? (__unused.has(name) ? {} : undefined); if (!found) throw new Error('not bundled: ' + name); return found; };`,
].join('\n');

/** Bundles to `outfile` (dist/edge/edge.js unless told otherwise: tests build apart, in parallel). */
export async function buildEdge(outfile = EDGE_BUNDLE): Promise<{ bytes: number; gzipBytes: number }> {
  await build({
    banner: { js: REQUIRE_SHIM },
    entryPoints: [`${root}src/edge.ts`],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'es2023',
    conditions: ['workerd', 'worker'],
    minify: true,
    // The drivers and servers the edge composition never loads (PGlite, NATS, Redis, mail) are not imported by it at all.
    external: ['cloudflare:sockets'],
    plugins: [embeddedDocsAssets], // /docs: Swagger UI's files inside the bundle (about 1.9 MB, 0.5 MB gzip)
    legalComments: 'none',
    logLevel: 'warning',
  });
  const bundle = readFileSync(outfile);
  return { bytes: bundle.length, gzipBytes: gzipSync(bundle).length };
}

if (import.meta.main) {
  const { bytes, gzipBytes } = await buildEdge();
  process.stdout.write(`dist/edge/edge.js: ${(bytes / 1024).toFixed(0)} KiB, ${(gzipBytes / 1024).toFixed(0)} KiB gzip\n`);
}
