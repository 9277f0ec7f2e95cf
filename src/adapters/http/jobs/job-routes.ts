import { Hono } from 'hono';
import type { Authenticate } from '../../../application/auth/authenticate.ts';
import type { JobUseCases } from '../../../application/jobs/index.ts';
import type { AppEnv } from '../env.ts';
import { json } from '../json-response.ts';
import { actingPrincipal as actor, guardFor } from '../middleware/auth-guards.ts';
import { jsonBody } from '../middleware/json-body.ts';
import { noQuery, validate } from '../validation.ts';
import { knownJobId } from '../well-formed-id.ts';
import { getJobEndpoint, getJobResultEndpoint, startUsersExportEndpoint } from './job-endpoints.ts';
import { presentJob } from './job-presenter.ts';
import type { IdempotentCreation } from '../../../application/shared/idempotent-creation.ts';
import type { Job } from '../../../domain/jobs.ts';
import { answerCreate } from '../idempotency.ts';

const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

/**
 * POST /api/users/exports and /api/jobs, in the order the users routes use: guard, id, query, body.
 * The export answers 202 at once; the work runs on the job queue's workers (src/composition/jobs.ts).
 */
export function jobRoutes(jobs: JobUseCases, authenticate: Authenticate, bodyLimitBytes: number, idempotency: IdempotentCreation): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const query = noQuery();

  app.post(startUsersExportEndpoint.path, guardFor(startUsersExportEndpoint, authenticate), query, jsonBody(bodyLimitBytes), validate('json', startUsersExportEndpoint.body), async (c) => {
    return answerCreate(c, idempotency, `user:${actor(c).userId}`, {
      status: 202,
      present: (job: Job) => ({ body: { data: presentJob(job) }, headers: { Location: `/api/jobs/${job.id}` } }),
      create: (record) => jobs.startUsersExport.execute(c.req.valid('json'), actor(c), record),
    });
  });

  app.get(getJobEndpoint.path, guardFor(getJobEndpoint, authenticate), knownJobId, query, async (c) => {
    return json(c, { data: presentJob(await jobs.get.execute({ id: c.get('jobId') }, actor(c))) });
  });

  app.get(getJobResultEndpoint.path, guardFor(getJobResultEndpoint, authenticate), knownJobId, query, async (c) => {
    const { job, result } = await jobs.result.execute({ id: c.get('jobId') }, actor(c));
    // A job type is lower-case words, digits, dashes and dots (domain/jobs.ts), so the name needs no escaping.
    const filename = `${job.type.replaceAll('.', '-')}-${job.id}.csv`;
    return c.body(result, 200, { 'Content-Type': CSV_CONTENT_TYPE, 'Content-Disposition': `attachment; filename="${filename}"` });
  });

  return app;
}
