import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { until } from './until.ts';

/** A mail as the server received it: the SMTP envelope and the parsed message. */
export type ReceivedMail = { envelopeFrom: string; envelopeTo: string[]; message: ParsedMail };

export type TestSmtpServer = {
  /** `smtp://user:secret@127.0.0.1:<port>`: the credentials the server requires. */
  url: string;
  /** Every mail accepted, in order. */
  received: ReceivedMail[];
  /** The next `count` mails are refused at RCPT TO with `code` (451: try later, 550: refused). */
  refuseNext(count: number, code?: number): void;
  /** How many deliveries were refused so far. */
  refused(): number;
  /** The first mail to `address` (lower-case) matching `where`, waiting up to 10 s for it. */
  mailTo(address: string, where?: (mail: ReceivedMail) => boolean): Promise<ReceivedMail>;
  close(): Promise<void>;
};

const CREDENTIALS = { username: 'mailer', password: 'smtp-secret' };

/**
 * A real SMTP server (the smtp-server package) on a free port of 127.0.0.1, for tests that must
 * see mail leave the service over the wire. Plain SMTP with AUTH (no STARTTLS: it would need a
 * certificate the client trusts), each message parsed with mailparser.
 */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  let refusals = { left: 0, code: 451, done: 0 };
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth: (auth, _session, callback) => {
      const ok = auth.username === CREDENTIALS.username && auth.password === CREDENTIALS.password;
      callback(ok ? null : new Error('Invalid username or password'), ok ? { user: auth.username } : undefined);
    },
    onRcptTo: (_address, _session, callback) => {
      if (refusals.left === 0) return callback();
      refusals = { ...refusals, left: refusals.left - 1, done: refusals.done + 1 };
      callback(Object.assign(new Error(refusals.code >= 500 ? 'Mailbox unavailable' : 'Try again later'), { responseCode: refusals.code }));
    },
    onData: (stream, session, callback) => {
      simpleParser(stream).then(
        (message) => {
          const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          received.push({ envelopeFrom, envelopeTo: session.envelope.rcptTo.map((rcpt) => rcpt.address), message });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('the SMTP server has no port');
  const mailTo = async (to: string, where: (mail: ReceivedMail) => boolean = () => true) => {
    const find = () => received.find((mail) => mail.envelopeTo.includes(to) && where(mail));
    await until(() => find() !== undefined, 10_000, `a mail to ${to}`);
    return find()!;
  };
  return {
    url: `smtp://${CREDENTIALS.username}:${CREDENTIALS.password}@127.0.0.1:${address.port}`,
    received,
    refuseNext: (count, code = 451) => {
      refusals = { ...refusals, left: count, code };
    },
    refused: () => refusals.done,
    mailTo,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
