// The app words a note of the analysis or the render in its own language through the catalogue it
// shares with the server, a zone by its name; a note stored as English text stays as it is.
import { describe, expect, it } from 'vitest';
import { noteOf, zoneNameMessage } from '@stipple/core';
import { createI18n } from './i18n.js';
import { catalogueMessage, catalogueNote } from './messages.js';

function wordsIn(locale: 'en' | 'zh-CN') {
  const t = createI18n(locale).t;
  const zoneName = (id: string) => {
    const m = zoneNameMessage(id);
    return m ? catalogueMessage(t, m.key, m.params) : id;
  };
  return (note: Parameters<typeof catalogueNote>[1]) => catalogueNote(t, note, zoneName);
}

describe('a note in the UI language', () => {
  const unresolved = noteOf('renderMatchUnresolved', { zone: 'photo-scar-1', percent: 12, cm2: 0.4 });

  it('is Chinese in the Chinese app, its zone named 照片疤痕 1 and its figures kept', () => {
    const text = wordsIn('zh-CN')(unresolved);
    expect(text).toMatch(/^照片疤痕 1 要匹配周围的毛囊密度/);
    expect(text).toContain('12 %（0.4 cm²）');
    expect(text).not.toMatch(/photo-scar|[A-Za-z]{5,}/);
  });

  it('is English in the English app', () => {
    expect(wordsIn('en')(unresolved)).toMatch(/^Photo scar 1 matches the follicle density round it/);
  });

  it('keeps the English text of a note stored before notes had codes', () => {
    expect(wordsIn('zh-CN')('The render failed: an old one')).toBe('The render failed: an old one');
  });
});
