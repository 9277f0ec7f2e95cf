import type { Logger } from 'pino';
import type { Mail, Mailer } from '../../application/ports/mailer.ts';

/**
 * The default Mailer: one log line per mail, so the service runs with no mail provider. Logs are
 * no place for personal data: the recipient is masked (`a***@example.com`) and the subject, which
 * may hold a name, and the text are left out; the key (the job id) finds the rest. A real adapter
 * (SMTP, an HTTP API) implements the same port.
 */
export class LogMailer implements Mailer {
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  async send(mail: Mail): Promise<void> {
    this.#logger.info({ to: maskedAddress(mail.to), idempotencyKey: mail.idempotencyKey }, 'mail sent (log mailer)');
  }
}

/** `ada@example.com` -> `a***@example.com`: enough to tell mails apart in a log, not to read the address. */
export function maskedAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at <= 0 ? '***' : `${address[0]}***${address.slice(at)}`;
}
