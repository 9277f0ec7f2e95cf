/** Produces new entity ids: UUIDv7 in production, so ids sort by creation time. */
export interface IdGenerator {
  next(): string;
}
