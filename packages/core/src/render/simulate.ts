import { defaultSessionShares, pxPerMmOf, type ZonesFile } from '../domain/zones.schema.js';
import { hashSeed } from '../sampling/rng.js';
import { sampleSessions } from '../sampling/progressive.js';
import { buildDensityField, type BuiltDensityField, type FollicleAnalysis } from './density-field.js';
import { buildImpressionSet, type ImpressionSet } from './impression-set.js';
import type { Stage } from './render-stage.js';

export interface ZoneSummary {
  id: string;
  kind: string;
  /** Where the zone applies at least half, cm². */
  areaCm2: number;
  targetDensityPerCm2: number;
  densitySource: 'file' | 'default' | 'analysis';
  /** Impressions per cm² inside the zone proper, after the last session. */
  achievedDensityPerCm2: number;
  /** Impressions placed in each session (in the zone and its feather). */
  impressionsPerSession: number[];
  dotDiameterMm: number;
  shadePerSession: number[];
  retention: number;
  texture: string | null;
}

export interface Simulation {
  pxPerMm: number;
  sessions: number;
  sessionShares: number[];
  built: BuiltDensityField;
  impressions: ImpressionSet;
  /** The stages worth showing, named as the CLI writes them. */
  stages: { name: string; stage: Stage }[];
  summary: ZoneSummary[];
}

/**
 * Plans a simulation on a photo of the given size: the density field from the zones, the
 * impressions of every session, and the stages to render. Rendering a stage is `renderStage`.
 */
export function planSimulation(
  spec: ZonesFile,
  image: { width: number; height: number },
  analysis?: FollicleAnalysis,
): Simulation {
  const built = buildDensityField(spec, image, analysis);
  const shares = spec.sessionShares ?? defaultSessionShares(spec.sessions);
  const points = sampleSessions(built.field, shares, hashSeed(spec.seed, 'impressions'));
  const impressions = buildImpressionSet(points, built, spec.seed);
  const n = spec.sessions;
  return {
    pxPerMm: pxPerMmOf(spec.calibration),
    sessions: n,
    sessionShares: shares,
    built,
    impressions,
    stages: simulationStages(n, spec.fadeYears),
    summary: summarise(built, impressions, n),
  };
}

/** The stages worth showing: each session fresh, then healed and faded after the last. */
export function simulationStages(sessions: number, fadeYears: number): { name: string; stage: Stage }[] {
  const stages: { name: string; stage: Stage }[] = [];
  for (let k = 1; k <= sessions; k++)
    stages.push({ name: `session-${k}`, stage: { look: 'fresh', afterSession: k } });
  stages.push({ name: 'healed', stage: { look: 'healed', afterSession: sessions } });
  stages.push({
    name: `faded-${formatYears(fadeYears)}y`,
    stage: { look: 'faded', afterSession: sessions, years: fadeYears },
  });
  return stages;
}

function formatYears(years: number): string {
  return Number.isInteger(years) ? String(years) : years.toFixed(1);
}

function summarise(built: BuiltDensityField, set: ImpressionSet, sessions: number): ZoneSummary[] {
  const inCore = new Float64Array(built.zones.length);
  const perSession = built.zones.map(() => new Array<number>(sessions).fill(0));
  for (let i = 0; i < set.count; i++) {
    if (!set.primary[i]) continue;
    const zone = set.zone[i]!;
    const counts = perSession[zone]!;
    counts[set.session[i]! - 1] = counts[set.session[i]! - 1]! + 1;
    const cell =
      Math.min(built.workHeight - 1, Math.floor(set.y[i]! * built.scale)) * built.workWidth +
      Math.min(built.workWidth - 1, Math.floor(set.x[i]! * built.scale));
    if (built.zoneCore[cell] === zone + 1) inCore[zone] = inCore[zone]! + 1;
  }
  return built.zones.map((z, i) => ({
    id: z.id,
    kind: z.kind,
    areaCm2: round(built.areaCm2[i]!, 3),
    targetDensityPerCm2: round(z.densityPerCm2, 1),
    densitySource: z.densitySource,
    achievedDensityPerCm2: built.areaCm2[i]! > 0 ? round(inCore[i]! / built.areaCm2[i]!, 1) : 0,
    impressionsPerSession: perSession[i]!,
    dotDiameterMm: z.dotDiameterMm,
    shadePerSession: z.shades,
    retention: z.retention,
    texture: z.texture,
  }));
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;
