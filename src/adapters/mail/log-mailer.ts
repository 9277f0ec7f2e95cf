import type { Logger } from 'pino';
import type { Mail, Mailer } from '../../application/ports/mailer.ts';

export type LogMailerOptions = {
  /**
   * Also log the subject and the text, links included: for development, where the log is the only
   * inbox and a password reset must be completable. Never in production: a reset link in a log
   * lets whoever reads the log take the account.
   */
  showText?: boolean;
};

/**
 * The default Mailer: one log line per mail, so the service runs with no mail provider. Logs are
 * no place for personal data: the recipient is masked (`a***@example.com`) and the subject, which
 * may hold a name, and the text are left out unless `showText`; the key (the job id) finds the
 * rest. A real adapter (SMTP, an HTTP API) implements the same port.
 */
export class LogMailer implements Mailer {
  readonly #logger: Logger;
  readonly #showText: boolean;

  constructor(logger: Logger, options: LogMailerOptions = {}) {
    this.#logger = logger;
    this.#showText = options.showText ?? false;
  }

  async send(mail: Mail): Promise<void> {
    // The contract keeps addresses masked in the log even where the text is shown (the link is what matters).
    const shown = this.#showText ? { subject: mail.subject, text: mail.text.replaceAll(mail.to, maskedAddress(mail.to)) } : {};
    this.#logger.info({ to: maskedAddress(mail.to), idempotencyKey: mail.idempotencyKey, ...shown }, 'mail sent (log mailer)');
  }
}

/** `ada@example.com` -> `a***@example.com`: enough to tell mails apart in a log, not to read the address. */
export function maskedAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at <= 0 ? '***' : `${address[0]}***${address.slice(at)}`;
}
