import type { Context } from 'hono';
import type { AppEnv } from './env.ts';
import { canonicalAddress, type TrustedProxies } from './trusted-proxies.ts';

// A huge header must cost nothing: only its right end can matter (see below), so only that is read.
const MAX_HEADER_CHARS = 2048;
const MAX_ENTRIES = 32;

/**
 * The client's address, for rate limits. Without `trusted` (TRUST_PROXY unset) it is the socket's
 * peer, as is: X-Forwarded-For is written by whoever sends the request, so it is believed only
 * when the peer is a proxy we trust. Then the header is walked from the right, skipping trusted
 * proxies, and the first untrusted address is the client: each trusted proxy appended the peer it
 * saw, while everything to the left of that came from the client, who can write anything there
 * (rightmost-untrusted, the standard answer to spoofing). When every entry is trusted, the leftmost
 * is the best we know. A malformed entry stops the walk at the last address we could vouch for;
 * its text is never returned. Addresses on this path are canonical (see `canonicalAddress`).
 * `unknown` where there is no socket (app.request() in tests, runtimes that do not expose it),
 * which makes every such client share one budget: the safe side. A request the edge vouched for
 * with the secret it shares with this instance names its client apart (middleware/edge-forwarded.ts).
 */
export function clientAddress<E extends AppEnv>(c: Context<E>, trusted?: TrustedProxies): string {
  const vouched = c.get('edgeClientAddress');
  if (vouched !== undefined) return vouched;
  const socket = c.env?.incoming?.socket?.remoteAddress;
  if (socket === undefined) return 'unknown';
  if (trusted === undefined) return socket;
  let nearest = canonicalAddress(socket) ?? socket;
  if (!trusted.trusts(nearest)) return nearest;
  for (const entry of forwardedForNearestFirst(c.req.header('x-forwarded-for'))) {
    const address = canonicalAddress(withoutPort(entry));
    if (address === null) return nearest;
    nearest = address;
    if (!trusted.trusts(address)) return address;
  }
  return nearest;
}

/** The header's entries, nearest proxy first; several headers arrive joined by commas, in order. */
function forwardedForNearestFirst(header: string | undefined): string[] {
  if (!header) return [];
  let tail = header;
  if (header.length > MAX_HEADER_CHARS) {
    tail = header.slice(-MAX_HEADER_CHARS);
    // A cut entry could still read as an address (the tail of an IPv6 one often does): drop it.
    if (header[header.length - MAX_HEADER_CHARS - 1] !== ',') {
      const comma = tail.indexOf(',');
      tail = comma === -1 ? '' : tail.slice(comma + 1);
    }
  }
  if (tail === '') return [];
  return tail
    .split(',')
    .slice(-MAX_ENTRIES)
    .map((entry) => entry.trim())
    .reverse();
}

/** `1.2.3.4:5678` and `[2001:db8::1]:5678`, as some load balancers write them; anything else is left as is. */
function withoutPort(entry: string): string {
  const match = /^\[([0-9a-fA-F:.]+)\](?::\d{1,5})?$/.exec(entry) ?? /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(entry);
  return match?.[1] ?? entry;
}
