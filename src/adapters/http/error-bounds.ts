import type { ErrorCode } from '../../domain/errors.ts';

/**
 * API.md: `fields` names at most 20 problems, `message` says how many were left out, and no error
 * response is larger than 16 KiB, whatever the request. Without this a 1 MB body of unknown keys
 * bought a 4 MB answer (response amplification).
 */
export const MAX_FIELDS = 20;
export const MAX_ERROR_BYTES = 16 * 1024;
/** Room for the envelope around the error (braces, `code`) and for the note about left-out problems. */
const ENVELOPE_HEADROOM = 256;
const MAX_KEY_CHARS = 100;
const MAX_FIELD_MESSAGE_CHARS = 300;
const MAX_MESSAGE_CHARS = 1000;

export type BoundedError = { code: ErrorCode; message: string; fields?: Record<string, string> };

/** Cut at a code point (never half a surrogate pair), marked with an ellipsis. */
export function truncated(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let end = maxChars - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}

/**
 * A field's key as shown to the client: a 10 KB property name is named by its two ends, 100
 * characters in all, so that keys differing only at the end (`…0`, `…1`) stay apart.
 */
export function shownKey(key: string): string {
  if (key.length <= MAX_KEY_CHARS) return key;
  const head = truncated(key, MAX_KEY_CHARS / 2);
  let tailStart = key.length - (MAX_KEY_CHARS / 2 - 1);
  const first = key.charCodeAt(tailStart);
  if (first >= 0xdc00 && first <= 0xdfff) tailStart += 1;
  return `${head}${key.slice(tailStart)}`;
}

export function withOmittedNote(message: string, omitted: number): string {
  if (omitted === 0) return message;
  return `${message}; ${omitted} more ${omitted === 1 ? 'problem was' : 'problems were'} left out of fields`;
}

const utf8 = new TextEncoder();
const bytesOf = (error: BoundedError) => utf8.encode(JSON.stringify(error)).byteLength;

/**
 * The error as it may be sent: at most MAX_FIELDS fields, keys and sentences cut to a length, and
 * fields dropped from the end while the JSON (escapes included) would pass MAX_ERROR_BYTES.
 * `omitted` counts problems the caller already left out (validation stops collecting at 20).
 */
export function boundedError(code: ErrorCode, message: string, fields: Readonly<Record<string, string>> | undefined, omitted = 0): BoundedError {
  const shown: [string, string][] = [];
  const keys = new Set<string>();
  let left = omitted;
  // for-in, not Object.entries: a map of 90,000 problems must not be copied to drop all but 20.
  for (const key in fields) {
    const short = shownKey(key);
    if (shown.length >= MAX_FIELDS || keys.has(short)) {
      left += 1;
      continue;
    }
    keys.add(short);
    shown.push([short, truncated(fields[key] ?? '', MAX_FIELD_MESSAGE_CHARS)]);
  }
  const base = truncated(message, MAX_MESSAGE_CHARS);
  const build = (): BoundedError => {
    const error: BoundedError = { code, message: withOmittedNote(base, left) };
    // No prototype: a client's key `__proto__` stays an entry.
    if (shown.length > 0) {
      const fields: Record<string, string> = Object.create(null);
      for (const [key, sentence] of shown) fields[key] = sentence;
      error.fields = fields;
    }
    return error;
  };
  let error = build();
  while (shown.length > 0 && bytesOf(error) > MAX_ERROR_BYTES - ENVELOPE_HEADROOM) {
    shown.pop();
    left += 1;
    error = build();
  }
  return error;
}
