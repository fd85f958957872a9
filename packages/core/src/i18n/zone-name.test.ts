import { describe, expect, it } from 'vitest';
import { zoneDisplayName } from './zone-name.js';

describe('zoneDisplayName', () => {
  it('names zones by kind and number, a zone from the photo analysis apart from the assessment’s scars', () => {
    expect(zoneDisplayName('photo-scar-1', 'en')).toBe('Photo scar 1');
    expect(zoneDisplayName('photo-scar-1', 'zh-CN')).toBe('照片疤痕 1');
    expect(zoneDisplayName('scar-2', 'zh-CN')).toBe('疤痕 2');
    expect(zoneDisplayName('fill-1', 'zh-CN')).toBe('密度填充 1');
    expect(zoneDisplayName('exclude-3', 'en')).toBe('Exclusion 3');
    expect(zoneDisplayName('hairline-1', 'zh-CN')).toBe('发际线 1');
  });

  it('keeps a name the artist gave a zone', () => {
    expect(zoneDisplayName('crown', 'zh-CN')).toBe('crown');
    expect(zoneDisplayName('scar-left-side', 'en')).toBe('scar-left-side');
  });
});
