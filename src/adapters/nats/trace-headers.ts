import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import type { MessageHeaders } from '../../application/ports/message-headers.ts';

/** The W3C trace context headers: what a message carries of the trace that caused it (API.md, Events). */
const TRACE_HEADERS = ['traceparent', 'tracestate'] as const;

/** A received message's trace headers; undefined when it has none (sent with tracing off). */
export function receivedTraceHeaders(headers: MsgHdrs | undefined): MessageHeaders | undefined {
  const traceparent = headers?.get('traceparent');
  if (!traceparent) return undefined;
  const found: Record<string, string> = {};
  for (const name of TRACE_HEADERS) {
    const value = headers?.get(name);
    if (value) found[name] = value;
  }
  return found;
}

/** NATS headers holding `values` (a message's trace headers, on their way out). */
export function toNatsHeaders(values: MessageHeaders): MsgHdrs {
  const headers = natsHeaders();
  for (const [name, value] of Object.entries(values)) headers.set(name, value);
  return headers;
}
