import { defaultSessionShares, pxPerMmOf, type ZonesFile } from '../domain/zones.schema.js';
import { hashSeed } from '../sampling/rng.js';
import { sampleSessions } from '../sampling/progressive.js';
import { shadeForStubble, type ClientHair, type StubbleShade } from './client-hair.js';
import { countedFollicles, follicleCounted } from './counted-hair.js';
import { buildDensityField, type BuiltDensityField, type FollicleAnalysis } from './density-field.js';
import { buildImpressionSet, type ImpressionSet } from './impression-set.js';
import type { Stage } from './render-stage.js';
import { summariseZones, type ZoneSummary } from './zone-summary.js';

export type { ZoneSummary, ZoneWarning } from './zone-summary.js';

export interface Simulation {
  pxPerMm: number;
  sessions: number;
  sessionShares: number[];
  built: BuiltDensityField;
  /** Where the impressions fall, session by session (the impressions are built from them). */
  points: ReturnType<typeof sampleSessions>;
  impressions: ImpressionSet;
  /** The stages worth showing, named as the CLI writes them. */
  stages: { name: string; stage: Stage }[];
  summary: ZoneSummary[];
  /** The shade matched to the client's stubble, when a photo analysis measured it. */
  stubble: StubbleShade | null;
}

export interface SimulationOptions {
  /** The client's own hair (client-hair.ts): dots go only where it is missing, from its tone. */
  hair?: ClientHair;
}

/**
 * Plans a simulation on a photo of the given size: the density field from the zones, the
 * impressions of every session, and the stages to render. Rendering a stage is `renderStage`.
 */
export function planSimulation(
  spec: ZonesFile,
  image: { width: number; height: number },
  analysis?: FollicleAnalysis,
  options: SimulationOptions = {},
): Simulation {
  const stubble = options.hair ? shadeForStubble(options.hair.stubbleLab, options.hair.skinLab) : null;
  const built = buildDensityField(spec, image, analysis, { stubbleShade: stubble?.shade ?? null });
  const shares = spec.sessionShares ?? defaultSessionShares(spec.sessions);
  // The client's hair counts for fill and hairline zones, not inside a scar (follicleCounted).
  const follicles = options.hair?.follicles;
  const existing = follicles
    ? countedFollicles(
        follicles,
        follicleCounted(follicles, {
          zoneIndex: built.zoneIndex,
          ww: built.workWidth,
          wh: built.workHeight,
          scale: built.scale,
          kinds: built.zones.map((z) => z.kind),
        }),
      )
    : undefined;
  const points = sampleSessions(
    built.field,
    shares,
    hashSeed(spec.seed, 'impressions'),
    existing ? { existing } : {},
  );
  const impressions = buildImpressionSet(points, built, spec.seed);
  const n = spec.sessions;
  return {
    pxPerMm: pxPerMmOf(spec.calibration),
    sessions: n,
    sessionShares: shares,
    built,
    points,
    impressions,
    stages: simulationStages(
      n,
      spec.fadeYears,
      built.zones.some((z) => z.kind === 'scar'),
    ),
    summary: summariseZones(
      spec,
      {
        zones: built.zones,
        density: built.density,
        zoneCore: built.zoneCore,
        areaCm2: built.areaCm2,
        workWidth: built.workWidth,
        workHeight: built.workHeight,
        scale: built.scale,
        pxPerMm: built.field.pxPerMm,
      },
      impressions,
      existing,
      stubble,
    ),
    stubble,
  };
}

/**
 * The stages worth showing: each session fresh, then healed and faded after the last; with a scar,
 * also healed with the scar at the poor end of what its texture keeps (the honest uncertainty).
 */
export function simulationStages(
  sessions: number,
  fadeYears: number,
  withScar = false,
): { name: string; stage: Stage }[] {
  const stages: { name: string; stage: Stage }[] = [];
  for (let k = 1; k <= sessions; k++)
    stages.push({ name: `session-${k}`, stage: { look: 'fresh', afterSession: k } });
  stages.push({ name: 'healed', stage: { look: 'healed', afterSession: sessions } });
  if (withScar)
    stages.push({
      name: 'healed-scar-poor',
      stage: { look: 'healed', afterSession: sessions, scarRetention: 'poor' },
    });
  stages.push({
    name: `faded-${formatYears(fadeYears)}y`,
    stage: { look: 'faded', afterSession: sessions, years: fadeYears },
  });
  return stages;
}

function formatYears(years: number): string {
  return Number.isInteger(years) ? String(years) : years.toFixed(1);
}
