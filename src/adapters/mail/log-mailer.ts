import type { Logger } from 'pino';
import type { Mail, Mailer } from '../../application/ports/mailer.ts';

/**
 * The default Mailer: one log line per mail (recipient, subject and key; not the text), so the
 * service runs with no mail provider. A real adapter (SMTP, an HTTP API) implements the same port.
 */
export class LogMailer implements Mailer {
  readonly #logger: Logger;

  constructor(logger: Logger) {
    this.#logger = logger;
  }

  async send(mail: Mail): Promise<void> {
    this.#logger.info({ to: mail.to, subject: mail.subject, idempotencyKey: mail.idempotencyKey }, 'mail sent (log mailer)');
  }
}
