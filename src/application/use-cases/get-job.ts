import { JobNotFoundError, parseJobId, type Job } from '../../domain/jobs.ts';
import type { Actor } from '../actor.ts';
import { visibleJob } from '../job-access.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

/** GET /api/jobs/:id: the job's state, for its owner or an admin. */
export class GetJob {
  readonly #uow: UnitOfWork;

  constructor(deps: { uow: UnitOfWork }) {
    this.#uow = deps.uow;
  }

  async execute(input: { id: string }, actor: Actor): Promise<Job> {
    const id = parseJobId(input.id);
    if (!id) throw new JobNotFoundError();
    return visibleJob(await this.#uow.read((repos) => repos.jobs.findById(id)), actor);
  }
}
