import { BODY_ERRORS, GUARDED_ERRORS, type OperationSpec } from '../openapi/operation-spec.ts';
import {
  createUserBody,
  listUsersQuery,
  replaceUserBody,
  updateUserBody,
  userEnvelope,
  userIdParams,
  userListEnvelope,
  userOrProfileEnvelope,
  getUserQuery,
} from './user-schemas.ts';

const TAG = 'Users';
/** API.md, "Who sees what". */
const MEMBER_VIEW =
  'Admins see every user in full (`User`); a member sees itself in full and every other user as a `PublicProfile` ' +
  '(`id`, `name`, `createdAt`), also under `include=posts`.';

export const listUsersEndpoint = {
  method: 'get',
  path: '/api/users',
  operationId: 'listUsers',
  summary: 'List users',
  description:
    'Offset paging (`page`, `limit`) answers `pagination: { page, limit, total, totalPages, nextCursor }`; ' +
    'keyset paging (`cursor`, `limit`) answers `pagination: { limit, nextCursor }` at a cost that does not grow with depth. ' +
    'Filters and search combine with AND; totals count what matches. Unknown query parameters are a 400 naming them in `fields`. ' +
    'A tampered cursor, or one reused with other filters or sort, is a 400. ' +
    MEMBER_VIEW +
    ' For a member, `search` matches names only, and `status`, `role` and sorting by `email` or `updatedAt` (fields a public profile hides) are a 403.',
  tag: TAG,
  permission: 'users:read',
  query: listUsersQuery,
  success: { 200: { description: 'One page of users', schema: userListEnvelope } },
  errors: [400, ...GUARDED_ERRORS],
} as const satisfies OperationSpec;

export const createUserEndpoint = {
  idempotent: true,
  method: 'post',
  path: '/api/users',
  operationId: 'createUser',
  summary: 'Create a user',
  description: 'Unknown properties are a 400 naming them in `fields`. An email already in use (compared case-insensitively) is a 409 with `fields.email`.',
  tag: TAG,
  permission: 'users:write',
  body: createUserBody,
  success: { 201: { description: 'Created', schema: userEnvelope, headers: ['Location', 'ETag'] } },
  errors: [...BODY_ERRORS, 409, ...GUARDED_ERRORS],
} as const satisfies OperationSpec;

export const getUserEndpoint = {
  method: 'get',
  path: '/api/users/:id',
  operationId: 'getUser',
  summary: 'Get a user',
  description: `${MEMBER_VIEW} A profile's \`ETag\` is weak (\`W/"p-..."\`): it changes with the profile only, and never matches \`If-Match\`. With \`include=posts\` the answer is never a 304: the posts change while the user's tag does not.`,
  tag: TAG,
  permission: 'users:read',
  params: userIdParams,
  query: getUserQuery,
  ifNoneMatch: true,
  success: { 200: { description: 'The user, or its public profile', schema: userOrProfileEnvelope, headers: ['ETag'] } },
  errors: [400, 404, ...GUARDED_ERRORS],
} as const satisfies OperationSpec;

export const replaceUserEndpoint = {
  method: 'put',
  path: '/api/users/:id',
  operationId: 'replaceUser',
  summary: 'Replace a user',
  description: 'Needs `users:write`, or the user itself: a member must then repeat its current `role` and `status` (a different value is a 403). Needs every writable field but `password`. Send the ETag you read as `If-Match` so that a concurrent change is a 412, not a silent overwrite. Changing your own `email` or `password` needs `currentPassword` (400 when missing, 403 when wrong); a new password ends every other session of the user at once (all of them when an admin changes another user).',
  tag: TAG,
  permission: 'users:write',
  orSelf: true,
  params: userIdParams,
  body: replaceUserBody,
  ifMatch: true,
  success: { 200: { description: 'The replaced user, with its new ETag', schema: userEnvelope, headers: ['ETag'] } },
  errors: [...BODY_ERRORS, 404, 409, 412, ...GUARDED_ERRORS],
} as const satisfies OperationSpec;

export const updateUserEndpoint = {
  method: 'patch',
  path: '/api/users/:id',
  operationId: 'updateUser',
  summary: 'Update some fields of a user',
  description: 'Needs `users:write`, or the user itself, which may not change its `role` or `status` (403). Any subset of the writable fields (a JSON object merged into the user). A change to nothing keeps the version and the ETag. Changing your own `email` or `password` needs `currentPassword` (400 when missing, 403 when wrong); a new password ends every other session of the user at once (all of them when an admin changes another user).',
  tag: TAG,
  permission: 'users:write',
  orSelf: true,
  params: userIdParams,
  body: updateUserBody,
  ifMatch: true,
  success: { 200: { description: 'The updated user, with its (possibly unchanged) ETag', schema: userEnvelope, headers: ['ETag'] } },
  errors: [...BODY_ERRORS, 404, 409, 412, ...GUARDED_ERRORS],
} as const satisfies OperationSpec;

export const deleteUserEndpoint = {
  method: 'delete',
  path: '/api/users/:id',
  operationId: 'deleteUser',
  summary: 'Delete a user',
  description: 'A second delete of the same id is a 404.',
  tag: TAG,
  permission: 'users:delete',
  params: userIdParams,
  ifMatch: true,
  success: { 204: { description: 'Deleted; no body' } },
  errors: [400, 404, 409, 412, ...GUARDED_ERRORS],
} as const satisfies OperationSpec;

export const userEndpoints: readonly OperationSpec[] = [listUsersEndpoint, createUserEndpoint, getUserEndpoint, replaceUserEndpoint, updateUserEndpoint, deleteUserEndpoint];
