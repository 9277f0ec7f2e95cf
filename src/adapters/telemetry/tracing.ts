/**
 * The service's one view of tracing, with no OpenTelemetry import: the SDK is loaded (a dynamic
 * import in src/composition/tracing.ts) only when an OTLP endpoint is configured, and installs
 * itself here. Until then every call is a no-op, so tracing off costs a function call, no module.
 */

/** What carries a trace from one step to the next: the W3C `traceparent` (and `tracestate`). */
export type TraceHeaders = Readonly<Record<string, string>>;

export type SpanKindName = 'server' | 'client' | 'producer' | 'consumer' | 'internal';

export type SpanAttributes = Readonly<Record<string, string | number | boolean>>;

/** The span a piece of work runs in, for what is learnt while it runs (the route, the status). */
export type ActiveSpan = {
  setName(name: string): void;
  setAttributes(attributes: SpanAttributes): void;
  /** Marks the span as failed (error status), with the exception when there is one. */
  fail(error?: unknown): void;
};

export type SpanOptions = Readonly<{
  kind: SpanKindName;
  /** A message's or request's headers: the span continues their trace; none, or unusable: the active span's, or a new trace. */
  parent?: TraceHeaders;
  attributes?: SpanAttributes;
  /** No span unless one is active: work outside any trace (a migration, a poll) would each be a trace of its own. */
  requireParent?: boolean;
  /** false: a throw sets the error status without the exception, whose message may quote data (a SQL error can quote a value). */
  recordException?: boolean;
}>;

export type Tracing = {
  /** The trace headers of the active span; undefined when there is none. */
  headers(): TraceHeaders | undefined;
  /** Runs `work` as the active span; a throw marks it failed and is rethrown; it ends when `work` settles. */
  inSpan<T>(name: string, options: SpanOptions, work: (span: ActiveSpan) => Promise<T>): Promise<T>;
  /** `traceId` and `spanId` of the active span, for log lines; undefined when there is none. */
  logFields(): Readonly<{ traceId: string; spanId: string }> | undefined;
};

/** The span of work that is not traced: what it learns goes nowhere. */
export const IDLE_SPAN: ActiveSpan = { setName: () => undefined, setAttributes: () => undefined, fail: () => undefined };

export const noTracing: Tracing = {
  headers: () => undefined,
  inSpan: (_name, _options, work) => work(IDLE_SPAN),
  logFields: () => undefined,
};

let installed: Tracing = noTracing;

/** Called once by the SDK's start (and by its shutdown, with noTracing). */
export function installTracing(tracing: Tracing): void {
  installed = tracing;
}

export const tracingOn = (): boolean => installed !== noTracing;
export const traceHeaders = (): TraceHeaders | undefined => installed.headers();
export const inSpan = <T>(name: string, options: SpanOptions, work: (span: ActiveSpan) => Promise<T>): Promise<T> => installed.inSpan(name, options, work);
export const traceLogFields = () => installed.logFields();
