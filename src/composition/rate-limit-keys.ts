/** Where every instance keeps its rate-limit counters in Redis: Node's and the edge's alike, so they share one budget. */
export const RATE_LIMIT_KEY_PREFIX = 'users-service:rate:';
