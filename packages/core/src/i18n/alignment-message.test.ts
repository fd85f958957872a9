import { describe, expect, it } from 'vitest';
import { ALIGNMENT_REFUSALS } from '../domain/alignment.schema.js';
import { alignmentRefusalMessage } from './alignment-message.js';
import { renderMessage } from './catalogue.js';

// The figures of each refusal as the core gives them (registration-result.ts).
const DETAILS: Record<(typeof ALIGNMENT_REFUSALS)[number], Record<string, number>> = {
  'too-little-texture': { photo: 1, keypoints: 12, needed: 40 },
  'too-few-matches': { matches: 5, needed: 12 },
  'inconsistent-geometry': { inliers: 7, matches: 60, needed: 12 },
  'matches-too-concentrated': { spread: 0.012, inliers: 30 },
  'implausible-transform': { scale: 5.2 },
  'too-little-overlap': { overlap: 0.18, needed: 0.25 },
  'poor-agreement': { agreement: 0.113, needed: 0.2 },
};

describe('why two photos could not be aligned, in words', () => {
  it.each(ALIGNMENT_REFUSALS)('says %s in English and Chinese with its figures filled in', (reason) => {
    const { key, params } = alignmentRefusalMessage(reason, DETAILS[reason]);
    for (const locale of ['en', 'zh-CN'] as const) {
      const text = renderMessage(locale, key, params);
      expect(text.length).toBeGreaterThan(20);
      expect(text).not.toMatch(/\{\{|undefined|NaN/);
    }
  });

  it('names the photo and turns shares into per cent', () => {
    const texture = alignmentRefusalMessage('too-little-texture', DETAILS['too-little-texture']);
    expect(renderMessage('en', texture.key, texture.params)).toMatch(
      /^The follow-up photo has too little detail/,
    );
    expect(renderMessage('zh-CN', texture.key, texture.params)).toMatch(/^复诊照片细节太少/);
    const overlap = alignmentRefusalMessage('too-little-overlap', DETAILS['too-little-overlap']);
    expect(renderMessage('en', overlap.key, overlap.params)).toContain('only 18 %');
    const agreement = alignmentRefusalMessage('poor-agreement', DETAILS['poor-agreement']);
    expect(renderMessage('en', agreement.key, agreement.params)).toContain('agreement 0.11, at least 0.20');
  });
});
