import type { TFunction } from 'i18next';
import { fieldLabel, translateMessage, type MessageParams } from '@stipple/core';
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

function prefixed(t: Translate): TFunction {
  return ((k: string, options?: Record<string, unknown>) =>
    t(`messages.${k}`, options)) as unknown as TFunction;
}
