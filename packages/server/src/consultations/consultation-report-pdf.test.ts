import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { Assessment } from '@stipple/core';
import { lookAtPdf } from '../test-support/pdf-check.js';
import { consultationReportPdf, type ReportPreview } from './consultation-report-pdf.js';

const jpeg = (r: number, g: number, b: number) =>
  sharp({ create: { width: 320, height: 160, channels: 3, background: { r, g, b } } })
    .jpeg()
    .toBuffer();

async function report(locale: 'en' | 'zh-CN') {
  const preview: ReportPreview = {
    view: 'back',
    takenOn: '2026-11-02',
    photo: await jpeg(200, 160, 140),
    healed: await jpeg(170, 140, 130),
    camouflage: null,
    scars: [
      {
        zoneId: 'strip',
        texture: 'atrophic',
        expected: await jpeg(120, 100, 100),
        poor: await jpeg(175, 145, 135),
        retention: 0.55,
        poorRetention: 0.3,
      },
    ],
  };
  return consultationReportPdf({
    locale,
    studio: { name: 'Studio', address: '', phone: '', email: '', logo: null },
    timeZone: 'Europe/London',
    clientName: 'Ana Client',
    consultationDate: '2026-11-02',
    artistName: 'Art Ist',
    assessment: Assessment.parse({ consultationDate: '2026-11-02' }),
    plan: null,
    previews: [preview],
    pricePerSession: null,
    generatedAt: new Date('2026-11-02T10:00:00Z'),
  });
}

describe('consultation report: a scar’s honest range', () => {
  it('shows the healed scar as expected and at the poor end side by side, labelled, in English', async () => {
    const look = await lookAtPdf(await report('en'));
    const text = look.text.replace(/\s+/g, ' ');
    expect(text).toContain('As expected');
    expect(text).toContain('At the poor end of the range');
    expect(text).toMatch(/strip \(indented scar\): scar tissue holds pigment unpredictably/);
    expect(text).toMatch(/about 55 % of the pigment kept.*about 30 %/);
  });

  it('and in Chinese', async () => {
    const look = await lookAtPdf(await report('zh-CN'));
    const text = look.text.replace(/\s+/g, '');
    expect(text).toContain('预期效果');
    expect(text).toContain('范围的较差一端');
    expect(text).toContain('约保留55%的色料');
  });
});
