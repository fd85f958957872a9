import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { loggableUrl, loggerOptions } from './logging.js';

describe('logging', () => {
  it('drops query strings and masks invitation tokens in URLs', () => {
    expect(loggableUrl('/api/clients?q=Jos%C3%A9&page=2')).toBe('/api/clients');
    expect(loggableUrl('/api/invitations/abcDEF123_-xyz')).toBe('/api/invitations/:token');
    expect(loggableUrl('/invite/abcDEF123_-xyz')).toBe('/invite/:token');
    expect(loggableUrl('/api/clients/0b7c')).toBe('/api/clients/0b7c');
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
