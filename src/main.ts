/**
 * The Node.js entry point (Deno runs it too). It turns on Node's on-disk compile cache, then loads
 * the service (src/serve.ts): every module imported after this keeps V8's compiled code between
 * starts, ~50 ms of a 0.6 s start (docs/benchmarks.md). Where the cache is unsupported or its
 * directory unwritable, the start goes on without it.
 */
import module from 'node:module';

try {
  module.enableCompileCache?.();
} catch {
  // A runtime whose node:module lacks it (or refuses) starts as before.
}
await import('./serve.ts');
