import type { UnitOfWork } from '../ports/unit-of-work.ts';
import { GetJobResult } from './get-job-result.ts';
import { GetJob } from './get-job.ts';
import type { JobScheduler } from './job-scheduler.ts';
import { StartUsersExport } from './start-users-export.ts';

/** What the jobs routes call; the workers that run the jobs are wired apart (the handlers/). */
export type JobUseCases = { startUsersExport: StartUsersExport; get: GetJob; result: GetJobResult };

export type JobDependencies = Readonly<{ uow: UnitOfWork; scheduler: JobScheduler }>;

export function createJobUseCases(deps: JobDependencies): JobUseCases {
  return { startUsersExport: new StartUsersExport(deps), get: new GetJob(deps), result: new GetJobResult(deps) };
}
