export type Mail = Readonly<{ to: string; subject: string; text: string; idempotencyKey: string }>;

/**
 * Sends mail. At least once: a job retried after a crash may send again, so `idempotencyKey` (the
 * job id) is passed on for providers that deduplicate with it.
 */
export interface Mailer {
  send(mail: Mail): Promise<void>;
}
