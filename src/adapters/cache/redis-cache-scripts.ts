/**
 * RedisCache's Lua scripts. Each one reads the epoch first (KEYS[1]) and works on keys under it,
 * `ARGV[1] .. epoch .. ':' .. key`, with the generation at the same name plus `#gen`; a generation
 * travels as its epoch and its count, so a writer that read one before a clear() never matches.
 * A script runs alone on the server: no other client's command lands between its steps.
 */
const KEYS_UNDER_EPOCH = `
local epoch = redis.call('GET', KEYS[1]) or '0'
local function value_key(key) return ARGV[1] .. epoch .. ':' .. key end
local function count_of(key) return tonumber(redis.call('GET', value_key(key) .. '#gen') or '0') end
local function raise(key, ttl)
  local generation_key = value_key(key) .. '#gen'
  redis.call('INCR', generation_key)
  redis.call('EXPIRE', generation_key, ttl)
end
local function current(expected_epoch, expected_count, key)
  return epoch == expected_epoch and count_of(key) == tonumber(expected_count)
end
`;

/**
 * ARGV: prefix, key... Returns [epoch, value or nil, count, value or nil, count, ...]. A missing
 * value is Lua `false` (never nil, which would end the array). The count is read on a hit too: a
 * hit the caller cannot decode is a miss to it, and must come with the real generation.
 */
const LOOKUP = `${KEYS_UNDER_EPOCH}
local reply = { tonumber(epoch) }
for i = 2, #ARGV do
  reply[#reply + 1] = redis.call('GET', value_key(ARGV[i]))
  reply[#reply + 1] = count_of(ARGV[i])
end
return reply
`;

/**
 * KEYS[1] the epoch. Moves to a new epoch that no earlier one can equal: past the current one and
 * at least the server's clock in seconds, so a Redis that lost its data (and its epoch) and starts
 * again from 0 still never hands out an epoch used before the loss.
 */
const CLEAR = `
local now = tonumber(redis.call('TIME')[1])
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
local next = math.max(current + 1, now)
redis.call('SET', KEYS[1], next)
return next
`;

/** ARGV: prefix, key. Returns [epoch, nil, count]: the generation alone, for writers. */
const GENERATION = `${KEYS_UNDER_EPOCH}
return { tonumber(epoch), false, count_of(ARGV[2]) }
`;

/** ARGV: prefix, key, value, ttl. */
const SET = `${KEYS_UNDER_EPOCH}
redis.call('SET', value_key(ARGV[2]), ARGV[3], 'EX', ARGV[4])
return 1
`;

/** ARGV: prefix, generation ttl, key... Values go and generations rise together. */
const DELETE = `${KEYS_UNDER_EPOCH}
for i = 3, #ARGV do
  redis.call('DEL', value_key(ARGV[i]))
  raise(ARGV[i], ARGV[2])
end
return 1
`;

/** ARGV: prefix, key, value, ttl, epoch, count. Returns 1 if stored. */
const SET_IF_GENERATION = `${KEYS_UNDER_EPOCH}
if not current(ARGV[5], ARGV[6], ARGV[2]) then return 0 end
redis.call('SET', value_key(ARGV[2]), ARGV[3], 'EX', ARGV[4])
return 1
`;

/** ARGV: prefix, key, value, ttl, epoch, count, generation ttl. Returns 1 if stored, 0 if deleted. */
const WRITE_THROUGH = `${KEYS_UNDER_EPOCH}
local stored = current(ARGV[5], ARGV[6], ARGV[2])
if stored then
  redis.call('SET', value_key(ARGV[2]), ARGV[3], 'EX', ARGV[4])
else
  redis.call('DEL', value_key(ARGV[2]))
end
raise(ARGV[2], ARGV[7])
if stored then return 1 end
return 0
`;

const script = (lua: string) => ({ numberOfKeys: 1, lua });

/** Registered on the client with `defineCommand` (EVALSHA, falling back to EVAL once per script). */
export const CACHE_SCRIPTS = {
  cacheLookup: script(LOOKUP),
  cacheGeneration: script(GENERATION),
  cacheSet: script(SET),
  cacheDelete: script(DELETE),
  cacheSetIfGeneration: script(SET_IF_GENERATION),
  cacheWriteThrough: script(WRITE_THROUGH),
  cacheClear: script(CLEAR),
} as const;

type Arg = string | number;

/** The commands `defineCommand` adds to the client, typed. */
export type CacheScripts = {
  cacheLookup(epochKey: string, prefix: string, ...keys: string[]): Promise<(string | number | null)[]>;
  cacheGeneration(epochKey: string, prefix: string, key: string): Promise<[number, null, number]>;
  cacheSet(epochKey: string, prefix: string, key: string, value: string, ttl: number): Promise<number>;
  cacheDelete(epochKey: string, prefix: string, generationTtl: number, ...keys: string[]): Promise<number>;
  cacheSetIfGeneration(epochKey: string, prefix: string, ...args: Arg[]): Promise<number>;
  cacheWriteThrough(epochKey: string, prefix: string, ...args: Arg[]): Promise<number>;
  cacheClear(epochKey: string): Promise<number>;
};
