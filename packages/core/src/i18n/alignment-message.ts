// The catalogue message for why two photos could not be aligned: the key by the core's reason,
// and the figures as a person reads them (shares as whole per cent, agreement to two places).
import type { AlignmentRefusalReason } from '../domain/alignment.schema.js';
import type { MessageParams } from './catalogue.js';

const KEYS: Record<AlignmentRefusalReason, string> = {
  'too-little-texture': 'alignment.refusedTooLittleTexture',
  'too-few-matches': 'alignment.refusedTooFewMatches',
  'inconsistent-geometry': 'alignment.refusedInconsistentGeometry',
  'matches-too-concentrated': 'alignment.refusedMatchesTooConcentrated',
  'implausible-transform': 'alignment.refusedImplausibleTransform',
  'too-little-overlap': 'alignment.refusedTooLittleOverlap',
  'poor-agreement': 'alignment.refusedPoorAgreement',
};

const percent = (v: number | undefined) => Math.round(100 * (v ?? 0));

export function alignmentRefusalMessage(
  reason: AlignmentRefusalReason,
  details: Record<string, number>,
): { key: string; params: MessageParams } {
  const params: MessageParams = {};
  for (const [k, v] of Object.entries(details)) params[k] = v;
  if (reason === 'too-little-texture')
    params.photo = { t: details.photo === 0 ? 'alignment.sideEarlier' : 'alignment.sideLater' };
  if (reason === 'matches-too-concentrated') params.spread = percent(details.spread);
  if (reason === 'too-little-overlap') {
    params.overlap = percent(details.overlap);
    params.needed = percent(details.needed);
  }
  if (reason === 'poor-agreement') {
    params.agreement = (details.agreement ?? 0).toFixed(2);
    params.needed = (details.needed ?? 0).toFixed(2);
  }
  return { key: KEYS[reason], params };
}
