import {
  createUserBody,
  replaceUserBody,
  updateUserBody,
  userEnvelope,
  userListEnvelope,
  userOrProfileEnvelope,
  userWithPosts,
  publicProfile,
} from '../users/user-schemas.ts';
import { cursorPagination, offsetPagination } from '../listing-schemas.ts';
import { createPostBody, postEnvelope, postListEnvelope, postResource, updatePostBody } from '../posts/post-schemas.ts';
import { jobEnvelope, jobResource, startUsersExportBody } from '../jobs/job-schemas.ts';
import { loginBody, logoutBody, refreshBody, registerBody, tokens, tokensEnvelope } from '../auth/auth-schemas.ts';

/** Schemas published by name under `components/schemas`; everywhere else they appear as `$ref`. */
export const NAMED_SCHEMAS = {
  User: userWithPosts,
  PublicProfile: publicProfile,
  UserEnvelope: userEnvelope,
  UserOrProfileEnvelope: userOrProfileEnvelope,
  UserListEnvelope: userListEnvelope,
  OffsetPagination: offsetPagination,
  CursorPagination: cursorPagination,
  CreateUserBody: createUserBody,
  ReplaceUserBody: replaceUserBody,
  UpdateUserBody: updateUserBody,
  Post: postResource,
  PostEnvelope: postEnvelope,
  PostListEnvelope: postListEnvelope,
  CreatePostBody: createPostBody,
  UpdatePostBody: updatePostBody,
  Job: jobResource,
  JobEnvelope: jobEnvelope,
  StartUsersExportBody: startUsersExportBody,
  Tokens: tokens,
  TokensEnvelope: tokensEnvelope,
  RegisterBody: registerBody,
  LoginBody: loginBody,
  RefreshBody: refreshBody,
  LogoutBody: logoutBody,
};

/** The contract's notes that no schema can carry (CommonMark, shown by /docs and by other tools). */
export const API_DESCRIPTION = `
Users of a hexagonal service. JSON in and out (\`application/json; charset=utf-8\`).

**Envelopes.** One resource: \`{ "data": { ... } }\`. A list: \`{ "data": [ ... ], "pagination": { ... } }\`.
A failure: \`{ "error": { "code", "message", "fields"? } }\`; \`fields\` appears only when fields are at
fault, keyed by path (\`email\`, \`limit\`). Switch on \`code\`, never on \`message\`.

**Every response** carries \`X-Request-Id\` (yours when sane, else a generated UUID) and
\`X-Content-Type-Options: nosniff\`.

**Methods.** \`HEAD\` is served wherever \`GET\` is: the same status and headers (\`ETag\` included), no
body. \`OPTIONS\` on any known path answers \`204\` with \`Allow\` (no CORS preflight handling). Any other
method on a known path is \`405 METHOD_NOT_ALLOWED\` with \`Allow\`; an unknown path is \`404\`
\`Route not found\`.

**Bodies.** \`POST\`, \`PUT\` and \`PATCH\` take JSON only (\`application/json\`, or \`application/*+json\`;
anything else, a missing \`Content-Type\` included, is \`415\`), at most 1 MiB by default (\`413\`, also for
chunked bodies). Unparseable JSON is \`400 BAD_REQUEST\`; unknown properties are \`400 VALIDATION_ERROR\`
naming each in \`fields\`, as are unknown query parameters. \`fields\` names at most 20 problems (\`message\`
says how many more), and no error answer is larger than 16 KiB. A compressed body (\`Content-Encoding\`) is
\`415\`; bytes that are not UTF-8 are \`400 BAD_REQUEST\`. An answer sent before the body was read carries
\`Connection: close\`.

**Conditional reads.** A \`GET\` of one user, post or \`me\` with \`If-None-Match\` naming its current
\`ETag\` answers \`304\` with the \`ETag\` and no body.

**Safe retries.** Every create (\`POST /api/users\`, \`/api/posts\`, \`/api/users/exports\`,
\`/api/auth/register\`) takes \`Idempotency-Key\` (1-255 printable ASCII). A repeat with the same body
within 24 hours replays the first answer with \`Idempotent-Replayed: true\` and creates nothing; another
body is \`422 IDEMPOTENCY_KEY_REUSED\`; a repeat while the first still runs is \`409\`.

**Concurrency.** Reads and writes of a user send a strong \`ETag\` (\`"v3"\`; a public profile, a weak one). \`PUT\`, \`PATCH\` and
\`DELETE\` honour \`If-Match\` (\`*\` or a list of tags; weak or malformed tags never match): a mismatch
is \`412\`, so two clients cannot silently overwrite each other.

**Sorting.** \`sort\` takes \`name\`, \`email\`, \`createdAt\`, \`updatedAt\`, each optionally prefixed
with \`-\`; the default is \`-createdAt\`. Text sorts by Unicode code point (PostgreSQL \`COLLATE "C"\`),
so \`Zoe\` comes before \`adam\`; emails are stored lower-cased. Ties are broken by id in the direction of
the last key, so every order is total and stable and pages never skip or repeat.

**Authentication.** \`POST /api/auth/login\` answers \`{ accessToken, refreshToken, tokenType, expiresIn }\`.
Send the access token (a JWT, 15 minutes by default) as \`Authorization: Bearer <accessToken>\`; the
header is the only place a token is read. Before it expires, \`POST /api/auth/refresh\` with the refresh
token: it is single-use, and the answer carries a new one. Presenting a used one again revokes the whole
session. Verify tokens elsewhere with \`/.well-known/jwks.json\` (match the \`kid\`). \`GET /api/auth/sessions\`
lists your sign-ins; \`DELETE /api/auth/sessions/{id}\` ends one at once. Changing your own \`email\` or
\`password\` needs \`currentPassword\`; a new password ends every other session. A forgotten password:
\`POST /api/auth/password-reset\` (always \`202\`) mails a single-use link; \`.../confirm\` sets it.
Sign-in failures are limited per account and address, sign-ups per address; \`429\` and \`503\` carry
\`Retry-After\`.

**Permissions.** Each protected operation names its permission in \`x-permission\`. \`admin\` holds all;
\`member\` holds \`users:read\`, \`posts:read\`, \`posts:write\`, and may change only itself (not its
\`role\` or \`status\`). No valid token: \`401\`; no permission: \`403\`. A suspended or deleted
user, or a signed-out session, is refused at once.

**Who sees what.** Admins see every user in full (\`User\`). A member sees itself in full and every other
user only as a \`PublicProfile\` (\`id\`, \`name\`, \`createdAt\`): in \`GET /api/users/{id}\`, in lists and
under \`include=posts\`. For a member, \`search\` matches names only, and the \`status\` and \`role\` filters
and sorting by \`email\` or \`updatedAt\` (fields a profile hides) are \`403\`. Exports need \`users:export\` (admins only).
`.trim();
