import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { DomainEvent } from '../../domain/events.ts';
import type { JobDelivery, JobVerdict } from '../../application/ports/job-queue.ts';
import { ServiceUnavailableError } from '../../domain/errors.ts';
import { JetStreamJobQueue } from '../jobs/jetstream-job-queue.ts';
import type { EventTransport } from './event-transport.ts';
import { connectNats, JetStreamEventPublisher } from './jetstream-event-publisher.ts';
import { JetStreamEventSubscriber } from './jetstream-event-subscriber.ts';
import { later } from './later-subscription.ts';

/**
 * The transport on NATS JetStream. The connection is made in the background and retried for ever:
 * until it is up, `publish` fails and the outbox keeps the events (the relay retries with backoff),
 * so the service starts and serves while NATS is away.
 */
export function jetStreamTransport(natsUrl: string, logger: Logger, jobOptions: { ackWaitMs?: number }): EventTransport {
  let connection: NatsConnection | undefined;
  let publisher: JetStreamEventPublisher | undefined;
  let jobs: JetStreamJobQueue | undefined;
  let closed = false;
  const listeners: (() => void)[] = [];
  const onConnected = () => {
    for (const listener of listeners) listener();
  };
  /**
   * Runs `attempt` until it succeeds or the transport closes (then it rejects), waiting 0.5 s more
   * after each failure, up to 5 s; only the first failure of a run is logged, as `warning`.
   */
  const retried = async <T>(warning: string, attempt: () => Promise<T>): Promise<T> => {
    for (let tries = 1; ; tries++) {
      if (closed) throw new Error(`closed first (${warning})`);
      try {
        return await attempt();
      } catch (error) {
        if (tries === 1) logger.warn({ err: error }, warning);
        await new Promise((resolve) => setTimeout(resolve, Math.min(tries * 500, 5000)).unref());
      }
    }
  };
  const connecting = retried('nats unavailable: events wait in the outbox until it is back', async () => {
    try {
      connection = await connectNats(natsUrl);
      publisher = await JetStreamEventPublisher.create(connection);
    } catch (error) {
      await connection?.close().catch(() => undefined);
      connection = undefined;
      throw error;
    }
    logger.info('nats connected; events go to the EVENTS stream');
    onConnected();
    void watchReconnects(connection, () => {
      logger.info('nats reconnected');
      onConnected();
    });
    return connection;
  });
  connecting.catch(() => undefined); // closed before NATS came: each user of it finds out itself
  // The JOBS stream apart from EVENTS: a JOBS that cannot be set up (an operator's conflicting
  // stream) must not hold the events back; it is retried until it works.
  const jobsReady = connecting.then((nc) => retried('setting up the JOBS stream failed; retrying', async () => (jobs = await JetStreamJobQueue.create(nc, logger, jobOptions))));
  jobsReady.catch(() => undefined); // closed first: nothing to report
  return {
    // Retried like the workers: a consumer that failed to subscribe once (a NATS blip just after
    // connecting) would otherwise handle nothing until the next restart.
    subscribe: (consumer) =>
      later(
        connecting.then((nc) => retried(`subscribing the consumer ${consumer.name} failed; retrying`, () => new JetStreamEventSubscriber(nc, logger).subscribe(consumer))),
        (error) => logger.error({ err: error, consumer: consumer.name }, 'could not subscribe the consumer'),
      ),
    jobQueue: {
      enqueue: async (message) => {
        if (!jobs) throw new ServiceUnavailableError('The job queue is unavailable; try again shortly');
        await jobs.enqueue(message);
      },
      // Started once JOBS is ready, and retried: workers that never start would run no job, silently.
      work: async (handle: (delivery: JobDelivery) => Promise<JobVerdict>, options: { concurrency: number }) =>
        later(
          jobsReady.then((queue) => retried('starting the job workers failed; retrying', () => queue.work(handle, options))),
          (error) => logger.error({ err: error }, 'could not start the job workers'),
        ),
    },
    jobsInProcess: false,
    onConnected: (listener) => void listeners.push(listener),
    publisher: {
      publish: async (events: readonly DomainEvent[]) => {
        if (!publisher) throw new Error('nats is not connected yet');
        await publisher.publish(events);
      },
    },
    ping: async () => {
      if (!connection || connection.isClosed()) return false;
      try {
        await Promise.race([connection.flush(), new Promise((_, reject) => setTimeout(reject, 1000).unref())]);
        return true;
      } catch {
        return false;
      }
    },
    stopConnecting: () => {
      closed = true;
    },
    close: async () => {
      closed = true;
      await Promise.race([connecting.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 100))]);
      await connection?.drain().catch(() => undefined);
    },
  };
}


/** Calls `onReconnect` each time the connection comes back (nats.js reports it on its status stream). */
async function watchReconnects(connection: NatsConnection, onReconnect: () => void): Promise<void> {
  for await (const status of connection.status()) if (status.type === 'reconnect') onReconnect();
}
