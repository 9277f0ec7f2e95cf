import type { Job } from '../../domain/jobs.ts';

/** `claimed`: the job, now running under this run's lease; else the job as it stands (null if missing). */
export type ClaimOutcome = Readonly<{ claimed: true; job: Job }> | Readonly<{ claimed: false; job: Job | null }>;

/** One run of a job: its id and attempt number, which later writes must still match. */
export type JobRun = Readonly<{ id: string; attempt: number }>;

/**
 * How a run ended: succeeded (with its result), queued again for `availableAt`, failed for good, or
 * released: handed back unfinished at a shutdown, queued and due at once, the attempt not counted
 * against the job (maxAttempts grows by one; attempts only ever grows, so a run's number stays its own).
 */
export type RunEnd =
  | Readonly<{ run: JobRun; status: 'succeeded'; result: string | null }>
  | Readonly<{ run: JobRun; status: 'queued'; availableAt: Date; error: string }>
  | Readonly<{ run: JobRun; status: 'failed'; error: string }>
  | Readonly<{ run: JobRun; status: 'released' }>;

/**
 * The jobs table. `add` joins the unit of work's transaction; the runs' writes are single atomic
 * statements, for many jobs at once (one commit for a batch: what makes thousands of jobs a second
 * possible), each row's change conditional on its run (id and attempt) still holding the job, so a
 * worker that lost its lease (and was taken over) changes nothing.
 */
export interface JobRepository {
  /** Inserts a queued job; false (and nothing written) when the id exists already. */
  add(job: Job): Promise<boolean>;
  findById(id: string): Promise<Job | null>;
  /** The result of a succeeded job (the export's CSV); null when there is none. */
  resultOf(id: string): Promise<string | null>;
  /**
   * Starts a run of each job that is queued and due, or running under a lease that ran out (its
   * worker died), provided attempts remain: status running, attempts + 1, lease until `leaseUntil`.
   * One outcome per id, in order.
   */
  claim(ids: readonly string[], now: Date, leaseUntil: Date): Promise<ClaimOutcome[]>;
  /** Whether the run still holds the job (its lease now until `leaseUntil`). */
  extendLease(run: JobRun, leaseUntil: Date): Promise<boolean>;
  /** Ends runs (a dead letter is one `failed`: kept, with its error); for each, whether its run still held the job. */
  finish(ends: readonly RunEnd[], now: Date): Promise<boolean[]>;
  /**
   * How many jobs of `type` that `ownerId` has queued or running. Also takes a lock on that owner
   * and type until the transaction ends, so concurrent transactions that count before they add
   * count one after another: a cap checked this way holds exactly.
   */
  countUnfinished(ownerId: string, type: string): Promise<number>;
  /** Retention: removes up to `limit` jobs with `status` last changed before `before`; how many it removed. */
  deleteFinishedBefore(status: 'succeeded' | 'failed', before: Date, limit: number): Promise<number>;
  /** Queued or running jobs, oldest first: what an in-process queue lost with its process. */
  unfinished(limit: number): Promise<Readonly<{ id: string; type: string }>[]>;
  /**
   * Unfinished jobs nobody has taken for a while: queued and due since before `before`, or running
   * under a lease that ran out before it. Oldest first. Their messages may be lost (see requeue).
   */
  overdue(before: Date, limit: number): Promise<Readonly<{ id: string; type: string }>[]>;
}
