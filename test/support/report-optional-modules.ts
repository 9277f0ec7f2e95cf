/**
 * Preloaded into a service process (NODE_OPTIONS=--import=<this file>) by tests that check what it
 * loads only when configured: each OpenTelemetry or NATS module it resolves, by import or require, is
 * written to standard error as `opentelemetry module <url>` or `nats module <url>`, and each of the
 * service's tracing-only modules as `tracing-only module <url>`.
 */
import { registerHooks } from 'node:module';

/** The service's own modules that only tracing loads: the traced drivers and the Redis command spans. */
const TRACING_ONLY = /\/(traced-postgresql-driver|traced-pglite-driver|statement-spans|otel-redis-spans)\.ts$/;

registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    if (specifier.startsWith('@opentelemetry/')) process.stderr.write(`opentelemetry module ${specifier} ${resolved.url}\n`);
    if (specifier.startsWith('@nats-io/')) process.stderr.write(`nats module ${specifier} ${resolved.url}\n`);
    if (TRACING_ONLY.test(resolved.url)) process.stderr.write(`tracing-only module ${resolved.url}\n`);
    return resolved;
  },
});
