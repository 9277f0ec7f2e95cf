import type { Config } from './config.ts';

/**
 * Pretty logs for a developer at a terminal, JSON everywhere else: LOG_FORMAT when set; unset,
 * pretty only when stdout is a terminal and NODE_ENV is not production. Pipes (a log shipper,
 * CI, the tests, `npm start | tee`) always get JSON, one line per event.
 */
export function prettyLogs(config: Config, stdout: { isTTY?: boolean } = process.stdout): boolean {
  if (config.LOG_FORMAT) return config.LOG_FORMAT === 'pretty';
  return stdout.isTTY === true && config.NODE_ENV !== 'production';
}
