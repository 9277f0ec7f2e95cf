/** Which events each consumer has handled: what makes at-least-once delivery act once. */
export interface ProcessedEvents {
  /** Records that `consumer` handled `eventId`; false when it had already (nothing recorded). */
  record(consumer: string, eventId: string): Promise<boolean>;
}
