import type { TFunction } from 'i18next';
import {
  fieldLabel,
  translateMessage,
  translateNote,
  type MessageParams,
  type StoredNote,
} from '@stipple/core';
import type { Translate } from '../forms/validation-messages.js';

/**
 * A message of the catalogue shared with the server (`error.doubleBooking`, `field.atLeast`), in
 * the UI language: the same words the server sends, rendered here so that they follow the
 * language the user picks.
 */
export function catalogueMessage(t: Translate, key: string, params?: MessageParams): string {
  return translateMessage(prefixed(t), key, params);
}

/**
 * A field named by its path as the server names it in a summary (`scars.0.lengthMm` → "疤痕 1 ›
 * 长度（毫米）"), in the UI language; '' when the catalogue has no label on the path.
 */
export function catalogueFieldLabel(t: Translate, path: string): string {
  return fieldLabel(prefixed(t), path);
}

/**
 * A note of the photo analysis or the preview render in the UI language, its zone by `zoneName`;
 * the English text of a note stored before notes had codes as it is.
 */
export function catalogueNote(t: Translate, note: StoredNote, zoneName: (id: string) => string): string {
  return translateNote(prefixed(t), note, zoneName);
}

function prefixed(t: Translate): TFunction {
  return ((k: string, options?: Record<string, unknown>) =>
    t(`messages.${k}`, options)) as unknown as TFunction;
}
