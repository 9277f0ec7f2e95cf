/**
 * The mail wiring, shared by the service (bootstrap.ts) and the worker process (worker.ts): the
 * Mailer that SMTP_URL names (else the log mailer) and what the password-reset mail needs.
 */
import type { Logger } from 'pino';
import type { Config } from '../config.ts';
import { LogMailer } from '../adapters/mail/log-mailer.ts';
import type { PasswordResetMailSettings } from '../application/jobs/handlers/password-reset-email.ts';
import type { Mailer } from '../application/ports/mailer.ts';

/** PUBLIC_URL, or (API.md) `http://localhost:$PORT`. */
export function publicUrl(config: Config): string {
  return config.PUBLIC_URL ?? `http://localhost:${config.PORT}`;
}

/** MAIL_FROM, or a no-reply address at PUBLIC_URL's host. */
export function mailFrom(config: Config): string {
  return config.MAIL_FROM ?? `users-service <no-reply@${new URL(publicUrl(config)).hostname}>`;
}

export function passwordResetMailSettings(config: Config): PasswordResetMailSettings {
  return { ttlSeconds: config.PASSWORD_RESET_TTL, publicUrl: publicUrl(config) };
}

/** Without SMTP_URL, whether the log mailer logs the mail's text (links included): outside production only. */
export function logsMailText(config: Config): boolean {
  return !config.SMTP_URL && config.NODE_ENV !== 'production';
}

/**
 * `close` releases the SMTP connections: call it after the job workers stopped. The SMTP client
 * (nodemailer, ~7 MB and ~80 ms to import) is loaded only when SMTP_URL asks for it. Without it,
 * mail goes to the log: in full outside production, so a password reset can be finished locally.
 */
export async function mailerFrom(config: Config, logger: Logger): Promise<{ mailer: Mailer; close(): void }> {
  if (!config.SMTP_URL) return { mailer: new LogMailer(logger, { showText: logsMailText(config) }), close: () => undefined };
  const { SmtpMailer } = await import('../adapters/mail/smtp-mailer.ts');
  const onError = (error: Error) => logger.warn({ err: error }, 'SMTP transport error');
  const mailer = new SmtpMailer({ url: config.SMTP_URL, from: mailFrom(config), onError });
  return { mailer, close: () => mailer.close() };
}
