import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { Assessment } from '@stipple/core';
import { lookAtPdf } from '../test-support/pdf-check.js';
import { consultationReportPdf, type ReportPreview } from './consultation-report-pdf.js';

const jpeg = (r: number, g: number, b: number) =>
  sharp({ create: { width: 320, height: 160, channels: 3, background: { r, g, b } } })
    .jpeg()
    .toBuffer();

const measure = (deltaE00: number) => ({
  deltaE00,
  deltaE00P95: deltaE00 + 2,
  densityInside: 0,
  densityAround: 40,
  densityRatio: 0,
});

async function report(locale: 'en' | 'zh-CN', camouflage: ReportPreview['camouflage'] = null) {
  const preview: ReportPreview = {
    view: 'back',
    takenOn: '2026-11-02',
    photo: await jpeg(200, 160, 140),
    healed: await jpeg(170, 140, 130),
    camouflage,
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
    assessment: Assessment.parse({
      consultationDate: '2026-11-02',
      scars: [{ id: 'scar-1', cause: 'fut', texture: 'flat', lengthMm: 120, widthMm: 3 }],
    }),
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
    expect(text).toContain('约保留55%的色素');
    // A Chinese label takes the full-width colon (issue 11: "年龄: …" beside "疤痕 1：…").
    expect(text).toMatch(/疤痕1：/);
    expect(text).not.toMatch(/[\u3400-\u9fff]:/);
  });
});

describe('consultation report: a zone taken from the photo analysis', () => {
  // Issue 11: an accepted suggestion was printed as "scar-1", beside the assessment's scar 1 (a
  // different one), and a scar zone the preview made worse sat silently beside "up to 100 %".
  const scores = [
    // Accepted from the analysis, and the healed preview stands out more than the scar does now.
    {
      zoneId: 'photo-scar-1',
      before: measure(4.2),
      after: measure(6.8),
      deltaE00Reduction: -2.6,
      viewingDistanceMm: 1000,
    },
    {
      zoneId: 'scar-1',
      before: measure(9.5),
      after: measure(3.1),
      deltaE00Reduction: 6.4,
      viewingDistanceMm: 1000,
    },
  ];

  it('names it apart from the assessment’s scars and flags the one made worse, in English', async () => {
    const text = (await lookAtPdf(await report('en', scores))).text.replace(/\s+/g, ' ');
    expect(text).not.toMatch(/photo-scar|scar-1/);
    expect(text).toContain('Photo scar 1: colour difference to the surrounding skin ΔE00 4.2 before, 6.8');
    expect(text).toContain('Scar 1: colour difference to the surrounding skin ΔE00 9.5 before, 3.1');
    expect(text.match(/stands out more than the skin does now/g)).toHaveLength(1);
  });

  it('and in Chinese', async () => {
    const text = (await lookAtPdf(await report('zh-CN', scores))).text.replace(/\s+/g, '');
    expect(text).not.toMatch(/photo-scar|scar-1/);
    expect(text).toContain('照片疤痕1：与周围皮肤的色差ΔE00治疗前4.2');
    expect(text).toContain('疤痕1：与周围皮肤的色差ΔE00治疗前9.5');
    expect(text.match(/此区域的愈合预览比现在更显眼/g)).toHaveLength(1);
  });
});
