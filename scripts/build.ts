/**
 * `npm run build`: the Node entries bundled into dist/ as plain JavaScript (esbuild), with the
 * packages they use, so Node neither strips types nor resolves and compiles ~800 module files at
 * start: measured in docs/benchmarks.md (start-up and idle memory). Development runs the sources.
 */
import { build, type Metafile } from 'esbuild';
import { cp, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { keepOwnSourceMaps } from './own-source-maps.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
export const OUT_DIR = `${root}dist`;
/** The process entries a deploy runs; each becomes dist/<name>.js. */
export const ENTRIES = ['src/main.ts', 'src/worker.ts', 'src/internal.ts'];

/**
 * Left as imports from node_modules: PGlite reads its WebAssembly and data files beside its own
 * modules, and pino starts pino-pretty's worker thread from a file beside its own.
 */
const EXTERNAL = ['@electric-sql/pglite', '@electric-sql/pglite/*', 'pino', 'pino-pretty', 'thread-stream'];

/**
 * CommonJS packages inside an ES module bundle still call `require` (for Node's own modules) and
 * ioredis reads `__dirname` to shorten error stacks: both defined at the top of every output file.
 */
const COMMONJS_GLOBALS = [
  "import { createRequire as __bundleRequire } from 'node:module';",
  "import { dirname as __bundleDirname } from 'node:path';",
  "import { fileURLToPath as __bundleFilePath } from 'node:url';",
  'const require = __bundleRequire(import.meta.url);',
  'const __filename = __bundleFilePath(import.meta.url);',
  'const __dirname = __bundleDirname(__filename);',
].join(' ');

/**
 * `outDir` must sit inside the checkout, so the external packages resolve from node_modules. The
 * metafile says which inputs each output file holds (a test reads what the entry loads at start).
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
    external: EXTERNAL,
    // MikroORM finds its extensions by class name (Migrator); esbuild renames classes whose names
    // collide in the bundle (Migrator2), and MikroORM would then load a second copy of itself.
    keepNames: true,
    banner: { js: COMMONJS_GLOBALS },
    // Dynamic imports stay lazy (their own chunks): Redis, SMTP, NATS and the drivers load only when configured.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: true,
    logLevel: 'warning',
    metafile: true,
  });
  await keepOwnSourceMaps(outDir);
  // The /docs page's own files, read beside the code that serves them (src/adapters/http/docs-assets.ts).
  await cp(`${root}src/adapters/http/docs-assets`, `${outDir}/docs-assets`, { recursive: true });
  return metafile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await buildNode();
