// Every message of the shared catalogue exists in English and Simplified Chinese with the same
// placeholders, reads as words (no field path, no schema wording), and renders in both languages.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CATALOGUES, fieldLabel, messagesIn, renderMessage } from './catalogue.js';
import { messageOfIssue } from './issue-message.js';
import { MESSAGES_EN } from './messages.en.js';
import { MESSAGES_ZH_CN } from './messages.zh-CN.js';

type Section = Record<string, string>;
const PLURAL = /_(zero|one|two|few|many|other)$/;
const KEPT = new Set(
  'YYYY Fitzpatrick Norwood Ludwig Savin vertex advanced frontal JPEG HEIC HEIF WebP iPhone Stipple JSON image jpeg webp application json content type length pxPerMm ruler Europe London Asia Shanghai north street'.split(
    ' ',
  ),
);

/** Every key as section.base (plural forms folded together) with its placeholders. */
function entries(catalogue: Record<string, Section>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const [section, messages] of Object.entries(catalogue))
    for (const [key, text] of Object.entries(messages)) {
      const id = `${section}.${key.replace(PLURAL, '')}`;
      const names = out.get(id) ?? new Set<string>();
      for (const m of text.matchAll(/\{\{\s*(\w+)/g)) names.add(m[1]!);
      out.set(id, names);
    }
  return out;
}

describe('the message catalogue', () => {
  const en = entries(MESSAGES_EN);
  const zh = entries(MESSAGES_ZH_CN);

  it('has every message in both languages, with the same placeholders', () => {
    expect([...zh.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, names] of en) expect([key, [...zh.get(key)!].sort()]).toEqual([key, [...names].sort()]);
  });

  it('gives every English plural both forms, and Chinese its one form', () => {
    for (const [section, messages] of Object.entries(MESSAGES_EN))
      for (const key of Object.keys(messages)) {
        if (key.endsWith('_one'))
          expect(messages, `${section}.${key}`).toHaveProperty(key.replace(/_one$/, '_other'));
        if (key.endsWith('_other'))
          expect(messages, `${section}.${key}`).toHaveProperty(key.replace(/_other$/, '_one'));
      }
    for (const messages of Object.values(MESSAGES_ZH_CN))
      for (const key of Object.keys(messages)) expect(key).not.toMatch(/_one$/);
  });

  it('writes Chinese in Chinese, and no English word of the English message is left in it', () => {
    for (const [section, messages] of Object.entries(MESSAGES_ZH_CN))
      for (const [key, text] of Object.entries(messages as Section)) {
        if (section === 'error' || section === 'field' || section === 'label' || section === 'entity')
          expect(text, `${section}.${key}`).toMatch(/\p{Script=Han}/u);
        const words = text.replace(/\{\{[^}]+\}\}/g, '').match(/[A-Za-z]{4,}/g) ?? [];
        // Names of scales, formats, codes and the product stay as they are.
        for (const w of words.filter((x) => !/^[IVX]+a?$/.test(x)))
          expect(`${section}.${key}: ${w}`).toSatisfy(() => KEPT.has(w));
      }
  });

  it('renders with plurals, dates and lists in each language', () => {
    const params = { count: 1, other: '2026-12-15', min: 14 };
    expect(renderMessage('en', 'error.intervalTooShort', params)).toBe(
      'Only 1 day from the session on Dec 15, 2026: this treatment needs at least 14 days between sessions.',
    );
    expect(renderMessage('en', 'error.intervalTooShort', { ...params, count: 3 })).toMatch(
      /^Only 3 days from/,
    );
    expect(renderMessage('zh-CN', 'error.intervalTooShort', { ...params, count: 3 })).toBe(
      '距 2026年12月15日 的治疗仅 3 天：本疗程两次治疗之间至少需要 14 天。',
    );
    expect(renderMessage('zh-CN', 'error.notFound', { entity: { t: 'entity.appointment' } })).toBe(
      '未找到预约。',
    );
    expect(renderMessage('en', 'error.validationFailed', { count: 2, fields: ['date', 'time'] })).toBe(
      'Please correct 2 fields: date and time.',
    );
  });

  it('names fields in words, by the item they belong to', () => {
    const en = messagesIn('en');
    expect(fieldLabel(en, 'assessment.scars.1.lengthMm')).toBe('scar 2 › length (mm)');
    expect(fieldLabel(en, 'assessment.consultationDate')).toBe('consultation date');
    expect(fieldLabel(messagesIn('zh-CN'), 'startsAt')).toBe('日期和时间');
    expect(fieldLabel(en, 'noSuchThing')).toBe('');
  });

  it('maps what zod finds to codes the person who typed the value understands', () => {
    const Scar = z.strictObject({
      lengthMm: z.number().positive().max(600),
      count: z.int().min(1),
      when: z.iso.date(),
      name: z.string().min(1),
    });
    const issues = Scar.safeParse(
      { lengthMm: '1e9', count: -2.5, when: '2090-13-45', shoeSize: 44 },
      { reportInput: true },
    ).error!.issues;
    expect(issues.map((i) => [i.path.join('.'), messageOfIssue(i)])).toEqual([
      ['lengthMm', { code: 'notANumber' }],
      ['count', { code: 'notAWholeNumber' }],
      ['when', { code: 'notADate' }],
      ['name', { code: 'required' }],
      ['', { code: 'unknownField' }],
    ]);
    const small = Scar.shape.lengthMm.safeParse(-180, { reportInput: true }).error!.issues[0]!;
    expect(messageOfIssue(small)).toEqual({ code: 'moreThan', params: { min: 0 } });
    expect(renderMessage('zh-CN', 'field.moreThan', { min: 0 })).toBe('须大于 0');
    expect(Object.keys(CATALOGUES)).toEqual(['en', 'zh-CN']);
  });
});
