import { InProcessEventBus } from '../../src/adapters/events/in-process-event-bus.ts';
import { eventSubscriberContract } from './event-subscriber.contract.ts';

eventSubscriberContract('in-process bus', async () => {
  const bus = new InProcessEventBus({ sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5))) });
  return {
    publisher: bus,
    subscribe: (consumer) => bus.subscribe(consumer),
    deadLetters: async () => bus.deadLetters.map((letter) => ({ consumer: letter.consumer, eventId: letter.event.id, deliveries: letter.deliveries, error: letter.error })),
    close: () => bus.idle(),
  };
});
