/**
 * Headers a message travels with beside its body: the W3C `traceparent` (and `tracestate`) of the
 * work that caused it, when tracing is on, so that its handling continues the same trace. Written
 * and read by adapters; a use case never needs them.
 */
export type MessageHeaders = Readonly<Record<string, string>>;
