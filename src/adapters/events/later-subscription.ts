import type { Subscription } from '../../application/ports/event-subscriber.ts';

/**
 * A Subscription for one still being set up. Stopping it stops the subscription if it is up; if it
 * is not (NATS never came), it returns at once, and a setup that completes later is stopped then.
 */
export function later(pending: Promise<Subscription>, onError: (error: unknown) => void = () => undefined): Subscription {
  let current: Subscription | undefined;
  let stopped = false;
  void pending.then(
    (subscription) => {
      current = subscription;
      if (stopped) void subscription.stop();
    },
    (error: unknown) => {
      if (!stopped) onError(error);
    },
  );
  return {
    stop: async () => {
      stopped = true;
      await current?.stop();
    },
  };
}
