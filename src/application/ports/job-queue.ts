/**
 * What the queue carries: the job's id and type; its data and state are in the JobRepository.
 * `headers` travel with the message (a trace context, say), as message headers on JetStream.
 */
export type JobMessage = Readonly<{ id: string; type: string; headers?: Readonly<Record<string, string>> }>;

/** A message handed to a worker, and how many times it has been (this one included). */
export type JobDelivery = JobMessage & Readonly<{ deliveries: number }>;

/** What became of a delivery: finished with (acknowledged), or to come again after `retryInMs`. */
export type JobVerdict = 'done' | Readonly<{ retryInMs: number }>;

export type JobWorker = {
  /**
   * Takes no more messages, finishes those in hand, and hands back at once any it received but had
   * not started, for another worker. Nothing is acknowledged that was not done.
   */
  stop(): Promise<void>;
};

/**
 * Moves job messages to workers, at least once: NATS JetStream (a work-queue stream) or in process.
 * A message is acknowledged only after `handle` resolved 'done'; a `retryInMs` verdict or a throw (1 s)
 * brings it back later, and so does a worker that dies holding it (after the adapter's ack wait).
 */
export interface JobQueue {
  /**
   * Accepted durably once resolved. The same id enqueued twice within 10 minutes is delivered once
   * (JetStream's duplicate window; the in-process queue keeps as long a memory). Throws
   * ServiceUnavailableError when the queue cannot take it now.
   */
  enqueue(message: JobMessage): Promise<void>;
  /** Hands messages to `handle`, at most `concurrency` at once, until the worker is stopped. */
  work(handle: (delivery: JobDelivery) => Promise<JobVerdict>, options: { concurrency: number }): Promise<JobWorker>;
}

/** How long a job id is remembered to drop a second enqueue of it (JetStream's duplicate window on JOBS; the in-process queue keeps the same). */
export const DUPLICATE_WINDOW_MS = 10 * 60_000;

/** Wait before redelivering a message whose handler threw (a database outage, say). */
export const HANDLER_FAILURE_RETRY_MS = 1_000;
