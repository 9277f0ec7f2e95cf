import { jetstreamManager } from '@nats-io/jetstream';
import { pino } from 'pino';
import { JetStreamJobQueue, JOBS_STREAM } from '../../../src/adapters/jobs/jetstream-job-queue.ts';
import { jobQueueContract } from '../../contract/job-queue.contract.ts';
import { privateNatsForThisFile } from '../../support/nats-server.ts';

const shared = privateNatsForThisFile();

jobQueueContract('NATS JetStream', async () => {
  await (await jetstreamManager(shared.nc)).streams.delete(JOBS_STREAM).catch(() => false); // each test from an empty queue
  const queue = await JetStreamJobQueue.create(shared.nc, pino({ level: 'silent' }), { ackWaitMs: 30_000 });
  return { queue, close: async () => undefined };
});
