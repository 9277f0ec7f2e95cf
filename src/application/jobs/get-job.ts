import type { Job, JobId } from '../../domain/jobs.ts';
import type { Actor } from '../shared/actor.ts';
import { findVisibleJob } from './job-access.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

/** GET /api/jobs/:id: the job's state, for its owner or an admin. */
export class GetJob {
  readonly #uow: UnitOfWork;

  constructor(deps: { uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  async execute(input: { id: JobId }, actor: Actor): Promise<Job> {
    return this.#uow.read((repos) => findVisibleJob(repos.jobs, input.id, actor));
  }
}
