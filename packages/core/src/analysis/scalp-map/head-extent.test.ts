import { describe, expect, it } from 'vitest';
import { noteText } from '../../i18n/note-message.js';
import { analyzePhoto } from '../analyze-photo.js';
import { closeUpScene, headScene, PALE_SKIN, plainWall, render } from '../testing/synthetic-heads.js';
import { MIN_HEAD_WIDTH_MM, wholeHeadScaleBound } from './head-extent.js';
import { segmentScalp } from './segment-scalp.js';

describe('a whole head in view bounds the scale of an uncalibrated photo', () => {
  // a head 200 px across with wall on both sides: at most 200 / 120 px per mm
  const head = render(headScene({ skin: PALE_SKIN, background: plainWall }), 3).image;

  it('takes the head span between its backgrounds over the narrowest head', () => {
    const bound = wholeHeadScaleBound(segmentScalp(head));
    expect(bound).not.toBeNull();
    expect(bound!).toBeGreaterThan((0.9 * 200) / MIN_HEAD_WIDTH_MM);
    expect(bound!).toBeLessThan((1.3 * 200) / MIN_HEAD_WIDTH_MM);
  });

  it('gives no bound for a close-up, scalp to every edge', () => {
    expect(wholeHeadScaleBound(segmentScalp(render(closeUpScene(), 4).image))).toBeNull();
  });

  it('calls the whole head too far for follicles instead of counting its hair as follicles', () => {
    const a = analyzePhoto(head);
    expect(a.follicles).toHaveLength(0);
    expect(a.scarSuggestions).toHaveLength(0);
    expect(a.density).toBeNull();
    const statuses = new Set(a.resolvability.regions.map((r) => r.status));
    expect(statuses.has('resolved')).toBe(false);
    expect(statuses.has('pixel-scale')).toBe(true);
    const tooFar = a.notes.find((n) => n.code === 'headTooFar');
    expect(tooFar?.params.pxPerMm).toBeGreaterThanOrEqual(1);
    expect(tooFar?.params.pxPerMm).toBeLessThan(2);
    expect(noteText('en', tooFar!)).toMatch(/whole head is in the photo, so it has at most 1\.\d px per mm/);
  });

  it('leaves a calibrated photo to its given scale', () => {
    const a = analyzePhoto(head, { calibration: { pxPerMm: 20 } });
    expect(a.notes.map((n) => n.code)).not.toContain('headTooFar');
  });
});
