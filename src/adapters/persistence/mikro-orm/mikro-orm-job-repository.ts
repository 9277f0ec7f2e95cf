import type { QueryResult } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/postgresql';
import type { ClaimOutcome, JobRepository, JobRun, RunEnd } from '../../../application/ports/job-repository.ts';
import { isUuid } from '../../../domain/ids.ts';
import type { Job, JobStatus } from '../../../domain/jobs.ts';
import { CLAIM_JOBS, COUNT_UNFINISHED_OF_OWNER, DELETE_FINISHED_JOBS, EXTEND_LEASE, FIND_JOB, FINISH_JOBS, INSERT_JOB, JOB_RESULT, LOCK_OWNER_JOBS, OVERDUE_JOBS, UNFINISHED_JOBS } from './job-statements.ts';
import { uuidArrayLiteral } from './post-statements.ts';

type JobRow = {
  id: string;
  type: string;
  data: unknown;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  ownerId: string | null;
  createdAt: Date | string;
  updatedAt: Date | string;
  availableAt: Date | string;
  leaseUntil: Date | string | null;
  error: string | null;
};

/** Jobs in PostgreSQL (or PGlite), with plain SQL through the unit of work's EntityManager fork. */
export class MikroOrmJobRepository implements JobRepository {
  readonly #em: SqlEntityManager;

  constructor(em: SqlEntityManager) {
    this.#em = em;
  }

  async add(job: Job): Promise<boolean> {
    const params = [job.id, job.type, JSON.stringify(job.data), job.maxAttempts, job.ownerId, job.createdAt, job.updatedAt, job.availableAt];
    return (await this.#em.execute<QueryResult>(INSERT_JOB, params, 'run')).affectedRows === 1;
  }

  async findById(id: string): Promise<Job | null> {
    if (!isUuid(id)) return null;
    const row = (await this.#em.execute<JobRow>(FIND_JOB, [id], 'get')) as JobRow | undefined;
    return row ? toJob(row) : null;
  }

  async resultOf(id: string): Promise<string | null> {
    if (!isUuid(id)) return null;
    const row = (await this.#em.execute<{ result: string | null }>(JOB_RESULT, [id], 'get')) as { result: string | null } | undefined;
    return row?.result ?? null;
  }

  async claim(ids: readonly string[], now: Date, leaseUntil: Date): Promise<ClaimOutcome[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return ids.map(() => ({ claimed: false, job: null }));
    const list = uuidArrayLiteral(valid);
    const rows = (await this.#em.execute<(JobRow & { claimed: boolean })[]>(CLAIM_JOBS, [leaseUntil, now, list, now, now, list], 'all')) as (JobRow & { claimed: boolean })[];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const seen = new Set<string>();
    return ids.map((id) => {
      const row = byId.get(id.toLowerCase());
      if (!row) return { claimed: false, job: null };
      // The same id twice in a batch: one claim, as row by row would give.
      const first = !seen.has(row.id);
      seen.add(row.id);
      return row.claimed && first ? { claimed: true, job: toJob(row) } : { claimed: false, job: toJob(row) };
    });
  }

  async extendLease(run: JobRun, leaseUntil: Date): Promise<boolean> {
    return (await this.#em.execute<QueryResult>(EXTEND_LEASE, [leaseUntil, run.id, run.attempt], 'run')).affectedRows === 1;
  }

  async finish(ends: readonly RunEnd[], now: Date): Promise<boolean[]> {
    if (ends.length === 0) return [];
    const records = ends.map((end) => ({
      id: end.run.id,
      attempt: end.run.attempt,
      status: end.status,
      result: end.status === 'succeeded' ? end.result : null,
      error: end.status === 'queued' || end.status === 'failed' ? end.error : null,
      available_at: end.status === 'queued' ? end.availableAt.toISOString() : end.status === 'released' ? now.toISOString() : null,
    }));
    const rows = (await this.#em.execute<{ id: string }[]>(FINISH_JOBS, [now, JSON.stringify(records)], 'all')) as { id: string }[];
    const ended = new Set(rows.map((row) => row.id));
    return ends.map((end) => ended.has(end.run.id));
  }

  async countUnfinished(ownerId: string, type: string): Promise<number> {
    if (!isUuid(ownerId)) return 0;
    await this.#em.execute(LOCK_OWNER_JOBS, [ownerId.toLowerCase(), type], 'get');
    const row = (await this.#em.execute<{ count: number }>(COUNT_UNFINISHED_OF_OWNER, [ownerId, type], 'get')) as { count: number };
    return Number(row.count);
  }

  async deleteFinishedBefore(status: 'succeeded' | 'failed', before: Date, limit: number): Promise<number> {
    return (await this.#em.execute<QueryResult>(DELETE_FINISHED_JOBS, [status, before, limit], 'run')).affectedRows;
  }

  async overdue(before: Date, limit: number): Promise<{ id: string; type: string }[]> {
    return (await this.#em.execute<{ id: string; type: string }[]>(OVERDUE_JOBS, [before, before, limit], 'all')) as { id: string; type: string }[];
  }

  async unfinished(limit: number): Promise<{ id: string; type: string }[]> {
    return (await this.#em.execute<{ id: string; type: string }[]>(UNFINISHED_JOBS, [limit], 'all')) as { id: string; type: string }[];
  }
}

function toJob(row: JobRow): Job {
  return {
    id: row.id,
    type: row.type,
    data: (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>,
    status: row.status,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.maxAttempts),
    ownerId: row.ownerId,
    createdAt: new Date(row.createdAt),
    updatedAt: new Date(row.updatedAt),
    availableAt: new Date(row.availableAt),
    leaseUntil: row.leaseUntil === null ? null : new Date(row.leaseUntil),
    error: row.error,
  };
}
