// What a visitor of the public page does in the API tests: waits for the studio's email in the real
// SMTP sink, finds the portal link in it, opens the link as their browser does.
import type { PortalSessionInfo } from '@stipple/core';
import type { Delivery, SmtpSink } from './smtp-sink.js';
import type { ApiClient, TestServer } from './test-server.js';

/** The first `count` emails to `address` (waits up to a minute for the outbox). */
export async function mailsTo(sink: SmtpSink, address: string, count: number): Promise<Delivery[]> {
  for (let i = 0; i < 600; i++) {
    const found = sink.deliveries.filter((d) => d.to.includes(address));
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email number ${count} to ${address}`);
}

export const textOf = (mail: Delivery) => mail.parsed.text;
export const subjectOf = (mail: Delivery) => mail.parsed.subject;
export const calendarOf = (mail: Delivery) =>
  mail.parsed.attachments.find((a) => a.contentType === 'text/calendar')?.content ?? '';

/** The portal token in an email (the test server's public address is http://stipple.test). */
export function linkIn(mail: Delivery): string {
  const m = /http:\/\/stipple\.test\/p\/([A-Za-z0-9_-]{40,})/.exec(textOf(mail));
  if (!m) throw new Error(`no portal link in:\n${textOf(mail)}`);
  return m[1]!;
}

/** Opens an emailed link as the client's browser does; returns the portal client. */
export async function openLink(
  ts: TestServer,
  token: string,
): Promise<{ status: number; api: ApiClient; info: PortalSessionInfo }> {
  const api = ts.client();
  const res = await api.post<PortalSessionInfo>(`/api/portal/links/${token}`);
  if (res.status === 200) api.csrfToken = res.body.csrfToken;
  return { status: res.status, api, info: res.body };
}

/** The first email to `address` whose subject matches (waits up to a minute for the outbox). */
export async function mailWith(sink: SmtpSink, address: string, subject: RegExp): Promise<Delivery> {
  for (let i = 0; i < 600; i++) {
    const found = sink.deliveries.find((d) => d.to.includes(address) && subject.test(d.parsed.subject));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email to ${address} about ${subject}`);
}
