import type { ClaimOutcome, JobRepository, JobRun, RunEnd } from '../../src/application/ports/job-repository.ts';
import type { Job } from '../../src/domain/jobs.ts';

type JobRow = { job: Job; result: string | null };

/** The jobs table in memory: what MikroOrmJobRepository does, run by the same contract. */
export class InMemoryJobRepository implements JobRepository {
  readonly rows = new Map<string, JobRow>();

  async add(job: Job): Promise<boolean> {
    if (this.rows.has(job.id)) return false;
    this.rows.set(job.id, { job, result: null });
    return true;
  }

  async findById(id: string): Promise<Job | null> {
    return this.rows.get(id)?.job ?? null;
  }

  async resultOf(id: string): Promise<string | null> {
    const row = this.rows.get(id);
    return row?.job.status === 'succeeded' ? row.result : null;
  }

  async claim(ids: readonly string[], now: Date, leaseUntil: Date): Promise<ClaimOutcome[]> {
    return ids.map((id) => this.#claim(id, now, leaseUntil));
  }

  async extendLease(run: JobRun, leaseUntil: Date): Promise<boolean> {
    return this.#write(run, (job) => ({ ...job, leaseUntil }));
  }

  async finish(ends: readonly RunEnd[], now: Date): Promise<boolean[]> {
    return ends.map((end) => {
      const ended = { leaseUntil: null, updatedAt: now };
      if (end.status === 'succeeded') return this.#write(end.run, (job) => ({ ...job, ...ended, status: 'succeeded', error: null }), end.result);
      if (end.status === 'queued') return this.#write(end.run, (job) => ({ ...job, ...ended, status: 'queued', availableAt: end.availableAt, error: end.error }), null);
      if (end.status === 'released') return this.#write(end.run, (job) => ({ ...job, ...ended, status: 'queued', maxAttempts: job.maxAttempts + 1, availableAt: now }), null);
      return this.#write(end.run, (job) => ({ ...job, ...ended, status: 'failed', error: end.error }), null);
    });
  }

  #claim(id: string, now: Date, leaseUntil: Date): ClaimOutcome {
    const row = this.rows.get(id.toLowerCase());
    if (!row) return { claimed: false, job: null };
    const { job } = row;
    const due = (job.status === 'queued' && job.availableAt <= now) || (job.status === 'running' && job.leaseUntil !== null && job.leaseUntil <= now);
    if (!due || job.attempts >= job.maxAttempts) return { claimed: false, job };
    const claimed: Job = { ...job, status: 'running', attempts: job.attempts + 1, leaseUntil, updatedAt: now };
    this.rows.set(job.id, { ...row, job: claimed });
    return { claimed: true, job: claimed };
  }

  /** No lock needed: InMemoryUnitOfWork runs one transaction at a time. */
  async countUnfinished(ownerId: string, type: string): Promise<number> {
    return [...this.rows.values()].filter(({ job }) => job.ownerId === ownerId && job.type === type && (job.status === 'queued' || job.status === 'running')).length;
  }

  async deleteFinishedBefore(status: 'succeeded' | 'failed', before: Date, limit: number): Promise<number> {
    const old = [...this.rows.values()].filter(({ job }) => job.status === status && job.updatedAt < before).slice(0, limit);
    for (const { job } of old) this.rows.delete(job.id);
    return old.length;
  }

  async overdue(before: Date, limit: number): Promise<{ id: string; type: string }[]> {
    return [...this.rows.values()]
      .map((row) => row.job)
      .filter((job) => (job.status === 'queued' && job.availableAt < before) || (job.status === 'running' && job.leaseUntil !== null && job.leaseUntil < before))
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map((job) => ({ id: job.id, type: job.type }));
  }

  async unfinished(limit: number): Promise<{ id: string; type: string }[]> {
    return [...this.rows.values()]
      .map((row) => row.job)
      .filter((job) => job.status === 'queued' || job.status === 'running')
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
      .slice(0, limit)
      .map((job) => ({ id: job.id, type: job.type }));
  }

  #write(run: JobRun, change: (job: Job) => Job, result?: string | null): boolean {
    const row = this.rows.get(run.id);
    if (!row || row.job.status !== 'running' || row.job.attempts !== run.attempt) return false;
    this.rows.set(run.id, { job: change(row.job), result: result === undefined ? row.result : result });
    return true;
  }
}
