import { BODY_ERRORS, SIGNED_IN_ERRORS, type OperationSpec } from '../openapi/operation-spec.ts';
import { jobEnvelope, jobIdParams, startUsersExportBody } from './job-schemas.ts';

const TAG = 'Jobs';
const WHOSE = "Only the job's owner (who started it) and admins see a job: for anyone else it does not exist (404).";

export const startUsersExportEndpoint = {
  idempotent: true,
  method: 'post',
  path: '/api/users/exports',
  operationId: 'startUsersExport',
  summary: 'Start a CSV export of users',
  description:
    'Takes the filters of `GET /api/users` (`{}` exports every user, in full: hence `users:export`, which only admins hold) and answers at once with the queued job; ' +
    'follow `Location` until its `status` is `succeeded`, then fetch `/api/jobs/{id}/result`. ' +
    'Unknown properties are a 400 naming them in `fields`. While the job queue (NATS) is unreachable: 503, nothing queued. ' +
    'A user may have 3 exports queued or running at once; a 4th is a 429 `RATE_LIMITED` (Retry-After: 5).',
  tag: TAG,
  permission: 'users:export',
  body: startUsersExportBody,
  success: { 202: { description: 'Accepted: the queued job', schema: jobEnvelope, headers: ['Location'] } },
  errors: [...BODY_ERRORS, 403, ...SIGNED_IN_ERRORS, 503],
} as const satisfies OperationSpec;

export const getJobEndpoint = {
  method: 'get',
  path: '/api/jobs/:id',
  operationId: 'getJob',
  summary: 'Get the state of a job',
  description: `\`failed\` is final (after \`maxAttempts\`), with \`error\` saying why. ${WHOSE}`,
  tag: TAG,
  signedIn: true,
  params: jobIdParams,
  success: { 200: { description: 'The job', schema: jobEnvelope } },
  errors: [400, 404, ...SIGNED_IN_ERRORS],
} as const satisfies OperationSpec;

export const getJobResultEndpoint = {
  method: 'get',
  path: '/api/jobs/:id/result',
  operationId: 'getJobResult',
  summary: 'Download what a job produced',
  description:
    'The export as CSV (RFC 4180, a header line first; a cell starting like a spreadsheet formula gets a leading `\'`). ' +
    `A 409 until the job has \`succeeded\`. ${WHOSE} An export's CSV needs \`users:export\` when it is fetched too: an owner who lost it meanwhile gets a 403.`,
  tag: TAG,
  signedIn: true,
  params: jobIdParams,
  success: { 200: { description: 'The CSV, as an attachment', mediaType: 'text/csv; charset=utf-8', headers: ['Content-Disposition'] } },
  errors: [400, 403, 404, 409, ...SIGNED_IN_ERRORS],
} as const satisfies OperationSpec;

export const jobEndpoints: readonly OperationSpec[] = [startUsersExportEndpoint, getJobEndpoint, getJobResultEndpoint];
