import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import { inSpan, type TraceHeaders } from '../../telemetry/tracing.ts';
import type { AppEnv } from '../env.ts';

/**
 * One server span per request (installed only when tracing is on), named `METHOD /route/:pattern`
 * as OpenTelemetry's HTTP conventions ask (the pattern, never the raw path: ids would make every
 * name unique). A caller's `traceparent` makes it the parent. The first middleware, so everything
 * after it (the request log included) runs inside the span; a 5xx marks it failed.
 */
export function serverSpans(): MiddlewareHandler<AppEnv> {
  return (c, next) =>
    inSpan(c.req.method, { kind: 'server', parent: callerTrace(c.req.header('traceparent'), c.req.header('tracestate')), attributes: { 'http.request.method': c.req.method, 'url.path': c.req.path } }, async (span) => {
      await next();
      const pattern = routePath(c, -1);
      const route = pattern.endsWith('*') ? undefined : pattern; // matched only middleware: no route
      const status = c.res.status;
      if (route) span.setName(`${c.req.method} ${route}`);
      span.setAttributes({ 'http.response.status_code': status, ...(route ? { 'http.route': route } : {}) });
      if (status >= 500) span.fail(c.error);
    });
}

/** Headers with no traceparent start a new trace (an empty carrier, rather than the active context). */
function callerTrace(traceparent: string | undefined, tracestate: string | undefined): TraceHeaders {
  if (!traceparent) return {};
  return tracestate ? { traceparent, tracestate } : { traceparent };
}
