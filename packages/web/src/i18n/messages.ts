import type { TFunction } from 'i18next';
import { translateMessage, type MessageParams } from '@stipple/core';
import type { Translate } from '../forms/validation-messages.js';

/**
 * A message of the catalogue shared with the server (`error.doubleBooking`, `field.atLeast`), in
 * the UI language: the same words the server sends, rendered here so that they follow the
 * language the user picks.
 */
export function catalogueMessage(t: Translate, key: string, params?: MessageParams): string {
  const prefixed = ((k: string, options?: Record<string, unknown>) =>
    t(`messages.${k}`, options)) as unknown as TFunction;
  return translateMessage(prefixed, key, params);
}
