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
    return limit(c, next);
  };
}
