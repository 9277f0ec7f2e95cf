import { z } from 'zod';
import { JOB_STATUSES } from '../../../domain/jobs.ts';
import { listUsersQuery } from '../users/user-schemas.ts';

/** The HTTP shapes of jobs (API.md, "Background jobs"): they validate and, through openapi/, document. */

/**
 * The filters of GET /api/users, taken from its query schema, so an export matches exactly what the
 * listing would: same values, same rules, same documentation. Strict like every other body; `{}`
 * exports every user.
 */
export const startUsersExportBody = listUsersQuery.pick({ status: true, role: true, search: true }).meta({ examples: [{ status: 'active', role: 'member' }] });

export const jobIdParams = z.strictObject({
  id: z.string().meta({ description: 'The job id (a UUIDv7). A malformed id is a 404, like an unknown one.', format: 'uuid', examples: ['0190a5d4-7e8f-7a01-b234-56789abcdef0'] }),
});

const timestamp = z.string().meta({ format: 'date-time', description: 'ISO 8601, UTC' });
const count = z.number().int().min(0);

export const jobResource = z.object({
  id: z.string().meta({ description: 'Opaque id (UUIDv7)' }),
  type: z.string().meta({ description: 'What the job does', examples: ['users.export'] }),
  status: z.enum(JOB_STATUSES).meta({ description: '`failed` is final: the job ran out of attempts, and is kept for inspection' }),
  attempts: count.meta({ description: 'Runs started so far, one cut short by a crash included' }),
  maxAttempts: count.min(1),
  createdAt: timestamp,
  updatedAt: timestamp,
  error: z.string().optional().meta({ description: "Only after a failed attempt: why, in words for clients (an unexpected failure's details are only logged)" }),
});

export const jobEnvelope = z.object({ data: jobResource });
