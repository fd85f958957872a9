// Why a render of the zones was refused, as a note the apps word themselves: the ZoneError's kind
// and figures, and the zone it is about (its path names the zone by index).
import { noteOf, type Note, type NoteCode } from '../domain/note.schema.js';
import type { ZonesFile } from '../domain/zones.schema.js';
import type { ZoneError } from './density-field.js';

const CODES: Record<string, NoteCode> = {
  'zone-outside': 'renderZoneOutside',
  'match-no-analysis': 'renderMatchNoAnalysis',
  'match-unresolved': 'renderMatchUnresolved',
  'match-too-few': 'renderMatchTooFew',
  'match-too-dense': 'renderMatchTooDense',
};

/** The note for `err` about `zones`; null when it names no zone (then it is not the zones' fault). */
export function zoneErrorNote(err: ZoneError, zones: ZonesFile): Note | null {
  const index = err.path[0] === 'zones' ? err.path[1] : undefined;
  const zone = typeof index === 'number' ? zones.zones[index]?.id : undefined;
  if (zone === undefined) return null;
  const code = err.code !== undefined ? CODES[err.code] : undefined;
  return code ? noteOf(code, { ...err.params, zone }) : noteOf('renderZonesInvalid', { zone });
}
