const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are UUIDs (v7 when the service makes them); anything else names nothing. */
export function isUuid(raw: string): boolean {
  return UUID_PATTERN.test(raw);
}

/** A UUID branded with what it names, so that a post id cannot be passed where a user id is meant. */
export type Id<Brand extends string> = string & { readonly __brand: Brand };

/** The one place a brand is given: a UUID, lower-cased (as PostgreSQL's uuid compares), or null. */
export function parseId<Brand extends string>(raw: string): Id<Brand> | null {
  return isUuid(raw) ? (raw.toLowerCase() as Id<Brand>) : null;
}

/** For inbound adapters (HTTP paths, payloads): an id that cannot name anything is its "not found". */
export function requireId<Brand extends string>(raw: string, notFound: () => Error): Id<Brand> {
  const id = parseId<Brand>(raw);
  if (!id) throw notFound();
  return id;
}
