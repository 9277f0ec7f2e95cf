import type { JobScheduler } from '../jobs/job-scheduler.ts';
import type { Clock } from '../ports/clock.ts';
import type { EventConsumer } from '../ports/event-subscriber.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type { UserCache } from '../shared/cached-entities.ts';
import { cacheInvalidation } from './consumers/cache-invalidation.ts';
import { welcomeEmailOnSignup } from './consumers/welcome-email-on-signup.ts';
import { idempotent } from './idempotent-consumer.ts';

/** The service's own consumers of its events, each acting once per event id; a transport subscribes them. */
export type EventConsumers = readonly EventConsumer[];

export type EventConsumerDependencies = Readonly<{
  uow: UnitOfWork;
  clock: Clock;
  /** The entries a dropped cache update left behind are invalidated here. */
  users: UserCache;
  scheduler: JobScheduler;
}>;

export function createEventConsumers(deps: EventConsumerDependencies): EventConsumers {
  return [cacheInvalidation(deps.users), welcomeEmailOnSignup(deps.scheduler, deps.clock)].map((consumer) => idempotent(consumer, deps.uow));
}
