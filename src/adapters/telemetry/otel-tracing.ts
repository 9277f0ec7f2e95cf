/**
 * OpenTelemetry's SDK behind the Tracing of ./tracing.ts: spans exported over OTLP/HTTP (JSON),
 * the active span carried by AsyncLocalStorage, W3C trace context in and out. Imported only when
 * an OTLP endpoint is set (src/composition/tracing.ts): nothing here loads when tracing is off.
 * The exporter reads OTEL_EXPORTER_OTLP_* itself (endpoint, headers, timeout) and the resource
 * detector OTEL_RESOURCE_ATTRIBUTES; SDK 3 reads no other variable, so the service name, sampler
 * and batch delay come in `settings` (checked at start by src/config.ts). Redis commands get spans
 * from ioredis's own tracing channel (otel-redis-spans.ts); SQL statements from the traced drivers.
 */
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, resourceAttributesEnvDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { redisCommandSpans } from './otel-redis-spans.ts';
import { samplerFrom, type SamplerName } from './otel-sampler.ts';
import { IDLE_SPAN, type ActiveSpan, type SpanKindName, type Tracing } from './tracing.ts';

export type OtelSettings = Readonly<{
  /** service.name unless OTEL_RESOURCE_ATTRIBUTES names one. */
  defaultServiceName: string;
  /** OTEL_SERVICE_NAME: wins over both. */
  serviceName?: string;
  sampler?: SamplerName;
  samplerRatio?: number;
  /** OTEL_BSP_SCHEDULE_DELAY. */
  exportDelayMs?: number;
}>;

export type OtelTracing = { tracing: Tracing; shutdown(timeoutMs: number): Promise<void> };

const KINDS: Record<SpanKindName, SpanKind> = {
  server: SpanKind.SERVER,
  client: SpanKind.CLIENT,
  producer: SpanKind.PRODUCER,
  consumer: SpanKind.CONSUMER,
  internal: SpanKind.INTERNAL,
};

/** Builds the provider, registers it globally (context manager, propagator, tracer provider), and returns the Tracing over it. */
export function startOtelTracing(settings: OtelSettings): OtelTracing {
  const resource = defaultResource()
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.defaultServiceName }))
    .merge(detectResources({ detectors: [resourceAttributesEnvDetector] }))
    .merge(settings.serviceName ? resourceFromAttributes({ [ATTR_SERVICE_NAME]: settings.serviceName }) : null);
  const exporter = new OTLPTraceExporter();
  const processor = new BatchSpanProcessor({ exporter, ...(settings.exportDelayMs ? { scheduledDelayMillis: settings.exportDelayMs } : {}) });
  const provider = new TracerProvider({ resource, sampler: samplerFrom(settings.sampler, settings.samplerRatio), spanProcessors: [processor] });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider(provider);
  const tracer = provider.getTracer('users-service');
  const stopRedisSpans = redisCommandSpans(tracer);

  const tracing: Tracing = {
    headers: () => {
      const carrier: Record<string, string> = {};
      propagation.inject(context.active(), carrier);
      return carrier.traceparent ? carrier : undefined;
    },
    inSpan: (name, options, work) => {
      const parent: Context = options.parent ? propagation.extract(ROOT_CONTEXT, options.parent) : context.active();
      if (options.requireParent && !trace.getSpan(parent)) return work(IDLE_SPAN);
      return tracer.startActiveSpan(name, { kind: KINDS[options.kind], attributes: options.attributes }, parent, async (span) => {
        try {
          return await work(activeSpan(span));
        } catch (error) {
          activeSpan(span).fail(options.recordException === false ? undefined : error);
          throw error;
        } finally {
          span.end();
        }
      });
    },
    logFields: () => {
      const span = trace.getSpan(context.active())?.spanContext();
      return span && span.traceId ? { traceId: span.traceId, spanId: span.spanId } : undefined;
    },
  };

  return {
    tracing,
    // Flushes what is batched; bounded, so an unreachable collector cannot hold a shutdown up.
    shutdown: async (timeoutMs) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      try {
        await Promise.race([provider.shutdown(), late]);
      } finally {
        clearTimeout(timer);
        stopRedisSpans();
        trace.disable();
        propagation.disable();
        context.disable();
      }
    },
  };
}

function activeSpan(span: Span): ActiveSpan {
  return {
    setName: (name) => span.updateName(name),
    setAttributes: (attributes) => span.setAttributes(attributes),
    fail: (error) => {
      if (error instanceof Error) span.recordException(error);
      span.setStatus({ code: SpanStatusCode.ERROR, ...(error instanceof Error ? { message: error.message } : {}) });
    },
  };
}

