/**
 * A client span per Redis command, from the `ioredis:command` tracing channel that ioredis 6
 * publishes on node:diagnostics_channel. Subscribing patches nothing and works the same from the
 * sources and from the bundle; with no subscriber, ioredis skips the channel, so tracing off costs
 * nothing. Part of the OpenTelemetry side (otel-tracing.ts): loaded only when tracing is on.
 */
import { tracingChannel } from 'node:diagnostics_channel';
import { context, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { CommandTraceContext } from 'ioredis';

/** What ioredis hands the channel: the command and its address, then `error` if it failed. */
type CommandMessage = CommandTraceContext & { error?: unknown };

/**
 * Subscribes, and returns how to unsubscribe. Only the command's name is recorded: no key, no
 * argument (ioredis passes them sanitised, but a key can name a user). A command outside any span
 * (the connection's own INFO or PING) makes none, rather than a trace of its own.
 */
export function redisCommandSpans(tracer: Tracer): () => void {
  const channel = tracingChannel<unknown, CommandMessage>('ioredis:command');
  const spans = new WeakMap<CommandMessage, Span>();
  const handlers = {
    start(message: CommandMessage) {
      const parent = context.active();
      if (!trace.getSpan(parent)) return;
      const operation = message.command.toUpperCase();
      const attributes = {
        'db.system.name': 'redis',
        'db.operation.name': operation,
        'db.namespace': String(message.database),
        'server.address': message.serverAddress,
        ...(message.serverPort === undefined ? {} : { 'server.port': message.serverPort }),
      };
      spans.set(message, tracer.startSpan(operation, { kind: SpanKind.CLIENT, attributes }, parent));
    },
    error(message: CommandMessage) {
      const span = spans.get(message);
      if (!span) return;
      const code = errorCode(message.error);
      span.setAttributes({ 'error.type': code, 'db.response.status_code': code });
      span.setStatus({ code: SpanStatusCode.ERROR });
    },
    end: () => undefined,
    asyncStart: () => undefined,
    asyncEnd(message: CommandMessage) {
      spans.get(message)?.end();
      spans.delete(message);
    },
  };
  channel.subscribe(handlers);
  return () => channel.unsubscribe(handlers);
}

/** A Redis error's prefix (`NOSCRIPT`, `WRONGTYPE`), the semantic conventions' status code; else the error's name. */
function errorCode(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  return /^([A-Z]+) /.exec(message)?.[1] ?? (error instanceof Error ? error.name : '_OTHER');
}
