/** Every event type the service publishes (API.md, "Events"); the subject is `events.<type>`. */
export const EVENT_TYPES = ['user.created', 'user.updated', 'user.deleted', 'post.created', 'post.updated', 'post.deleted'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * A change that happened, as consumers receive it: `data` is the resource as the API shows it, or
 * `{ id }` for a deletion; `timestamp` is when it happened, in epoch milliseconds. The id (a UUIDv7)
 * is unique per event: consumers and JetStream's duplicate window use it to act once.
 */
export type DomainEvent = Readonly<{
  id: string;
  type: EventType;
  data: Readonly<Record<string, unknown>>;
  timestamp: number;
}>;

export function isEventType(value: string): value is EventType {
  return (EVENT_TYPES as readonly string[]).includes(value);
}
