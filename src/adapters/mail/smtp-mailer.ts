import { createTransport } from 'nodemailer';
import type { Mail, Mailer } from '../../application/ports/mailer.ts';

export type SmtpSettings = Readonly<{
  /** SMTP_URL: `smtp://` (STARTTLS when offered) or `smtps://` (TLS from the start), with any credentials in it. */
  url: string;
  /** MAIL_FROM: `Name <address>` or a bare address. */
  from: string;
  /** Told of transport errors outside any send (a send's own error rejects that send). */
  onError?(error: Error): void;
}>;

/**
 * The Mailer over SMTP (nodemailer), chosen by SMTP_URL. Connections are pooled and reused across
 * mails; the timeouts make a server that hangs fail the send (so the job runner retries the job)
 * well within a job's lease, rather than hold a worker. Any refusal (4xx, 5xx, a connection
 * error) rejects `send`: the job fails and is retried, nothing crashes.
 */
export class SmtpMailer implements Mailer {
  readonly #transport;
  readonly #from: string;
  readonly #messageIdDomain: string;

  constructor(settings: SmtpSettings) {
    this.#transport = createTransport({ url: settings.url, pool: true, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    // The transport is an EventEmitter: an 'error' nobody listens to would crash the process.
    this.#transport.on('error', (error: Error) => settings.onError?.(error));
    this.#from = settings.from;
    this.#messageIdDomain = /@([^\s<>@]+)>?\s*$/.exec(settings.from)?.[1] ?? 'localhost';
  }

  async send(mail: Mail): Promise<void> {
    await this.#transport.sendMail({
      from: this.#from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      // One Message-ID per job: a mail sent again by a retried job is recognisably the same one.
      messageId: `<${mail.idempotencyKey}@${this.#messageIdDomain}>`,
    });
  }

  /** Closes the pooled connections; call once the job workers have stopped. */
  close(): void {
    this.#transport.close();
  }
}
