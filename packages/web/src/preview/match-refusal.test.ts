// The refusals are the core's own: a scar zone that asks to "match" the density round it, where the
// ring round it is not measured hair-bearing scalp; the app must put them into the user's words.
import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { resolveZones, ZoneError, ZonesFile, type FollicleAnalysis } from '@stipple/core';
import en from '../i18n/en.json';
import zhCN from '../i18n/zh-CN.json';
import { describeZoneError } from './match-refusal.js';

const W = 400;
const H = 300;
const zones = ZonesFile.parse({
  calibration: { pxPerMm: 10 },
  seed: 1,
  sessions: 2,
  zones: [
    {
      id: 'crown',
      kind: 'fill',
      polygon: [
        [0, 0],
        [100, 0],
        [100, 100],
        [0, 100],
      ],
      densityPerCm2: 60,
    },
    {
      id: 'strip-1',
      kind: 'scar',
      polygon: [
        [150, 140],
        [250, 140],
        [250, 160],
        [150, 160],
      ],
      densityPerCm2: 'match',
    },
  ],
});

/** What the core throws for this analysis (a map of one class, regions of one status). */
function refusal(mapClass: number, status: string): { message: string; field: string } {
  const analysis: FollicleAnalysis = {
    follicles: [],
    resolvability: { regions: [{ x: 0, y: 0, w: W, h: H, status }] },
    scalpMap: {
      width: W / 4,
      height: H / 4,
      factor: 4,
      classesRle: [mapClass, (W * H) / 16],
      coverageRle: [0, (W * H) / 16],
    },
  };
  try {
    resolveZones(zones, { width: W, height: H }, analysis);
  } catch (err) {
    if (err instanceof ZoneError) return { message: err.message, field: err.path.join('.') };
    throw err;
  }
  throw new Error('the core matched where it should refuse');
}

async function translator(lng: 'en' | 'zh-CN'): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({ lng, resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } } });
  return i18n.t;
}

describe('describeZoneError', () => {
  it('words the ring refusal with the zone, the share and the reason, in English and Chinese', async () => {
    const blurred = refusal(3, 'blur');
    const english = describeZoneError(blurred, ['crown', 'strip-1'], await translator('en'));
    expect(english).toMatch(/^Scar zone strip-1: .* 100 % of the \d+ mm ring .* \(mostly: out of focus\)/);
    const chinese = describeZoneError(blurred, ['crown', 'strip-1'], await translator('zh-CN'));
    expect(chinese).toContain('疤痕区域 strip-1');
    expect(chinese).toContain('对焦不准');
    // Apart from the zone's own name, no English is left.
    expect(chinese.replace('strip-1', '')).not.toMatch(/[a-z]{3,}/i);
  });

  it('names bare and non-scalp rings for what they are', async () => {
    const t = await translator('zh-CN');
    expect(describeZoneError(refusal(2, 'resolved'), ['crown', 'strip-1'], t)).toContain('无发头皮');
    expect(describeZoneError(refusal(0, 'resolved'), ['crown', 'strip-1'], t)).toContain('不是头皮');
  });

  it('words a match without an analysis, and leaves anything else as it came', async () => {
    const t = await translator('en');
    let missing: { message: string; field: string } | undefined;
    try {
      resolveZones(zones, { width: W, height: H });
    } catch (err) {
      missing = { message: (err as ZoneError).message, field: (err as ZoneError).path.join('.') };
    }
    expect(describeZoneError(missing!, ['crown', 'strip-1'], t)).toMatch(
      /^Scar zone strip-1: .*needs a photo analysis/,
    );
    expect(describeZoneError({ message: 'something else', field: 'zones.0.polygon' }, [], t)).toBe(
      'zones.0.polygon: something else',
    );
  });
});
