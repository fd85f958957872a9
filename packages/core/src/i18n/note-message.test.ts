// Every note code of the analysis and the render has words in English and Chinese, with its
// figures in them and its zone by name; an older row's English text is shown as it is.
import { describe, expect, it } from 'vitest';
import { NOTE_CODES, noteOf, type NoteCode } from '../domain/note.schema.js';
import { ZoneError } from '../render/density-field.js';
import { zoneErrorNote } from '../render/zone-error-note.js';
import type { ZonesFile } from '../domain/zones.schema.js';
import { MESSAGES_EN } from './messages.en.js';
import { MESSAGES_ZH_CN } from './messages.zh-CN.js';
import { noteText } from './note-message.js';

/** Figures for every param a code's English text names (distinct, so each is seen in the text). */
function sampleParams(code: NoteCode): Record<string, number | string> {
  const en = MESSAGES_EN.note as Record<string, string>;
  const text = en[code] ?? en[`${code}_other`]!;
  const params: Record<string, number | string> = {};
  let n = 101;
  for (const [, name] of text.matchAll(/\{\{\s*(\w+)/g)) {
    if (name === 'causes') continue;
    params[name!] = name === 'zone' ? 'scar-2' : n++;
  }
  return code === 'unresolved' ? { ...params, blur: 3, noise: 1, blurMm: 0.12 } : params;
}

describe('notes of the analysis and the render', () => {
  it('has an English and a Chinese text for every code', () => {
    const en = MESSAGES_EN.note as Record<string, string>;
    const zh = MESSAGES_ZH_CN.note as Record<string, string>;
    for (const code of NOTE_CODES) {
      expect(en[code] ?? en[`${code}_other`], code).toBeTruthy();
      expect(zh[code] ?? zh[`${code}_other`], code).toMatch(/\p{Script=Han}/u);
    }
  });

  it('words every code with its figures, a zone by its name, never a placeholder or key left', () => {
    for (const code of NOTE_CODES) {
      const params = sampleParams(code);
      for (const locale of ['en', 'zh-CN'] as const) {
        const text = noteText(locale, noteOf(code, params));
        expect(text, `${locale} ${code}`).not.toMatch(/\{\{|note\.|scar-2/);
        expect(text.length, `${locale} ${code}`).toBeGreaterThan(10);
        for (const value of Object.values(params))
          if (typeof value === 'number' && value !== 0.12)
            expect(text, `${locale} ${code}`).toContain(String(value));
        if ('zone' in params) expect(text).toContain(locale === 'en' ? 'Scar 2' : '疤痕 2');
        if (locale === 'zh-CN') expect(text, code).not.toMatch(/[A-Za-z]{5,}/);
      }
    }
  });

  it('lists the causes of unresolved regions in the language, with the blur width', () => {
    const n = noteOf('unresolved', { share: 40, blur: 3, overexposed: 1, blurMm: 0.12 });
    expect(noteText('en', n)).toBe(
      '40% of the scalp in the photo does not resolve follicles: blurred in 3 regions (out of focus, moved or smoothed by the phone; finest detail ≈ 0.12 mm) and blown-out highlights in 1 region. No density is reported there; take a sharp close-up of those areas (10-15 cm away, focus on the scalp, with a ruler).',
    );
    const zh = noteText('zh-CN', n);
    expect(zh).toContain('模糊区域 3 个');
    expect(zh).toContain('0.12 毫米');
    expect(zh).toContain('和高光过曝区域 1 个');
    expect(zh).not.toContain('noise');
  });

  it('shows the English text of a row written before notes had codes as it is', () => {
    const old = 'The camouflage score could not be measured: boom';
    expect(noteText('zh-CN', old)).toBe(old);
  });

  it('turns a refused zone into its note, the zone named by id, details of other failures nowhere', () => {
    const zones = {
      calibration: { pxPerMm: 10 },
      zones: [{ id: 'fill-1' }, { id: 'scar-2' }],
    } as unknown as ZonesFile;
    const unresolved = new ZoneError(['zones', 1, 'densityPerCm2'], 'is "match", but…', 'match-unresolved', {
      percent: 12,
      cm2: 0.4,
    });
    expect(zoneErrorNote(unresolved, zones)).toEqual(
      noteOf('renderMatchUnresolved', { percent: 12, cm2: 0.4, zone: 'scar-2' }),
    );
    const outside = new ZoneError(['zones', 0, 'polygon'], 'lies outside', 'zone-outside', {
      width: 40,
      height: 30,
    });
    expect(noteText('zh-CN', zoneErrorNote(outside, zones)!)).toBe(
      '密度填充 1 位于照片之外（40×30 像素）：请把它移到照片上，或删除它。',
    );
    expect(zoneErrorNote(new ZoneError(['zones', 1], 'odd'), zones)).toEqual(
      noteOf('renderZonesInvalid', { zone: 'scar-2' }),
    );
    expect(zoneErrorNote(new ZoneError(['calibration'], 'odd'), zones)).toBeNull();
  });
});
