// A drawn signature is kept as its pixels only: re-encoded on arrival (no metadata, no trailing
// bytes), refused above the size limit with a clear error naming the field.
import type { ConsentRecord, ConsentTemplate } from '@stipple/core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTemplateVersion } from './consent.service.js';
import { createClientFixture, createStudioFixture, type FixtureStudio } from '../test-support/fixtures.js';
import { signedInAs } from '../test-support/signed-in.js';
import { startTestServer, type ApiClient, type TestServer } from '../test-support/test-server.js';

let ts: TestServer;
let studio: FixtureStudio;
let artist: ApiClient;
let clientId: string;
let template: ConsentTemplate;

beforeAll(async () => {
  ts = await startTestServer();
  studio = await createStudioFixture(ts.server.db, 'Signature Studio');
  clientId = await createClientFixture(ts.server.db, studio.id, { familyName: 'Núñez' });
  await ts.server.db.withStudio(studio.id, (tx) =>
    createTemplateVersion(tx, studio.id, null, {
      kind: 'treatment',
      language: 'en',
      title: 'Treatment consent',
      body: 'I agree to scalp micropigmentation as explained to me.',
      validityMonths: null,
    }),
  );
  artist = await signedInAs(ts, studio.artist.email);
  template = (await artist.get<{ items: ConsentTemplate[] }>('/api/consent-templates')).body.items[0]!;
});
afterAll(() => ts?.close());

const SECRET = 'GPS 51.5072N 0.1276W signed on iPad of Jose';

/** A PNG chunk (length, type, data, CRC). */
function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  let crc = 0xffffffff;
  for (const byte of body) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE((crc ^ 0xffffffff) >>> 0, 8 + data.length);
  return out;
}

/** A drawn stroke as PNG, with a text chunk carrying SECRET before IEND and bytes after it. */
async function signatureWithMetadata(width: number, height: number): Promise<Buffer> {
  const svg = `<svg width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><path d="M10 ${height - 10} L ${width - 10} 10" stroke="#111" stroke-width="4"/></svg>`;
  const png = await sharp(Buffer.from(svg)).png().toBuffer();
  const iend = png.length - 12;
  return Buffer.concat([
    png.subarray(0, iend),
    chunk('tEXt', Buffer.from(`Comment\0${SECRET}`, 'latin1')),
    png.subarray(iend),
    Buffer.from(SECRET, 'latin1'),
  ]);
}

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

describe('signature images', () => {
  it('are re-encoded on arrival: the stored PNG has the same pixels and nothing else', async () => {
    const uploaded = await signatureWithMetadata(600, 200);
    expect(uploaded.toString('latin1')).toContain(SECRET);
    const res = await artist.post<ConsentRecord>(`/api/clients/${clientId}/consents`, {
      templateId: template.id,
      signerName: 'José Núñez',
      signature: dataUrl(uploaded),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const stored = await fetch(`${ts.url}/api/consents/${res.body.id}/signature`, {
      headers: { cookie: `stipple_session=${artist.cookie}` },
    });
    expect(stored.status).toBe(200);
    expect(stored.headers.get('cache-control')).toBe('no-store');
    const bytes = Buffer.from(await stored.arrayBuffer());
    expect(bytes.toString('latin1')).not.toContain(SECRET);
    expect(bytes.toString('latin1')).not.toContain('tEXt');
    const meta = await sharp(bytes).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 600, height: 200 });
    const [a, b] = await Promise.all([sharp(uploaded).raw().toBuffer(), sharp(bytes).raw().toBuffer()]);
    expect(b.equals(a)).toBe(true);
  });

  it('are refused above 4000×2000 pixels, naming the field and the limit', async () => {
    const res = await artist.post<ConsentRecord>(`/api/clients/${clientId}/consents`, {
      templateId: template.id,
      signerName: 'José Núñez',
      signature: dataUrl(
        await sharp({ create: { width: 4200, height: 120, channels: 4, background: '#0000' } })
          .png()
          .toBuffer(),
      ),
    });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({
      error: 'signature_too_large',
      fields: [
        {
          in: 'body',
          field: 'signature',
          code: 'signatureTooManyPixels',
          message: 'Is larger than 4000×2000 pixels',
        },
      ],
    });
  });
});
