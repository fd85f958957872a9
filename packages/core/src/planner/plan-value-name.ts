import type { UiLocale } from '../domain/common.schema.js';
import type { Plan } from '../domain/plan.schema.js';
import type { MessageParams } from '../i18n/catalogue.js';
import { DEFAULT_PLANNER_PHRASES } from './rule.schema.js';
import { PHRASES_ZH } from './rules/rules.v1.zh-CN.js';

/*
 * The words for a value of a plan, where a person reads about it (an override in the plan tab, the
 * report): `sessions.count` is "Number of sessions", `zones.1.dotSizeMm` "Zone 2 › dot size (mm)".
 * The path itself stays the plan's address for the value, never shown.
 */

const ZONE_KEYS: Record<string, string> = {
  targetDensityPerCm2: 'zoneTargetDensity',
  dotSizeMm: 'zoneDotSize',
  needle: 'zoneNeedle',
  needleDiameterMm: 'zoneNeedleDiameter',
  transitionWidthMm: 'zoneTransition',
};
const FIXED: Record<string, string> = {
  eligibility: 'eligibility',
  earliestStartDate: 'earliestStartDate',
  'sessions.count': 'sessionCount',
  'sessions.minIntervalDays': 'minIntervalDays',
  'sessions.hoursPerSession': 'hoursPerSession',
  touchUpYears: 'touchUpYears',
};

/** A scar named by the phrase `scarNumbered` ("scar {n}") when its id is only its place, `scar-2`. */
export function nameScar(id: string, scarNumbered: string): string {
  const n = /^scar-(\d+)$/.exec(id)?.[1];
  return n ? scarNumbered.replace('{n}', n) : id;
}

/** A scar as a reader calls it: the artist's name for it, or "scar 2" / "疤痕 2" for `scar-2`. */
export function scarDisplayName(id: string, locale: UiLocale): string {
  return nameScar(id, (locale === 'zh-CN' ? PHRASES_ZH : DEFAULT_PLANNER_PHRASES).scarNumbered);
}

/** The catalogue message (`planValue.*`) naming the value at a plan path. */
export function planValueMessage(
  path: string,
  plan: Pick<Plan, 'expectedCamouflage'>,
  locale: UiLocale,
): { key: string; params: MessageParams } {
  const fixed = FIXED[path];
  if (fixed) return { key: `planValue.${fixed}`, params: {} };
  const zone = /^zones\.(\d+)\.(\w+)$/.exec(path);
  if (zone && ZONE_KEYS[zone[2]!])
    return { key: `planValue.${ZONE_KEYS[zone[2]!]}`, params: { n: Number(zone[1]) + 1 } };
  const session = /^zones\.(\d+)\.sessions\.(\d+)\.(densityPercent|shadeNumber)$/.exec(path);
  if (session)
    return {
      key: session[3] === 'densityPercent' ? 'planValue.zoneSessionDensity' : 'planValue.zoneSessionShade',
      params: { n: Number(session[1]) + 1, session: Number(session[2]) + 1 },
    };
  const camouflage = /^expectedCamouflage\.(\d+)\.percent$/.exec(path);
  const scar = camouflage ? plan.expectedCamouflage[Number(camouflage[1])]?.scar : undefined;
  if (scar) return { key: 'planValue.camouflage', params: { scar: scarDisplayName(scar, locale) } };
  return { key: 'planValue.other', params: {} };
}
