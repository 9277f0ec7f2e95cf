import type { Logger } from 'pino';
import { ConfigError, type Config } from '../config.ts';
import { AdminAccountConflictError, type EnsureAdmin } from '../application/users/ensure-admin.ts';

/** Printed when no active admin exists: nothing can be administered until one does. */
export const NO_ADMIN_HINT = 'no active admin yet: create one with `npm run setup` (or start with ADMIN_EMAIL and ADMIN_PASSWORD set)';

/**
 * ADMIN_EMAIL and ADMIN_PASSWORD, when set: an account that cannot be the admin is a configuration
 * error. Unset: one line saying how to create the first admin, while there is none.
 */
export async function ensureConfiguredAdmin(config: Config, ensureAdmin: EnsureAdmin, logger: Logger): Promise<void> {
  if (!config.ADMIN_EMAIL || !config.ADMIN_PASSWORD) {
    if (!(await ensureAdmin.activeAdminExists())) logger.warn(NO_ADMIN_HINT);
    return;
  }
  try {
    const outcome = await ensureAdmin.execute({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
    logger.info({ email: config.ADMIN_EMAIL, outcome }, 'admin ensured');
  } catch (error) {
    if (error instanceof AdminAccountConflictError) throw new ConfigError(`Invalid configuration: ${error.message}`);
    throw error;
  }
}
