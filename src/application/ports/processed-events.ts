/** Which events each consumer has handled: what makes at-least-once delivery act once. */
export interface ProcessedEvents {
  /** Records that `consumer` handled `eventId`; false when it had already (nothing recorded). */
  record(consumer: string, eventId: string): Promise<boolean>;
  /** Retention: removes up to `limit` records made before `before`; how many it removed. */
  deleteRecordedBefore(before: Date, limit: number): Promise<number>;
}
