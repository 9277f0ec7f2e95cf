import type { AuthUseCases } from '../adapters/http/auth/auth-routes.ts';
import type { UserUseCases } from '../adapters/http/users/user-routes.ts';
import { AccountAccess } from '../application/auth/account-access.ts';
import type { CacheOutcome } from '../application/shared/cache-aside.ts';
import { sessionCache, userCache, type UserCache } from '../application/shared/cached-entities.ts';
import type { Cache } from '../application/ports/cache.ts';
import type { Clock } from '../application/ports/clock.ts';
import type { CursorCodec } from '../application/ports/cursor-codec.ts';
import type { IdGenerator } from '../application/ports/id-generator.ts';
import type { PasswordHasher } from '../application/ports/password-hasher.ts';
import type { RateLimiter } from '../application/ports/rate-limiter.ts';
import type { TokenService } from '../application/ports/token-service.ts';
import type { UnitOfWork } from '../application/ports/unit-of-work.ts';
import { Authenticate } from '../application/auth/authenticate.ts';
import { CreateUser } from '../application/users/create-user.ts';
import { EndSession } from '../application/auth/end-session.ts';
import { ListSessions } from '../application/auth/list-sessions.ts';
import { DeleteUser } from '../application/users/delete-user.ts';
import { EnsureAdmin } from '../application/users/ensure-admin.ts';
import { GetUser } from '../application/users/get-user.ts';
import { SignInFailures } from '../application/auth/sign-in-failures.ts';
import { ListUsers } from '../application/users/list-users.ts';
import { Login } from '../application/auth/login.ts';
import { Logout } from '../application/auth/logout.ts';
import { RefreshSession } from '../application/auth/refresh-session.ts';
import { Register } from '../application/auth/register.ts';
import { ReplaceUser } from '../application/users/replace-user.ts';
import { UpdateUser } from '../application/users/update-user.ts';
import { CreatePost } from '../application/posts/create-post.ts';
import { DeletePost } from '../application/posts/delete-post.ts';
import { GetPost } from '../application/posts/get-post.ts';
import { IncludePosts } from '../application/posts/include-posts.ts';
import { ListPosts } from '../application/posts/list-posts.ts';
import { UpdatePost } from '../application/posts/update-post.ts';
import type { PostUseCases } from '../adapters/http/posts/post-routes.ts';
import type { JobQueue } from '../application/ports/job-queue.ts';
import { JobScheduler } from '../application/jobs/job-scheduler.ts';
import { StartUsersExport } from '../application/jobs/start-users-export.ts';
import { GetJob } from '../application/jobs/get-job.ts';
import { GetJobResult } from '../application/jobs/get-job-result.ts';
import type { JobUseCases } from '../adapters/http/jobs/job-routes.ts';
import { RequestPasswordReset } from '../application/auth/request-password-reset.ts';
import { ConfirmPasswordReset } from '../application/auth/confirm-password-reset.ts';

/** The background jobs' use cases; the type lives with their routes, like the users' and posts'. */
export type { JobUseCases };

export type AuthSettings = Readonly<{
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
  /** Every sign-in attempt per address, and failures per email from one address (LOGIN_RATE_LIMIT_*). */
  loginLimit: Readonly<{ max: number; windowSeconds: number }>;
  /** Failed sign-ins per email from all addresses in the login window (LOGIN_EMAIL_FAILURES_MAX). */
  loginEmailFailuresMax: number;
  /** Sign-ups per address (REGISTER_RATE_LIMIT_*). */
  registerLimit: Readonly<{ max: number; windowSeconds: number }>;
}>;

export type UseCaseDependencies = {
  uow: UnitOfWork;
  ids: IdGenerator;
  clock: Clock;
  hasher: PasswordHasher;
  cursors: CursorCodec;
  tokens: TokenService;
  limiter: RateLimiter;
  auth: AuthSettings;
  /** Users and sessions are read through it (cache-aside) and written through it after commits. */
  cache: Cache;
  /** CACHE_TTL_SECONDS. */
  cacheTtlSeconds: number;
  /** Told of every cache lookup, for the hit and miss metrics. */
  onCacheLookup?(keyspace: string, outcome: CacheOutcome): void;
  /** Where started jobs go (JetStream or in process); the workers are wired apart (jobs.ts). */
  jobQueue: JobQueue;
};

export type UseCases = {
  users: UserUseCases;
  posts: PostUseCases;
  auth: AuthUseCases;
  jobs: JobUseCases;
  /** Schedules jobs in a transaction (the welcome-email consumer uses it). */
  scheduler: JobScheduler;
  ensureAdmin: EnsureAdmin;
  /** Whether a token's holder and session may still act; exposed for tests and other inbound adapters. */
  access: AccountAccess;
  /** The user entries of the cache, for tests that check what it holds. */
  userCache: UserCache;
};

/** Every use case over the given ports: the composition root's wiring, shared with tests and the CLI. */
export function createUseCases(deps: UseCaseDependencies): UseCases {
  const { uow, ids, clock, hasher, cursors, tokens, limiter, auth } = deps;
  const cached = { cache: deps.cache, uow, ttlSeconds: deps.cacheTtlSeconds, onLookup: deps.onCacheLookup };
  const users = userCache(cached);
  const access = new AccountAccess({ users, sessions: sessionCache(cached) });
  const session = { tokens, ids, clock, refreshTtlSeconds: auth.refreshTtlSeconds };
  const create = new CreateUser({ uow, ids, clock, hasher, users });
  const { max: perAddress, windowSeconds } = auth.loginLimit;
  const failures = new SignInFailures({ limiter, limits: { perAddress, perEmail: auth.loginEmailFailuresMax, windowSeconds } });
  const update = new UpdateUser({ uow, ids, clock, hasher, users, access, failures });
  const scheduler = new JobScheduler({ queue: deps.jobQueue, ids, clock });
  return {
    users: {
      create,
      get: new GetUser({ users }),
      list: new ListUsers({ uow, cursors }),
      replace: new ReplaceUser({ uow, ids, clock, hasher, users, access, failures }),
      update,
      remove: new DeleteUser({ uow, users, ids, clock }),
      includePosts: new IncludePosts({ uow }),
    },
    posts: {
      create: new CreatePost({ uow, ids, clock }),
      get: new GetPost({ uow }),
      list: new ListPosts({ uow, cursors }),
      update: new UpdatePost({ uow, ids, clock }),
      remove: new DeletePost({ uow, ids, clock }),
    },
    auth: {
      register: new Register({ create, limiter, registerLimit: auth.registerLimit }),
      login: new Login({ ...session, uow, hasher, limiter, loginLimit: auth.loginLimit, failures }),
      refresh: new RefreshSession({ ...session, uow, access }),
      logout: new Logout({ uow, clock, access }),
      authenticate: new Authenticate({ tokens, access }),
      listSessions: new ListSessions({ uow, clock }),
      endSession: new EndSession({ uow, clock, access }),
      requestPasswordReset: new RequestPasswordReset({ uow, scheduler, limiter, addressLimit: auth.loginLimit }),
      confirmPasswordReset: new ConfirmPasswordReset({ uow, ids, clock, hasher, users, access }),
    },
    jobs: { startUsersExport: new StartUsersExport({ uow, scheduler }), get: new GetJob({ uow }), result: new GetJobResult({ uow }) },
    scheduler,
    ensureAdmin: new EnsureAdmin({ uow, hasher, create, update }),
    access,
    userCache: users,
  };
}
