import type { Logger } from 'pino';
import type { EventPublisher } from '../../application/ports/event-outbox.ts';
import type { EventConsumer, Subscription } from '../../application/ports/event-subscriber.ts';
import { InProcessEventBus } from './in-process-event-bus.ts';
import type { JobQueue } from '../../application/ports/job-queue.ts';
import { InProcessJobQueue } from '../jobs/in-process-job-queue.ts';
import { later } from './later-subscription.ts';

export type EventTransport = {
  publisher: EventPublisher;
  /**
   * Starts delivering to `consumer` (in the background: on NATS once connected); `stop` finishes the
   * event in hand and takes no more.
   */
  subscribe(consumer: EventConsumer): Subscription;
  /** The job queue on the same broker: JetStream's JOBS stream, or in process. */
  jobQueue: JobQueue;
  /** Whether the job queue lives in this process (its messages die with it: unfinished jobs are re-enqueued at start). */
  jobsInProcess: boolean;
  /** Gives up connecting (at shutdown): subscriptions still waiting for a connection stop at once. */
  stopConnecting(): void;
  /**
   * Calls `listener` each time NATS is (back) up, so what waited for it can go now; never without
   * NATS. Register right after building the transport: the connection is made in the background.
   */
  onConnected(listener: () => void): void;
  /** For /readyz: undefined without NATS; else whether the connection is up. */
  ping?(): Promise<boolean>;
  close(): Promise<void>;
};

/**
 * NATS JetStream when NATS_URL is set, else the in-process bus. The NATS client is imported only
 * when it is used: a service without NATS_URL starts without loading it.
 */
export async function eventTransport(natsUrl: string | undefined, logger: Logger, jobOptions: { ackWaitMs?: number } = {}): Promise<EventTransport> {
  if (!natsUrl) {
    const jobQueue = new InProcessJobQueue();
    const bus = new InProcessEventBus({
      onDeadLetter: (letter) => logger.error({ consumer: letter.consumer, eventId: letter.event.id, type: letter.event.type, deliveries: letter.deliveries, error: letter.error }, 'event dead-lettered'),
    });
    return {
      publisher: bus,
      subscribe: (consumer) => later(bus.subscribe(consumer)),
      jobQueue,
      jobsInProcess: true,
      onConnected: () => undefined,
      stopConnecting: () => undefined,
      close: async () => {
        jobQueue.close();
        await bus.idle();
      },
    };
  }
  const { jetStreamTransport } = await import('./jetstream-transport.ts');
  return jetStreamTransport(natsUrl, logger, jobOptions);
}
