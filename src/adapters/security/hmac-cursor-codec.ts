import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { CursorCodec } from '../../application/ports/cursor-codec.ts';

const TAG_BYTES = 16;

/**
 * Cursors as `base64url(JSON).base64url(HMAC-SHA256 tag)`: opaque to clients, and any change to
 * one (a flipped character, an edited position) fails the tag and is a 400. Instances that serve
 * one API must share the secret (CURSOR_SECRET), or a cursor from one is refused by another.
 */
export class HmacCursorCodec implements CursorCodec {
  readonly #secret: Buffer;

  constructor(secret?: string) {
    this.#secret = secret ? Buffer.from(secret, 'utf8') : randomBytes(32);
  }

  encode(payload: unknown): string {
    const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    return `${body}.${this.#tag(body).toString('base64url')}`;
  }

  decode(cursor: string): unknown {
    const [body, tag, extra] = cursor.split('.');
    if (!body || !tag || extra !== undefined) return null;
    // Compare the tag's text, not its decoded bytes: base64url decoding is lenient (`+` for `-`,
    // spare low bits, padding), so different text could decode to the same bytes and pass.
    const given = Buffer.from(tag, 'utf8');
    const expected = Buffer.from(this.#tag(body).toString('base64url'), 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      return JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
  }

  #tag(body: string): Buffer {
    return createHmac('sha256', this.#secret).update(body).digest().subarray(0, TAG_BYTES);
  }
}
