import type { Logger } from 'pino';
import { ConfigError, type Config } from '../config.ts';
import { AdminAccountConflictError, type EnsureAdmin } from '../application/users/ensure-admin.ts';

/** ADMIN_EMAIL and ADMIN_PASSWORD, when set: an account that cannot be the admin is a configuration error. */
export async function ensureConfiguredAdmin(config: Config, ensureAdmin: EnsureAdmin, logger: Logger): Promise<void> {
  if (!config.ADMIN_EMAIL || !config.ADMIN_PASSWORD) return;
  try {
    const outcome = await ensureAdmin.execute({ email: config.ADMIN_EMAIL, password: config.ADMIN_PASSWORD });
    logger.info({ email: config.ADMIN_EMAIL, outcome }, 'admin ensured');
  } catch (error) {
    if (error instanceof AdminAccountConflictError) throw new ConfigError(`Invalid configuration: ${error.message}`);
    throw error;
  }
}
