// A zone of a photo as a reader calls it. Zones drawn in the editor and taken from the photo
// analysis get ids by kind and number (`fill-1`, `photo-scar-2`): those are addresses, never shown;
// the reader gets "Density fill 1" / "填充 1". A zone the artist named herself keeps her name.
import type { UiLocale } from '../domain/common.schema.js';
import { renderMessage, type MessageParams } from './catalogue.js';

const KINDS: Record<string, string> = {
  scar: 'zoneName.scar',
  'photo-scar': 'zoneName.photoScar',
  fill: 'zoneName.fill',
  exclude: 'zoneName.exclude',
  hairline: 'zoneName.hairline',
};
const ID = new RegExp(`^(${Object.keys(KINDS).join('|')})-(\\d+)$`);

/** The catalogue message naming zone `id`, or null for an id that is a name already. */
export function zoneNameMessage(id: string): { key: string; params: MessageParams } | null {
  const m = ID.exec(id);
  return m ? { key: KINDS[m[1]!]!, params: { n: Number(m[2]) } } : null;
}

/** Zone `id` by the name a reader knows, in `locale`. */
export function zoneDisplayName(id: string, locale: UiLocale): string {
  const message = zoneNameMessage(id);
  return message ? renderMessage(locale, message.key, message.params) : id;
}
