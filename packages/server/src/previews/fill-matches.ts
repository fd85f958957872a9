import type { ClientHair, FillMatchScore, ZonesFile } from '@stipple/core';
import { hairBearingFrom, pxPerMmOf, scoreFillZones, ZONE_DEFAULTS } from '@stipple/core';

/** How each fill zone reads against the client's hair next to it in the healed render. */
export function fillMatches(
  zones: ZonesFile,
  rendered: {
    healed: { data: Uint8Array | Uint8ClampedArray; width: number; height: number; channels: number };
    summary: {
      id: string;
      shadePerSession: number[];
      targetDensityPerCm2: number;
      stubbleShade: number | null;
    }[];
  },
  photo: { data: Uint8Array | Uint8ClampedArray; width: number; height: number; channels: number },
  hair: ClientHair | undefined,
): (FillMatchScore & { kind: 'fill' })[] {
  const pxPerMm = pxPerMmOf(zones.calibration);
  const fills = zones.zones.flatMap((z) => {
    const summary = rendered.summary.find((s) => s.id === z.id);
    return z.kind === 'fill' && summary
      ? [
          {
            zoneId: z.id,
            polygon: z.polygon,
            featherMm: z.featherMm ?? ZONE_DEFAULTS.featherMm,
            shade: summary.shadePerSession.at(-1) ?? ZONE_DEFAULTS.shade,
            densityPerCm2: summary.targetDensityPerCm2,
            stubbleShade: summary.stubbleShade,
          },
        ]
      : [];
  });
  if (fills.length === 0) return [];
  const healed = rendered.healed;
  return scoreFillZones({ ...healed, channels: healed.channels === 4 ? 4 : 3 }, fills, {
    pxPerMm,
    hairBearing: hair ? hairBearingFrom(hair, photo, pxPerMm) : null,
    ...(hair ? { follicles: hair.follicles } : {}),
    before: { ...photo, channels: photo.channels === 4 ? 4 : 3 },
  }).map((m) => ({
    kind: 'fill' as const,
    zoneId: m.zoneId,
    verdict: m.verdict,
    deltaE00: m.deltaE00,
    deltaE00Before: m.deltaE00Before,
    deltaL: m.deltaL,
    ring: m.ring,
    hairDensityPerCm2: m.hairDensityPerCm2,
    ruleIds: m.rules.map((r) => r.id),
    viewingDistanceMm: 1000,
  }));
}
