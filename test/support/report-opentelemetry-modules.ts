/**
 * Preloaded into a service process (NODE_OPTIONS=--import=<this file>) by tests that check what it
 * loads: each OpenTelemetry module it resolves, by import or require, is written to standard error
 * as `opentelemetry module <url>`.
 */
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    if (specifier.startsWith('@opentelemetry/')) process.stderr.write(`opentelemetry module ${specifier} ${resolved.url}\n`);
    return resolved;
  },
});
