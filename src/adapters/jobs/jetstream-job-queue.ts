import { AckPolicy, jetstream, RetentionPolicy, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import { DUPLICATE_WINDOW_MS, HANDLER_FAILURE_RETRY_MS, type JobDelivery, type JobMessage, type JobQueue, type JobVerdict, type JobWorker } from '../../application/ports/job-queue.ts';
import { ServiceUnavailableError } from '../../domain/errors.ts';
import { isJobType } from '../../domain/jobs.ts';
import { ensureConsumer, ensureStream } from '../nats/jetstream-setup.ts';
import { receivedTraceHeaders, toNatsHeaders } from '../nats/trace-headers.ts';
import { traceHeaders } from '../telemetry/tracing.ts';

export const JOBS_STREAM = 'JOBS';
export const JOB_SUBJECT_PREFIX = 'jobs.';
/** The one durable consumer every worker of every process pulls from: each message goes to one of them. */
export const JOB_WORKERS = 'job-workers';

/** How long one pull request waits for messages; also how long a stop may wait for the last one to end. */
const PULL_EXPIRES_MS = 1_000;

export type JetStreamJobQueueOptions = {
  /** How long a delivered message may go without an ack or a heartbeat before it is redelivered (a dead worker's). */
  ackWaitMs?: number;
};

/**
 * Jobs on the JetStream stream JOBS (`jobs.<type>`), with work-queue retention: a message is stored
 * until a worker acknowledges it, then removed, so the stream holds exactly the jobs not yet done.
 * Why JetStream rather than BullMQ on Redis: NATS is already the service's broker, its messages are
 * replicated and fsynced (Redis persistence is periodic, and the cache's Redis may evict), and the
 * queue then needs no Lua of its own. Each message is acked only after its job was done (or dropped),
 * NAKed with the verdict's delay otherwise; while a job runs the worker sends heartbeats (working)
 * so a long job is not redelivered, and a worker that dies stops them, so after `ackWaitMs` its
 * message goes to another.
 */
export class JetStreamJobQueue implements JobQueue {
  readonly #js: JetStreamClient;
  readonly #logger: Logger;
  readonly #ackWaitMs: number;

  private constructor(js: JetStreamClient, logger: Logger, ackWaitMs: number) {
    this.#js = js;
    this.#logger = logger;
    this.#ackWaitMs = ackWaitMs;
  }

  static async create(nc: NatsConnection, logger: Logger, options: JetStreamJobQueueOptions = {}): Promise<JetStreamJobQueue> {
    const ackWaitMs = options.ackWaitMs ?? 30_000;
    await ensureStream(nc, { name: JOBS_STREAM, subjects: [`${JOB_SUBJECT_PREFIX}>`], retention: RetentionPolicy.Workqueue, duplicate_window: DUPLICATE_WINDOW_MS * 1_000_000 });
    await ensureConsumer(nc, JOBS_STREAM, {
      durable_name: JOB_WORKERS,
      ack_policy: AckPolicy.Explicit,
      ack_wait: ackWaitMs * 1_000_000,
      max_deliver: -1, // the jobs table counts attempts; the queue redelivers until told 'done'
      max_ack_pending: 20_000, // jobs waiting out a backoff count as pending: room for an outage's worth
    });
    return new JetStreamJobQueue(jetstream(nc, { timeout: 5000 }), logger, ackWaitMs);
  }

  /** With the trace of the work that queued it (when tracing is on), which the job's run continues. */
  async enqueue(message: JobMessage): Promise<void> {
    const trace = message.headers ?? traceHeaders();
    try {
      await this.#js.publish(`${JOB_SUBJECT_PREFIX}${message.type}`, JSON.stringify({ id: message.id, type: message.type }), {
        msgID: message.id,
        ...(trace ? { headers: toNatsHeaders(trace) } : {}),
      });
    } catch (error) {
      this.#logger.warn({ err: error, jobId: message.id }, 'could not queue a job');
      throw new ServiceUnavailableError('The job queue is unavailable; try again shortly');
    }
  }

  async work(handle: (delivery: JobDelivery) => Promise<JobVerdict>, options: { concurrency: number }): Promise<JobWorker> {
    const concurrency = Math.max(1, options.concurrency);
    const consumer = await this.#js.consumers.get(JOBS_STREAM, JOB_WORKERS);
    // Every process shares the consumer and the last to start set its ack wait: heartbeats follow
    // the shorter of that and this process's own, so they are never too late.
    const ackWaitMs = Math.min(this.#ackWaitMs, ((await consumer.info(true)).config.ack_wait ?? 0) / 1_000_000 || this.#ackWaitMs);
    const slots = new Slots(concurrency);
    const inFlight = new Set<Promise<void>>();
    let stopping = false;
    // Pull requests (fetch) rather than a standing subscription (consume): each asks for no more
    // messages than there are free slots, and ends (full, or at `expires`) with every message it
    // brought received, so at a stop none is left in the air to wait out the ack wait: those that
    // arrive after the stop are handed back (NAK) at once.
    const loop = (async () => {
      while (!stopping) {
        const free = await slots.takeFree();
        if (stopping) break;
        let started = 0;
        try {
          const batch = await consumer.fetch({ max_messages: free, expires: PULL_EXPIRES_MS });
          for await (const message of batch) {
            if (stopping || started >= free) {
              message.nak();
              continue;
            }
            started++;
            const run = this.#process(message, handle, ackWaitMs).finally(() => {
              slots.give(1);
              inFlight.delete(run);
            });
            inFlight.add(run);
          }
        } catch (error) {
          if (!stopping) this.#logger.warn({ err: error }, 'pulling jobs failed; trying again');
          await new Promise((resolve) => setTimeout(resolve, 500));
        } finally {
          slots.give(free - started); // what the batch did not fill
        }
      }
    })();
    return {
      stop: async () => {
        stopping = true;
        slots.release();
        await loop;
        await Promise.all(inFlight);
      },
    };
  }

  async #process(message: JsMsg, handle: (delivery: JobDelivery) => Promise<JobVerdict>, ackWaitMs: number): Promise<void> {
    let job: JobMessage;
    try {
      job = parseJobMessage(message.json());
      // The same reading of a message's trace headers as the event subscriber's.
      const trace = receivedTraceHeaders(message.headers);
      if (trace) job = { ...job, headers: trace };
    } catch (error) {
      this.#logger.error({ err: error, subject: message.subject, seq: message.seq }, 'not a job message; dropped');
      message.term('not a job message');
      return;
    }
    const heartbeat = setInterval(() => message.working(), Math.max(100, Math.floor(ackWaitMs / 3)));
    let verdict: JobVerdict;
    try {
      verdict = await handle({ ...job, deliveries: message.info.deliveryCount });
    } catch (error) {
      this.#logger.warn({ err: error, jobId: job.id }, 'job delivery failed; it comes again');
      verdict = { retryInMs: HANDLER_FAILURE_RETRY_MS };
    } finally {
      clearInterval(heartbeat);
    }
    if (verdict === 'done') message.ack();
    else message.nak(Math.max(0, Math.round(verdict.retryInMs)));
  }
}


function parseJobMessage(body: unknown): JobMessage {
  const candidate = body as Partial<JobMessage> | null;
  if (!candidate || typeof candidate.id !== 'string' || typeof candidate.type !== 'string' || !isJobType(candidate.type)) throw new Error('a job message has an id and a type');
  return { id: candidate.id, type: candidate.type };
}

/** Free worker slots: `takeFree` waits until there is one and takes all there are; `release` wakes it at a stop. */
class Slots {
  #free: number;
  #wake: (() => void) | undefined;
  #released = false;

  constructor(count: number) {
    this.#free = count;
  }

  async takeFree(): Promise<number> {
    while (this.#free === 0 && !this.#released) await new Promise<void>((resolve) => (this.#wake = resolve));
    this.#wake = undefined;
    const taken = this.#free;
    this.#free = 0;
    return taken;
  }

  give(count: number): void {
    this.#free += count;
    this.#wake?.();
  }

  release(): void {
    this.#released = true;
    this.#wake?.();
  }
}
