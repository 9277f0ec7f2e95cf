import { BODY_ERRORS, GUARDED_ERRORS, type OperationSpec } from '../openapi/operation-spec.ts';
import { userIdParams } from '../users/user-schemas.ts';
import { createPostBody, listPostsQuery, listUserPostsQuery, postEnvelope, postIdParams, postListEnvelope, updatePostBody } from './post-schemas.ts';

const TAG = 'Posts';
const DRAFTS = 'Drafts are seen only by their author and admins: for anyone else a draft does not exist (404, absent from lists and totals).';

export const listPostsEndpoint = {
  method: 'get',
  path: '/api/posts',
  operationId: 'listPosts',
  summary: 'List posts',
  description: `Paging, sorting, search and cursors as for users. ${DRAFTS}`,
  tag: TAG,
  permission: 'posts:read',
  query: listPostsQuery,
  success: { 200: { description: 'One page of posts', schema: postListEnvelope } },
  errors: [400, ...GUARDED_ERRORS],
} as const satisfies OperationSpec;

export const createPostEndpoint = {
  idempotent: true,
  method: 'post',
  path: '/api/posts',
  operationId: 'createPost',
  summary: 'Write a post',
  description: 'The caller is the author. `status` defaults to `draft`.',
  tag: TAG,
  permission: 'posts:write',
  body: createPostBody,
  success: { 201: { description: 'Created', schema: postEnvelope, headers: ['Location', 'ETag'] } },
  errors: [...BODY_ERRORS, ...GUARDED_ERRORS],
} as const satisfies OperationSpec;

export const getPostEndpoint = {
  method: 'get',
  path: '/api/posts/:id',
  operationId: 'getPost',
  summary: 'Get a post',
  description: DRAFTS,
  tag: TAG,
  permission: 'posts:read',
  params: postIdParams,
  ifNoneMatch: true,
  success: { 200: { description: 'The post', schema: postEnvelope, headers: ['ETag'] } },
  errors: [400, 404, ...GUARDED_ERRORS],
} as const satisfies OperationSpec;

export const updatePostEndpoint = {
  method: 'patch',
  path: '/api/posts/:id',
  operationId: 'updatePost',
  summary: 'Update some fields of a post',
  description: "The author, or an admin: another member's post is a 403. Honours If-Match.",
  tag: TAG,
  permission: 'posts:write',
  params: postIdParams,
  body: updatePostBody,
  ifMatch: true,
  success: { 200: { description: 'The updated post, with its (possibly unchanged) ETag', schema: postEnvelope, headers: ['ETag'] } },
  errors: [...BODY_ERRORS, 404, 409, 412, ...GUARDED_ERRORS],
} as const satisfies OperationSpec;

export const deletePostEndpoint = {
  method: 'delete',
  path: '/api/posts/:id',
  operationId: 'deletePost',
  summary: 'Delete a post',
  description: 'The author, or whoever holds `posts:delete`. A second delete is a 404. Honours If-Match.',
  tag: TAG,
  signedIn: true,
  params: postIdParams,
  ifMatch: true,
  success: { 204: { description: 'Deleted; no body' } },
  errors: [400, 404, 409, 412, ...GUARDED_ERRORS],
} as const satisfies OperationSpec;

export const listUserPostsEndpoint = {
  method: 'get',
  path: '/api/users/:id/posts',
  operationId: 'listUserPosts',
  summary: "List a user's posts",
  description: `A 404 when the user does not exist. ${DRAFTS}`,
  tag: TAG,
  permission: 'posts:read',
  params: userIdParams,
  query: listUserPostsQuery,
  success: { 200: { description: "One page of the user's posts", schema: postListEnvelope } },
  errors: [400, 404, ...GUARDED_ERRORS],
} as const satisfies OperationSpec;

export const postEndpoints: readonly OperationSpec[] = [listPostsEndpoint, createPostEndpoint, getPostEndpoint, updatePostEndpoint, deletePostEndpoint, listUserPostsEndpoint];
