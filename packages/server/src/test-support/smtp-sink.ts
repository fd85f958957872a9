// A real SMTP server in the test process (the smtp-server package): it accepts mail on a free
// loopback port, records every delivery, counts deliveries per idempotency key, and can refuse
// the first n messages with a temporary error to exercise retries. Each message is also parsed
// (mailparser), so tests read subjects, text and attachments as a mail program shows them.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface Delivery {
  idempotencyKey: string;
  messageId: string;
  to: string[];
  /** The Subject header as received (MIME encoded words for non-ASCII text). */
  subject: string;
  raw: string;
  /** The decoded subject, plain-text body and attachments. */
  parsed: {
    subject: string;
    text: string;
    attachments: { filename: string; contentType: string; content: string }[];
  };
}

export interface SmtpSink {
  url: string;
  deliveries: Delivery[];
  /** Deliveries per idempotency key. */
  counts(): Map<string, number>;
  refuseNext(n: number): void;
  refused: number;
  close(): Promise<void>;
}

const header = (raw: string, name: string): string => {
  const m = new RegExp(`^${name}:\\s*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(raw);
  return m ? m[1]!.replace(/\r?\n[ \t]+/g, ' ').trim() : '';
};

/** A delivered email's text with quoted-printable soft line breaks undone, so links are whole. */
export const mailText = (mail: Delivery): string => mail.raw.replace(/=\r?\n/g, '');

export async function startSmtpSink(): Promise<SmtpSink> {
  let refuse = 0;
  const sink: SmtpSink = {
    url: '',
    deliveries: [],
    refused: 0,
    counts() {
      const map = new Map<string, number>();
      for (const d of sink.deliveries) map.set(d.idempotencyKey, (map.get(d.idempotencyKey) ?? 0) + 1);
      return map;
    },
    refuseNext(n) {
      refuse = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (refuse > 0) {
          refuse -= 1;
          sink.refused += 1;
          const err = Object.assign(new Error('Try again later (test refusal)'), { responseCode: 451 });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (mail) => {
            sink.deliveries.push({
              idempotencyKey: header(raw, 'X-Stipple-Idempotency-Key'),
              messageId: header(raw, 'Message-ID'),
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: header(raw, 'Subject'),
              raw,
              parsed: {
                subject: mail.subject ?? '',
                text: mail.text ?? '',
                attachments: mail.attachments.map((a) => ({
                  filename: a.filename ?? '',
                  contentType: a.contentType,
                  content: a.content.toString('utf8'),
                })),
              },
            });
            callback();
          },
          (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
        );
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  sink.url = `smtp://127.0.0.1:${port}`;
  return sink;
}
