import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../env.ts';
import { HttpError } from '../http-error.ts';

export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * The media types Hono's json validator parses: `application/json` and `application/*+json`,
 * parameters (charset) allowed. It must be the very same test, because for any other type the
 * validator silently validates `{}` instead of the body.
 */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i;

export function isJsonContentType(header: string | undefined): boolean {
  const mediaType = header?.split(';')[0]?.trim() ?? '';
  return JSON_MEDIA_TYPE.test(mediaType);
}

/**
 * What every route with a JSON body runs before validation. First 415 when the body is not
 * declared JSON (a missing Content-Type included): a header check, so it costs nothing. Then 413
 * over the limit: Hono's bodyLimit trusts Content-Length when there is one, and otherwise counts
 * a chunked or streamed body as it arrives, giving up at the limit instead of buffering it all.
 */
export function jsonBody(maxBytes: number): MiddlewareHandler<AppEnv> {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new HttpError('PAYLOAD_TOO_LARGE', `Request body must be at most ${maxBytes} bytes`);
    },
  });
  return async (c, next) => {
    if (!isJsonContentType(c.req.header('Content-Type'))) {
      throw new HttpError('UNSUPPORTED_MEDIA_TYPE', 'Request body must be JSON (Content-Type: application/json)');
    }
    // Nothing here decompresses: a gzip body read as JSON would be garbage or, worse, plain JSON
    // mislabelled and accepted. RFC 9110 15.5.16: 415 for a content coding the server does not take.
    const encoding = c.req.header('Content-Encoding')?.trim().toLowerCase();
    if (encoding && encoding !== 'identity') {
      throw new HttpError('UNSUPPORTED_MEDIA_TYPE', 'Request body must not be compressed (Content-Encoding is not supported)');
    }
    return limit(c, async () => {
      // JSON is UTF-8 (RFC 8259): invalid bytes are refused, not stored as U+FFFD. The bytes are
      // kept by Hono, so the validator parses them without reading the body again.
      if (!isUtf8(await c.req.arrayBuffer())) throw new HttpError('BAD_REQUEST', 'Request body is not valid UTF-8');
      await next();
    });
  };
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

function isUtf8(bytes: ArrayBuffer): boolean {
  try {
    STRICT_UTF8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}
