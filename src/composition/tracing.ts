import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { tracedConsumer, tracedJobs } from '../adapters/telemetry/traced-messages.ts';
import { TracedUnitOfWork } from '../adapters/telemetry/traced-unit-of-work.ts';
import { installTracing, noTracing, tracingOn } from '../adapters/telemetry/tracing.ts';
import type { EventConsumer } from '../application/ports/event-subscriber.ts';
import type { JobDelivery, JobVerdict } from '../application/ports/job-queue.ts';
import type { UnitOfWork } from '../application/ports/unit-of-work.ts';
import type { Close } from './closers.ts';

/** API.md, Configuration: traces over OTLP when an endpoint is set (and OTEL_SDK_DISABLED is not `true`). */
export function tracingRequested(config: Config): boolean {
  return config.OTEL_SDK_DISABLED !== 'true' && (config.OTEL_EXPORTER_OTLP_ENDPOINT ?? config.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) !== undefined;
}

/** How long a shutdown waits for the last spans to reach the collector. */
const FLUSH_TIMEOUT_MS = 5_000;

/**
 * Starts OpenTelemetry when requested, before anything that makes spans is built, and returns how
 * to flush and stop it (close it last). The SDK is a dynamic import: with tracing off not one of its
 * modules is loaded, so start-up time and memory are untouched.
 */
export async function startTracing(config: Config, logger: Logger): Promise<Close> {
  if (!tracingRequested(config)) return () => undefined;
  const { startOtelTracing } = await import('../adapters/telemetry/otel-tracing.ts');
  const otel = startOtelTracing({
    defaultServiceName: 'users-service',
    serviceName: config.OTEL_SERVICE_NAME,
    sampler: config.OTEL_TRACES_SAMPLER,
    samplerRatio: config.OTEL_TRACES_SAMPLER_ARG,
    exportDelayMs: config.OTEL_BSP_SCHEDULE_DELAY,
  });
  installTracing(otel.tracing);
  logger.info({ sampler: config.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on' }, 'tracing on: spans are exported over OTLP/HTTP');
  return async () => {
    installTracing(noTracing);
    await otel.shutdown(FLUSH_TIMEOUT_MS);
  };
}

// With tracing off these hand back what they were given: no wrapper runs on any path.

/** A span around each transaction and read. */
export const tracedUnitOfWork = (uow: UnitOfWork): UnitOfWork => (tracingOn() ? new TracedUnitOfWork(uow) : uow);

/** Each event handled in a span continuing the event's trace. */
export const withConsumerSpans = (consumer: EventConsumer, inProcess: boolean): EventConsumer =>
  tracingOn() ? tracedConsumer(consumer, inProcess ? 'in_process' : 'nats') : consumer;

/** Each job delivery run in a span continuing the trace of the work that queued it. */
export const withJobSpans = (handle: (delivery: JobDelivery) => Promise<JobVerdict>, inProcess: boolean) =>
  tracingOn() ? tracedJobs(handle, inProcess ? 'in_process' : 'nats') : handle;
