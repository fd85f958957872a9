/**
 * The words for a zone the preview or the render cannot draw because its density is "match":
 * the core refuses in English, naming the zone's field and the reason; the artist reads it in the
 * app's language. Anything not recognised is shown as it came.
 */
import { describeStatus, type RegionStatus } from '@stipple/core';
import type { TFunction } from 'i18next';

const STATUSES: RegionStatus[] = [
  'pixel-scale',
  'blur',
  'noise',
  'no-detail',
  'not-scalp',
  'not-skin',
  'overexposed',
];
/** Reasons the ring check gives besides a region's status. */
const OTHER_REASONS: Record<string, string> = {
  'bare scalp, without hair to match': 'bare',
  'not scalp': 'notScalp',
  'outside the analysed part of the photo': 'outside',
  'no ring round the zone': 'noRing',
};

function reasonKey(text: string): string | null {
  const status = STATUSES.find((s) => describeStatus(s) === text);
  return status ? `status.${status}` : OTHER_REASONS[text] ? OTHER_REASONS[text] : null;
}

export function describeZoneError(
  error: { message: string; field?: string | null },
  zoneIds: readonly string[],
  t: TFunction,
): string {
  const index = /zones\.(\d+)\.densityPerCm2/.exec(`${error.field ?? ''} ${error.message}`)?.[1];
  const zone = index !== undefined ? (zoneIds[Number(index)] ?? String(Number(index) + 1)) : '';
  const ring =
    /is "match", but (\d+)% of the ([\d.]+) mm ring round the scar is not measured hair-bearing scalp \(mostly: (.+?)\);/.exec(
      error.message,
    );
  if (ring) {
    const key = reasonKey(ring[3]!);
    return t('scalpMap.match.refused', {
      zone,
      share: ring[1],
      ring: ring[2],
      reason: key ? t(`scalpMap.match.reasons.${key}`) : ring[3],
    });
  }
  if (
    /is "match", which needs a photo analysis|match the surrounding follicle density, which needs a photo analysis/.test(
      error.message,
    )
  )
    return t('scalpMap.match.needsAnalysis', { zone });
  if (/is "match", but the photo analysis is from an older version/.test(error.message))
    return t('scalpMap.match.oldAnalysis', { zone });
  return `${error.field ? `${error.field}: ` : ''}${error.message}`;
}
