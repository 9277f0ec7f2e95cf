/**
 * The Node.js entry point (Deno runs it too). Before it loads the service (src/serve.ts) it turns
 * on Node's on-disk compile cache, so every module after it keeps V8's compiled code between
 * starts, and source maps for the project's own code but not for packages': reading the packages'
 * maps was a quarter of a start (docs/benchmarks.md). Where either is unsupported, it starts without.
 */
import module from 'node:module';

try {
  module.enableCompileCache?.();
  module.setSourceMapsSupport?.(true, { nodeModules: false, generatedCode: false });
} catch {
  // A runtime whose node:module lacks them (or refuses) starts as before.
}
await import('./serve.ts');
