import type { Mail, Mailer } from '../../src/application/ports/mailer.ts';

/** A Mailer that sends nothing and keeps every mail, in order, for tests to read. */
export class CollectingMailer implements Mailer {
  readonly sent: Mail[] = [];

  async send(mail: Mail): Promise<void> {
    this.sent.push(mail);
  }
}
