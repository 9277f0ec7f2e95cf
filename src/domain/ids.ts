const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs (v7 when the service makes them); anything else names nothing. */
export function isUuid(raw: string): boolean {
  return UUID_PATTERN.test(raw);
}
