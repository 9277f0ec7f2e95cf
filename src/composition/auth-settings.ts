import type { AuthSettings } from '../application/auth/index.ts';
import type { Config } from '../config.ts';

/** The sign-in, sign-up and token settings from the config: the same on every runtime. */
export function authSettings(config: Config): AuthSettings {
  return {
    accessTtlSeconds: config.JWT_ACCESS_TTL,
    refreshTtlSeconds: config.JWT_REFRESH_TTL,
    loginLimit: { max: config.LOGIN_RATE_LIMIT_MAX, windowSeconds: config.LOGIN_RATE_LIMIT_WINDOW_SECONDS },
    loginEmailFailuresMax: config.LOGIN_EMAIL_FAILURES_MAX,
    registerLimit: { max: config.REGISTER_RATE_LIMIT_MAX, windowSeconds: config.REGISTER_RATE_LIMIT_WINDOW_SECONDS },
  };
}
