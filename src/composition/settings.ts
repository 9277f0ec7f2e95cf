import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { keepsDevelopmentSecrets } from './dev-secrets.ts';
import { logsMailText } from './mail.ts';

/** Settings the contract defines whose adapters are not built yet: say so rather than ignore them. */
export function warnAboutUnusedSettings(config: Config, logger: Logger): void {
  if (config.JOB_CONCURRENCY === 0 && !config.NATS_URL) {
    logger.warn('JOB_CONCURRENCY=0 without NATS_URL: jobs are queued in this process and nothing here runs them (they run at the next start with workers)');
  }
  if (config.NODE_ENV === 'production' && !config.SMTP_URL) {
    logger.warn('SMTP_URL is not set: mail (welcome, password reset) is only logged, with masked addresses, and never delivered');
  } else if (logsMailText(config)) {
    logger.info(`SMTP_URL is not set: mail is written to this log in full (reset links included) because NODE_ENV is ${config.NODE_ENV}, not production`);
  }
  if (config.DATABASE_URL && !config.CURSOR_SECRET && !keepsDevelopmentSecrets(config)) {
    logger.warn('CURSOR_SECRET is not set: list cursors are signed with a per-process key, so one instance refuses another\'s');
  }
}
