import type { RateLimitDecision, RateLimitPolicy } from '../../application/ports/rate-limiter.ts';

/**
 * Counts one hit per counter and reports where each window stands, in one step. KEYS the counters;
 * ARGV[i] the window of KEYS[i] in milliseconds, ARGV[#KEYS + i] '1' to count a hit on it or '0'
 * to only look (a peek). Returns { hits in this window, a counted one included; ms left } for each
 * counter in turn, flattened. Shared by every Redis limiter, so they count the same counters alike.
 *
 * The expiry is set by the first hit only: the window is fixed, starting at the key's first hit
 * (as in the in-process adapter), so later hits, refused ones included, must not push its end
 * back, or a client retrying too early would stay locked out for as long as it keeps retrying.
 * A counter without a TTL (left by a PERSIST, or by a write that was not this script) would never
 * reset, so a hit gives it one: it is counted from now, and frees itself a window later. A peek
 * writes nothing; where no window is running it reports the whole window, as a hit would open.
 */
export const HIT_SCRIPT = `
local reply = {}
local n = #KEYS
for i = 1, n do
  local hits
  local ttl
  if ARGV[n + i] == '0' then
    hits = tonumber(redis.call('GET', KEYS[i]) or '0')
    ttl = redis.call('PTTL', KEYS[i])
    if ttl < 0 then ttl = tonumber(ARGV[i]) end
  else
    hits = redis.call('INCR', KEYS[i])
    if hits == 1 then
      redis.call('PEXPIRE', KEYS[i], ARGV[i])
      ttl = tonumber(ARGV[i])
    else
      ttl = redis.call('PTTL', KEYS[i])
      if ttl < 0 then
        redis.call('PEXPIRE', KEYS[i], ARGV[i])
        ttl = tonumber(ARGV[i])
      end
    end
  end
  reply[#reply + 1] = hits
  reply[#reply + 1] = ttl
end
return reply
`;

/** A hit to count (`counted`), or a peek. */
export type Hit = Readonly<{ key: string; windowMs: number; counted: boolean }>;

/** The script's KEYS then ARGV for `hits`, in the order it reads them. */
export function scriptArguments(hits: readonly Hit[]): (string | number)[] {
  return [...hits.map((hit) => hit.key), ...hits.map((hit) => hit.windowMs), ...hits.map((hit) => (hit.counted ? 1 : 0))];
}

/**
 * `${prefix}${name}:${key}`, with the name percent-encoded so that it holds no ':' and the first
 * ':' after it always ends it: policy 'x' with key ':y' and policy 'x:' with key 'y' stay two
 * counters. Names made of letters, digits and '-' (the service's own) read unchanged.
 */
export function hitOf(prefix: string, policy: RateLimitPolicy, key: string, counted: boolean): Hit {
  return { key: `${prefix}${encodeURIComponent(policy.name)}:${key}`, windowMs: Math.ceil(policy.windowSeconds * 1000), counted };
}

/** What the script's answer for one counter means: a hit is allowed up to `max`, a peek while below it. */
export function decisionOf(policy: RateLimitPolicy, counted: boolean, [hits, msLeft]: readonly [number, number]): RateLimitDecision {
  const allowed = counted ? hits <= policy.max : hits < policy.max;
  return { allowed, limit: policy.max, remaining: Math.max(0, policy.max - hits), resetSeconds: Math.max(1, Math.ceil(msLeft / 1000)) };
}

export function parseScriptReply(reply: unknown, count: number): [hits: number, msLeft: number][] {
  if (!Array.isArray(reply) || reply.length !== 2 * count || !reply.every(Number.isInteger)) {
    throw new Error(`Unexpected reply from the rate limit script: ${JSON.stringify(reply)}`);
  }
  return Array.from({ length: count }, (_, i) => [reply[2 * i] as number, reply[2 * i + 1] as number]);
}
