import { ConflictError } from '../../domain/errors.ts';
import type { Job, JobId } from '../../domain/jobs.ts';
import { requirePermission, type Actor } from '../shared/actor.ts';
import { findVisibleJob } from './job-access.ts';
import { USERS_EXPORT } from './handlers/users-export.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

/** GET /api/jobs/:id/result: what a succeeded job produced (the export's CSV); 409 before that. */
export class GetJobResult {
  readonly #uow: UnitOfWork;

  constructor(deps: { uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  async execute(input: { id: JobId }, actor: Actor): Promise<Readonly<{ job: Job; result: string }>> {
    return this.#uow.read(async (repos) => {
      const job = await findVisibleJob(repos.jobs, input.id, actor);
      // The CSV holds every user in full: an owner who has since lost users:export (an admin made
      // a member) may no longer read it, whatever it was allowed when it started the job.
      if (job.type === USERS_EXPORT) requirePermission(actor, 'users:export');
      if (job.status !== 'succeeded') throw new ConflictError(`The job has no result: it is ${job.status}`);
      const result = await repos.jobs.resultOf(job.id);
      if (result === null) throw new ConflictError('The job has no result: it produces none');
      return { job, result };
    });
  }
}
