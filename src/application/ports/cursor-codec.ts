/**
 * Turns a keyset position into an opaque string and back. `decode` returns null for anything it
 * did not produce itself (tampered, truncated, foreign), which the use case reports as a 400.
 */
export interface CursorCodec {
  encode(payload: unknown): string;
  decode(cursor: string): unknown;
}
