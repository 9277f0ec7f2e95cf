import type { JobScheduler } from '../jobs/job-scheduler.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/id-generator.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { RateLimiter } from '../ports/rate-limiter.ts';
import type { TokenService } from '../ports/token-service.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import type { UserCache } from '../shared/cached-entities.ts';
import type { CreateUser } from '../users/create-user.ts';
import type { AccountAccess } from './account-access.ts';
import { Authenticate } from './authenticate.ts';
import { ConfirmPasswordReset } from './confirm-password-reset.ts';
import { EndSession } from './end-session.ts';
import { ListSessions } from './list-sessions.ts';
import { Login } from './login.ts';
import { Logout } from './logout.ts';
import { RefreshSession } from './refresh-session.ts';
import { Register } from './register.ts';
import { RequestPasswordReset } from './request-password-reset.ts';
import { SignInFailures } from './sign-in-failures.ts';

/** What the auth routes call; `authenticate` is also every guard's. */
export type AuthUseCases = {
  register: Register;
  login: Login;
  refresh: RefreshSession;
  logout: Logout;
  authenticate: Authenticate;
  listSessions: ListSessions;
  endSession: EndSession;
  requestPasswordReset: RequestPasswordReset;
  confirmPasswordReset: ConfirmPasswordReset;
};

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

export type AuthDependencies = Readonly<{
  uow: UnitOfWork;
  ids: IdGenerator;
  clock: Clock;
  hasher: PasswordHasher;
  tokens: TokenService;
  limiter: RateLimiter;
  settings: AuthSettings;
  users: UserCache;
  /** Shared with the users slice, like `failures`: built once by the caller. */
  access: AccountAccess;
  failures: SignInFailures;
  /** Sign-up creates a user as the users slice does. */
  createUser: CreateUser;
  /** Reset mails go out as jobs. */
  scheduler: JobScheduler;
}>;

export function createAuthUseCases(deps: AuthDependencies): AuthUseCases {
  const { settings } = deps;
  const session = { ...deps, refreshTtlSeconds: settings.refreshTtlSeconds };
  return {
    register: new Register({ create: deps.createUser, limiter: deps.limiter, registerLimit: settings.registerLimit }),
    login: new Login({ ...session, loginLimit: settings.loginLimit }),
    refresh: new RefreshSession(session),
    logout: new Logout(deps),
    authenticate: new Authenticate(deps),
    listSessions: new ListSessions(deps),
    endSession: new EndSession(deps),
    requestPasswordReset: new RequestPasswordReset({ ...deps, addressLimit: settings.loginLimit }),
    confirmPasswordReset: new ConfirmPasswordReset(deps),
  };
}

/** Failed sign-ins per address (the login limit) and per email from all addresses, in the login window. */
export function signInFailuresFor(limiter: RateLimiter, settings: AuthSettings): SignInFailures {
  const { max: perAddress, windowSeconds } = settings.loginLimit;
  return new SignInFailures({ limiter, limits: { perAddress, perEmail: settings.loginEmailFailuresMax, windowSeconds } });
}
