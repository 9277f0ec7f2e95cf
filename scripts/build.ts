/**
 * `npm run build`: the Node entries bundled into dist/ as plain JavaScript (esbuild), packages left
 * as imports. Node then neither strips types nor resolves ~200 source files at start: measured in
 * docs/benchmarks.md (start-up and idle memory). Development runs the sources as they are.
 */
import { build, type Metafile } from 'esbuild';
import { cp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const OUT_DIR = `${root}dist`;
/** The process entries a deploy runs; each becomes dist/<name>.js. */
export const ENTRIES = ['src/main.ts', 'src/worker.ts', 'src/internal.ts'];

/**
 * `outDir` must sit inside the checkout, so the bundle's package imports find node_modules. The
 * metafile says what each output file holds and imports (a test reads what the entry loads at start).
 */
export async function buildNode(outDir = OUT_DIR): Promise<Metafile> {
  await rm(outDir, { recursive: true, force: true });
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    // Packages stay imports from node_modules: drivers load lazily and PGlite finds its files.
    packages: 'external',
    // Dynamic imports stay lazy (their own chunks): Redis, SMTP, NATS and the drivers load only when configured.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: true,
    logLevel: 'warning',
    metafile: true,
  });
  // The /docs page's own files, read beside the code that serves them (src/adapters/http/docs-assets.ts).
  await cp(`${root}src/adapters/http/docs-assets`, `${outDir}/docs-assets`, { recursive: true });
  return metafile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildNode();
