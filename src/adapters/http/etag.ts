import type { VersionPrecondition } from '../../application/shared/precondition.ts';

/**
 * Entity tags are strong and derived from the row version alone (`"v3"`): two representations
 * with the same version are byte-for-byte the same user, and the tag costs no hashing.
 */
export function versionEtag(version: number): string {
  return `"v${version}"`;
}

/**
 * A public profile's tag: weak, so it never satisfies If-Match (a profile is not what a write
 * replaces), and a digest of what the profile shows, so it tells a member nothing more. A version
 * would: it counts every change of the user's email, password, role or status.
 */
export async function contentEtag(content: unknown): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(content))));
  const hex = [...digest.subarray(0, 12)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `W/"p-${hex}"`;
}

const VERSION_TAG = /^v([1-9][0-9]{0,14})$/;

/**
 * Parses If-Match (RFC 9110, 13.1.1) into the versions it names. `*` matches any current
 * version. A weak tag never matches under the strong comparison If-Match requires. A header that
 * is not a valid list of entity tags (`v3` unquoted, `*, "v3"`) is a confused client: it fails
 * closed, matching nothing, so the write is refused (412) rather than applied unguarded.
 */
export function parseIfMatch(header: string | undefined): VersionPrecondition {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return '*';
  const versions: number[] = [];
  for (const tag of entityTags(header) ?? []) {
    if (tag.weak) continue;
    const match = VERSION_TAG.exec(tag.opaque);
    if (match) versions.push(Number(match[1]));
  }
  return versions;
}

export type EntityTag = { weak: boolean; opaque: string };

/**
 * Splits `#entity-tag`, or returns null when the header is not one. Not a naive split on commas:
 * a comma is legal inside the quotes. Empty list elements are allowed (RFC 9110, 5.6.1).
 */
export function entityTags(header: string): EntityTag[] | null {
  const tags: EntityTag[] = [];
  const member = /[\s,]*(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"[ \t]*(?:,|$)/y;
  let at = 0;
  while (at < header.length) {
    if (/^[\s,]*$/.test(header.slice(at))) break;
    member.lastIndex = at;
    const match = member.exec(header);
    if (!match) return null;
    tags.push({ weak: match[1] !== undefined, opaque: match[2] ?? '' });
    at = member.lastIndex;
  }
  return tags;
}
