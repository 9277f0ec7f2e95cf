import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { pino } from 'pino';
import { JetStreamJobQueue } from '../../src/adapters/jobs/jetstream-job-queue.ts';
import { MikroOrmUnitOfWork } from '../../src/adapters/persistence/mikro-orm/mikro-orm-unit-of-work.ts';
import { openDatabase, type Database } from '../../src/adapters/persistence/mikro-orm/orm.ts';
import { SystemClock } from '../../src/adapters/system/system-clock.ts';
import { UuidV7Ids } from '../../src/adapters/system/uuid-v7-ids.ts';
import { JobScheduler } from '../../src/application/jobs/job-scheduler.ts';
import { OutboxRelay } from '../../src/application/events/outbox-relay.ts';
import { MikroOrmOutboxQueue } from '../../src/adapters/persistence/mikro-orm/mikro-orm-outbox.ts';
import type { Job } from '../../src/domain/jobs.ts';
import { aUser } from './builders.ts';
import { createTestDatabase } from './postgres.ts';
import { eachLine } from './output-lines.ts';
import { afterAll, beforeAll } from 'vitest';
import { startPrivateNats, type PrivateNats } from './nats-server.ts';

export const WORKER = fileURLToPath(new URL('../../src/worker.ts', import.meta.url));

/** A fresh PostgreSQL database, migrated, and a JetStream job queue on `natsUrl`: what a worker process shares with the service. */
export async function jobsWorld(natsUrl: string) {
  const testDatabase = await createTestDatabase();
  const database: Database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: 'memory' });
  await database.migrate();
  const nc: NatsConnection = await connect({ servers: natsUrl, maxReconnectAttempts: -1, reconnectTimeWait: 200 });
  const queue = await JetStreamJobQueue.create(nc, pino({ level: 'silent' }), { ackWaitMs: 2000 });
  const uow = new MikroOrmUnitOfWork(database.orm);
  const clock = new SystemClock();
  const scheduler = new JobScheduler({ ids: new UuidV7Ids(), clock });
  // The service's relay, minus the loop: each helper below hands what it committed to JOBS at once.
  const relay = new OutboxRelay({ queue: new MikroOrmOutboxQueue(database.orm, clock), publisher: { publish: async () => undefined }, jobQueue: queue, batchSize: 500 });
  return {
    databaseUrl: testDatabase.url,
    uow,
    queue,
    nc,
    /** Queues one job of `type` (no handler of the service needs to know it). */
    async schedule(type: string, maxAttempts: number): Promise<Job> {
      const job = await uow.transaction((repos) => scheduler.schedule(repos, { type, data: {}, ownerId: null, maxAttempts }));
      await relay.drain();
      return job;
    },
    /** `count` jobs of `type`, 50 per transaction, handed to JOBS together (one relay drain): as quickly as a busy service queues them. */
    async scheduleMany(type: string, maxAttempts: number, count: number): Promise<Job[]> {
      const jobs: Job[] = [];
      for (let i = 0; i < count; i += 50) {
        await uow.transaction(async (repos) => {
          for (let j = i; j < Math.min(count, i + 50); j++) jobs.push(await scheduler.schedule(repos, { type, data: {}, ownerId: null, maxAttempts }));
        });
      }
      await relay.drain();
      return jobs;
    },
    /** `count` new users, each with a queued email.welcome job (50 per transaction, as a busy service would). */
    async welcomeJobs(count: number): Promise<Job[]> {
      const jobs: Job[] = [];
      for (let i = 0; i < count; i += 50) {
        await uow.transaction(async (repos) => {
          for (let j = i; j < Math.min(count, i + 50); j++) {
            const user = aUser().build();
            await repos.users.add(user);
            jobs.push(await scheduler.schedule(repos, { type: 'email.welcome', data: { userId: user.id }, ownerId: user.id, maxAttempts: 3 }));
          }
        });
      }
      await relay.drain();
      return jobs;
    },
    async statuses(): Promise<Record<string, number>> {
      const rows = await database.orm.em.fork().execute<{ status: string; count: number }[]>('select "status", count(*)::int as "count" from "jobs" group by "status"');
      return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
    },
    async close() {
      await nc.close();
      await database.close();
      await testDatabase.drop();
    },
  };
}

export type JobsWorld = Awaited<ReturnType<typeof jobsWorld>>;

/** This test file's private nats-server and jobs world, made before its tests and removed after; read the fields inside tests. */
export function jobsWorldForThisFile(): { nats: PrivateNats; world: JobsWorld } {
  const context = {} as { nats: PrivateNats; world: JobsWorld };
  beforeAll(async () => {
    context.nats = await startPrivateNats();
    context.world = await jobsWorld(context.nats.url);
  });
  afterAll(async () => {
    await context.world?.close();
    await context.nats?.stop();
  });
  return context;
}

export type WorkerProcess = {
  child: ChildProcess;
  /** idempotencyKey (the job id) of every mail this worker's log mailer sent, in order. */
  mails: string[];
  lines: string[];
  exit: Promise<number | null>;
};

/** `npm run worker` (src/worker.ts) as its own process; resolves once it says it started. */
export async function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [WORKER], { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const mails: string[] = [];
  const lines: string[] = [];
  // 'close', not 'exit': it comes after the output is all read, so no line of a killed worker is missed.
  const exit = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start: ${lines.join('\n')}`)), 60_000);
    eachLine(child.stdout, (line) => {
      lines.push(line);
      const parsed = JSON.parse(line) as { msg?: string; idempotencyKey?: string };
      if (parsed.msg === 'mail sent (log mailer)' && parsed.idempotencyKey) mails.push(parsed.idempotencyKey);
      if (parsed.msg === 'worker started') {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => lines.push(chunk.toString('utf8')));
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited with ${code}: ${lines.join('\n')}`));
    });
  });
  return { child, mails, lines, exit };
}
