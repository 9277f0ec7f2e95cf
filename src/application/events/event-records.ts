import type { EventType, DomainEvent } from '../../domain/events.ts';
import type { Post } from '../../domain/post.ts';
import type { UserView } from '../../domain/user.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/id-generator.ts';
import { postRepresentation, userRepresentation } from '../shared/representations.ts';

export type EventDependencies = Readonly<{ ids: IdGenerator; clock: Clock }>;

function event(deps: EventDependencies, type: EventType, data: Record<string, unknown>): DomainEvent {
  return { id: deps.ids.next(), type, data, timestamp: deps.clock.now().getTime() };
}

/** `user.created` / `user.updated` with the user as the API shows it; `user.deleted` with its id. */
export const userEvent = (deps: EventDependencies, type: 'user.created' | 'user.updated', user: UserView): DomainEvent =>
  event(deps, type, userRepresentation(user));
export const userDeleted = (deps: EventDependencies, id: string): DomainEvent => event(deps, 'user.deleted', { id });

export const postEvent = (deps: EventDependencies, type: 'post.created' | 'post.updated', post: Post): DomainEvent =>
  event(deps, type, postRepresentation(post));
export const postDeleted = (deps: EventDependencies, id: string): DomainEvent => event(deps, 'post.deleted', { id });
