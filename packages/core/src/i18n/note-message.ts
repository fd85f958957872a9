// A note of the photo analysis or the preview render (domain/note.schema.ts) in words: the
// catalogue's `note.<code>` with its figures, a zone by the name a reader knows. The web app
// passes its translation function and zone names, the server and the command line a language.
import type { TFunction } from 'i18next';
import type { UiLocale } from '../domain/common.schema.js';
import { UNRESOLVED_CAUSES, type Note, type StoredNote } from '../domain/note.schema.js';
import { messagesIn, translateMessage, type MessageParams } from './catalogue.js';
import { zoneDisplayName } from './zone-name.js';

const CAUSE_KEYS: Record<(typeof UNRESOLVED_CAUSES)[number][1], string> = {
  blur: 'note.causeBlur',
  noise: 'note.causeNoise',
  noDetail: 'note.causeNoDetail',
  overexposed: 'note.causeOverexposed',
};

/** `note` in the language of `t` (whose keys are the catalogue's); English text of older rows as it is. */
export function translateNote(t: TFunction, note: StoredNote, zoneName: (id: string) => string): string {
  if (typeof note === 'string') return note;
  const params: MessageParams = { ...note.params };
  if (typeof note.params.zone === 'string') params.zone = zoneName(note.params.zone);
  if (note.code === 'unresolved') params.causes = causesOf(t, note.params);
  return translateMessage(t, `note.${note.code}`, params);
}

/** `note` in `locale` (the server's documents, the command line in English). */
export function noteText(locale: UiLocale, note: StoredNote): string {
  return translateNote(messagesIn(locale), note, (id) => zoneDisplayName(id, locale));
}

function causesOf(t: TFunction, params: Note['params']): string[] {
  const causes: string[] = [];
  for (const [, param] of UNRESOLVED_CAUSES) {
    const count = Number(params[param] ?? 0);
    if (!count) continue;
    causes.push(
      param === 'blur' && params.blurMm !== undefined
        ? translateMessage(t, 'note.causeBlurDetail', { count, blurMm: params.blurMm })
        : translateMessage(t, CAUSE_KEYS[param], { count }),
    );
  }
  return causes;
}
