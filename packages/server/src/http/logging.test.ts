import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { requestIdFrom, withRequestId } from '../observability/request-context.js';
import { loggableUrl, loggerOptions } from './logging.js';

describe('logging', () => {
  it('drops query strings and masks invitation tokens in URLs', () => {
    expect(loggableUrl('/api/clients?q=Jos%C3%A9&page=2')).toBe('/api/clients');
    expect(loggableUrl('/api/invitations/abcDEF123_-xyz')).toBe('/api/invitations/:token');
    expect(loggableUrl('/invite/abcDEF123_-xyz')).toBe('/invite/:token');
    expect(loggableUrl('/api/clients/0b7c')).toBe('/api/clients/0b7c');
    // A kiosk ticket and a client's emailed link are as good as a password while they last.
    expect(loggableUrl('/api/kiosk/abcDEF123_-xyz/sign')).toBe('/api/kiosk/:token/sign');
    expect(loggableUrl('/kiosk/abcDEF123_-xyz')).toBe('/kiosk/:token');
    expect(loggableUrl('/api/kiosk')).toBe('/api/kiosk');
    expect(loggableUrl('/api/portal/links/abcDEF123_-xyz')).toBe('/api/portal/links/:token');
    expect(loggableUrl('/p/abcDEF123_-xyz')).toBe('/p/:token');
  });

  it('redacts client fields and secrets wherever they appear one level deep', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pino(loggerOptions('info'), sink);
    log.info(
      {
        client: {
          familyName: 'Núñez',
          email: 'jose@example.com',
          phone: '+34 1',
          notes: 'scar',
          dateOfBirth: '1984-01-01',
        },
        password: 'hunter2',
      },
      'x',
    );
    const line = lines.join('');
    for (const secret of ['Núñez', 'jose@example.com', '+34 1', 'scar', '1984-01-01', 'hunter2'])
      expect(line).not.toContain(secret);
    expect(line).toContain('[redacted]');
  });
});

describe('request ids in log lines', () => {
  const capture = () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        for (const l of chunk.toString().split('\n').filter(Boolean))
          lines.push(JSON.parse(l) as Record<string, unknown>);
        done();
      },
    });
    return { log: pino(loggerOptions('info'), sink), lines };
  };

  it('carries the request id of the work in progress into lines of loggers made before it', async () => {
    const { log, lines } = capture();
    const service = log.child({ component: 'photos' });
    service.info('outside');
    await withRequestId('req-abcdef12', async () => {
      await Promise.resolve();
      service.info('inside');
      // A logger that has the id bound already (Fastify's request logger) gets it once.
      log.child({ reqId: 'req-abcdef12' }).info('bound');
    });
    expect(lines.map((l) => [l.msg, l.reqId])).toEqual([
      ['outside', undefined],
      ['inside', 'req-abcdef12'],
      ['bound', 'req-abcdef12'],
    ]);
  });

  it('masks calendar-feed secrets in URLs', () => {
    expect(loggableUrl('/api/feeds/AbC123secret456.ics?x=1')).toBe('/api/feeds/:token');
  });

  it('keeps a caller’s plain request id and replaces anything else with a UUID', () => {
    expect(requestIdFrom('lb-1234-abcd')).toBe('lb-1234-abcd');
    for (const bad of [undefined, 'short', 'has spaces in it', 'x'.repeat(200), '<script>alert</script>'])
      expect(requestIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
  });
});
