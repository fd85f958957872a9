import { Assessment, type AssessmentInput } from '../domain/assessment.schema.js';
import {
  ELIGIBILITY_SEVERITY,
  PLAN_ZONE_KINDS,
  type Eligibility,
  type Plan,
  type PlanZone,
  type PlanZoneKind,
} from '../domain/plan.schema.js';
import { laterDate } from './calendar.js';
import { evaluateCondition, type Fact } from './condition.js';
import { assessmentFacts, factLookup, waitEnd, type AssessmentFacts, type ScarFacts } from './facts.js';
import {
  DEFAULT_PLANNER_PHRASES,
  PlannerRuleSet,
  ZONE_VALUE_FIELDS,
  type PlannerPhrases,
  type PlannerRule,
  type PlannerRuleSetInput,
  type ZoneEffect,
  type ZoneValueField,
} from './rule.schema.js';
import { nameScar } from './plan-value-name.js';
import { withOutcomeFacts, type OutcomeFactsInput } from './outcome-facts.js';
import { RULES_V1 } from './rules/rules.v1.js';

export interface PlanTreatmentOptions {
  /** The rule set to plan with; the current versioned rules by default. */
  rules?: PlannerRuleSetInput;
  /** What healed follow-ups measured: the client's own scars, and the studio's figures. */
  outcomes?: OutcomeFactsInput;
}

/** One rule that applied, once per scar for scar rules. */
interface Firing {
  rule: PlannerRule;
  scar: ScarFacts | undefined;
  /** End of the rule's wait: a date, null for a wait without a date, undefined without a wait. */
  waitUntil: string | null | undefined;
  lookup: (path: string) => Fact;
  phrases: PlannerPhrases;
}

/** A rule that could not be decided because facts were left out. */
interface Undecided {
  rule: PlannerRule;
  scar: ScarFacts | undefined;
  missing: string[];
}

let defaultRules: PlannerRuleSet | undefined;

const phrasesOf = (ruleSet: PlannerRuleSet): PlannerPhrases => ({
  ...DEFAULT_PLANNER_PHRASES,
  ...ruleSet.phrases,
});

function ruleSetFor(options: PlanTreatmentOptions): PlannerRuleSet {
  if (options.rules) return PlannerRuleSet.parse(options.rules);
  defaultRules ??= PlannerRuleSet.parse(RULES_V1);
  return defaultRules;
}

function formatFact(value: Fact, phrases: PlannerPhrases): string {
  if (value === undefined) return phrases.unknownValue;
  if (value === null) return phrases.noneValue;
  return Array.isArray(value) ? value.join(', ') : String(value);
}

/** Fills {scar}, {date} and {<fact path>} placeholders. */
function render(text: string, firing: Pick<Firing, 'scar' | 'waitUntil' | 'lookup' | 'phrases'>): string {
  return text.replace(/\{([a-zA-Z][a-zA-Z0-9.]*)\}/g, (_, key: string, at: number) => {
    if (key === 'scar') {
      const name = firing.scar ? scarName(firing.scar.id, firing.phrases) : firing.phrases.theScar;
      // "Scar 1 is 7 months old": a sentence that opens with the scar starts with a capital.
      return at === 0 ? name.charAt(0).toUpperCase() + name.slice(1) : name;
    }
    if (key === 'date') return firing.waitUntil ?? firing.phrases.dateToBeSet;
    return formatFact(firing.lookup(key), firing.phrases);
  });
}

const fill = (template: string, values: Record<string, string>): string =>
  template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

const scarName = (id: string, phrases: PlannerPhrases) => nameScar(id, phrases.scarNumbered);

function evaluateRules(ruleSet: PlannerRuleSet, facts: AssessmentFacts) {
  const phrases = phrasesOf(ruleSet);
  const firings: Firing[] = [];
  const undecided: Undecided[] = [];
  for (const rule of ruleSet.rules) {
    const targets = rule.scope === 'scar' ? facts.scars : [undefined];
    for (const scar of targets) {
      const lookup = factLookup(facts, scar);
      const { value, missing } = evaluateCondition(rule.condition, lookup);
      if (value === 'unknown') {
        undecided.push({ rule, scar, missing });
        continue;
      }
      if (!value) continue;
      const wait = rule.effect.wait;
      let waitUntil: string | null | undefined;
      if (wait && 'until' in wait) waitUntil = null;
      else if (wait) {
        const unit = wait.months !== undefined ? 'months' : 'days';
        waitUntil = waitEnd(facts, scar, wait.after, (wait.months ?? wait.days)!, unit) ?? null;
      }
      firings.push({ rule, scar, waitUntil, lookup, phrases });
    }
  }
  return { firings, undecided };
}

const unique = <T>(items: Iterable<T>): T[] => [...new Set(items)];
const idsOf = (firings: Firing[]) => unique(firings.map((f) => f.rule.id));

/** Statements grouped by rule and text, each listing the scars it concerns. */
function statements(firings: Firing[], pick: (f: Firing) => string | undefined) {
  const byKey = new Map<string, { text: string; ruleIds: string[]; scars: string[] }>();
  for (const f of firings) {
    const raw = pick(f);
    if (raw === undefined) continue;
    const text = render(raw, f);
    const key = `${f.rule.id}\u0000${text}`;
    const entry = byKey.get(key) ?? { text, ruleIds: [f.rule.id], scars: [] };
    if (f.scar && !entry.scars.includes(f.scar.id)) entry.scars.push(f.scar.id);
    byKey.set(key, entry);
  }
  return [...byKey.values()];
}

interface ShadePlan {
  perSession: (session: number) => { shadeNumber: number; ruleIds: string[] };
}

function shadePlan(firings: Firing[]): ShadePlan {
  let target: { value: number; id: string } | undefined;
  let steps: { value: number[]; id: string } | undefined;
  let lightest: { value: number; id: string } | undefined;
  const lighter = new Map<string, number>();
  for (const f of firings) {
    const s = f.rule.effect.shade;
    if (!s) continue;
    if (s.target !== undefined) target = { value: s.target, id: f.rule.id };
    if (s.sessionSteps !== undefined) steps = { value: s.sessionSteps, id: f.rule.id };
    if (s.lightest !== undefined) lightest = { value: s.lightest, id: f.rule.id };
    if (s.lighterBy !== undefined) lighter.set(f.rule.id, s.lighterBy);
  }
  if (!target || !steps) throw new Error('the rule set sets no shade target or session steps');
  const lighterBy = [...lighter.values()].reduce((a, b) => a + b, 0);
  const cap = lightest;
  return {
    perSession: (session) => {
      const step = steps.value[Math.min(session - 1, steps.value.length - 1)]!;
      const wanted = Math.max(1, target.value + lighterBy + step);
      const clamped = cap !== undefined && wanted > cap.value;
      return {
        shadeNumber: clamped ? cap.value : wanted,
        ruleIds: unique([target.id, steps.id, ...lighter.keys(), ...(clamped ? [cap.id] : [])]),
      };
    },
  };
}

function buildZones(
  firings: Firing[],
  sessionCount: number,
  shade: ShadePlan,
  citations: Record<string, string[]>,
): PlanZone[] {
  const zones: PlanZone[] = [];
  const appliesTo = (z: ZoneEffect | undefined, kind: PlanZoneKind): z is ZoneEffect =>
    z !== undefined && (z.kind === kind || z.kind === 'all');
  for (const kind of PLAN_ZONE_KINDS) {
    const includes = firings.filter((f) => f.rule.effect.zone?.kind === kind && f.rule.effect.zone.include);
    if (includes.length === 0) continue;
    const path = `zones.${zones.length}`;
    const values: Partial<Record<ZoneValueField, unknown>> = {};
    let density: { value: number[]; id: string } | undefined;
    const relevant = firings.filter((f) => appliesTo(f.rule.effect.zone, kind));
    for (const f of relevant) {
      const z = f.rule.effect.zone!;
      for (const field of ZONE_VALUE_FIELDS) {
        if (z[field] === undefined) continue;
        values[field] = z[field];
        citations[`${path}.${field}`] = [f.rule.id];
      }
      if (z.densityPercentBySession) density = { value: z.densityPercentBySession, id: f.rule.id };
    }
    const missing = ZONE_VALUE_FIELDS.filter((field) => !(field in values));
    if (missing.length || !density) {
      throw new Error(`the rule set leaves ${kind} zone values unset: ${[...missing, 'density'].join(', ')}`);
    }
    const sessions = Array.from({ length: sessionCount }, (_, i) => {
      const session = i + 1;
      const s = shade.perSession(session);
      citations[`${path}.sessions.${i}.densityPercent`] = [density.id];
      citations[`${path}.sessions.${i}.shadeNumber`] = s.ruleIds;
      return {
        session,
        densityPercent: density.value[Math.min(i, density.value.length - 1)]!,
        shadeNumber: s.shadeNumber,
      };
    });
    const notes = new Map<string, string[]>();
    for (const f of relevant) {
      const note = f.rule.effect.zone!.note;
      if (note === undefined) continue;
      const text = render(note, f);
      notes.set(text, unique([...(notes.get(text) ?? []), f.rule.id]));
    }
    zones.push({
      kind,
      scars: unique(includes.flatMap((f) => (f.scar ? [f.scar.id] : []))),
      targetDensityPerCm2: values.targetDensityPerCm2 as number,
      dotSizeMm: values.dotSizeMm as number,
      needle: values.needle as PlanZone['needle'],
      needleDiameterMm: values.needleDiameterMm as number,
      transitionWidthMm: values.transitionWidthMm as number | null,
      sessions,
      notes: [...notes].map(([text, ruleIds]) => ({ text, ruleIds })),
      ruleIds: idsOf(includes),
    });
    citations[`${path}.kind`] = idsOf(includes);
  }
  return zones;
}

function buildAssumptions(ruleSet: PlannerRuleSet, firings: Firing[], undecided: Undecided[]) {
  const phrases = phrasesOf(ruleSet);
  const byKey = new Map<string, Plan['assumptions'][number]>();
  for (const f of firings) {
    const a = f.rule.effect.assumption;
    if (!a) continue;
    const key = `${a.fact}\u0000${f.scar?.id ?? ''}`;
    const entry = byKey.get(key);
    if (entry) entry.ruleIds = unique([...entry.ruleIds, f.rule.id]);
    else
      byKey.set(key, {
        fact: a.fact,
        ...(f.scar ? { scar: f.scar.id } : {}),
        text: render(a.text, f),
        ruleIds: [f.rule.id],
      });
  }
  for (const u of undecided) {
    for (const fact of u.missing) {
      const key = `${fact}\u0000${fact.startsWith('scar.') ? (u.scar?.id ?? '') : ''}`;
      const entry = byKey.get(key);
      if (entry) {
        entry.ruleIds = unique([...entry.ruleIds, u.rule.id]);
        continue;
      }
      const scar = fact.startsWith('scar.') ? u.scar?.id : undefined;
      const assumed = ruleSet.unknownFacts[fact] ?? fill(phrases.notApplied, { rule: u.rule.id });
      const said = fill(phrases.notKnown, { fact: ruleSet.factNames[fact] ?? fact, assumed });
      byKey.set(key, {
        fact,
        ...(scar ? { scar } : {}),
        // A text that ends in a full stop of its own keeps only one.
        text: (scar
          ? fill(phrases.aboutScar ?? DEFAULT_PLANNER_PHRASES.aboutScar!, {
              scar: scarName(scar, phrases),
              text: said,
            })
          : said
        ).replace(/([.。])[.。]$/, '$1'),
        ruleIds: [u.rule.id],
      });
    }
  }
  return [...byKey.values()];
}

/**
 * Turns an assessment into a treatment plan with the versioned rule set. Pure and deterministic:
 * every date counts from the assessment's consultationDate. Throws a ZodError naming the field
 * when the assessment (or a custom rule set) is invalid.
 */
export function planTreatment(assessment: AssessmentInput, options: PlanTreatmentOptions = {}): Plan {
  const ruleSet = ruleSetFor(options);
  const parsed = Assessment.parse(assessment);
  const facts = options.outcomes
    ? withOutcomeFacts(assessmentFacts(parsed), options.outcomes)
    : assessmentFacts(parsed);
  const { firings, undecided } = evaluateRules(ruleSet, facts);
  const citations: Record<string, string[]> = {};

  // Eligibility: the worst outcome wins, and every reason is kept.
  const withEligibility = firings.filter((f) => f.rule.effect.eligibility !== undefined);
  const eligibility = withEligibility.reduce<Eligibility>((worst, f) => {
    const e = f.rule.effect.eligibility!;
    return ELIGIBILITY_SEVERITY[e] > ELIGIBILITY_SEVERITY[worst] ? e : worst;
  }, 'eligible');
  const decisive = withEligibility.filter((f) => f.rule.effect.eligibility === eligibility);
  if (decisive.length === 0) throw new Error('the rule set has no rule that makes a client eligible');
  citations.eligibility = idsOf(decisive);

  const reasons = firings
    .filter((f) => f.rule.effect.reason !== undefined)
    .filter((f) => !(f.rule.effect.eligibility === 'eligible' && eligibility !== 'eligible'))
    .map((f) => ({
      ruleId: f.rule.id,
      text: render(f.rule.effect.reason!, f),
      ...(f.scar ? { scar: f.scar.id } : {}),
    }))
    .reduce<Plan['reasons']>((kept, r) => {
      // The same words for several scars are one reason about all of them.
      const same = kept.find((o) => o.ruleId === r.ruleId && o.text === r.text);
      if (!same) kept.push(r);
      else if (same.scar !== r.scar) delete same.scar;
      return kept;
    }, []);

  const waits = firings.filter((f) => f.waitUntil !== undefined);
  const waitingPeriods = waits.map((f) => {
    const wait = f.rule.effect.wait!;
    const text = f.rule.effect.reason ?? ('until' in wait ? `Until ${wait.until}.` : 'Wait until {date}.');
    return {
      until: f.waitUntil ?? null,
      text: render(text, f),
      ruleIds: [f.rule.id],
      ...(f.scar ? { scar: f.scar.id } : {}),
    };
  });
  let earliestStartDate: string | null = null;
  if (eligibility === 'not_eligible') {
    citations.earliestStartDate = citations.eligibility;
  } else {
    earliestStartDate = waits.reduce(
      (d, f) => (f.waitUntil ? laterDate(d, f.waitUntil) : d),
      facts.consultationDate,
    );
    const setBy = waits.filter((f) => f.waitUntil === earliestStartDate);
    citations.earliestStartDate =
      earliestStartDate > facts.consultationDate
        ? idsOf(setBy)
        : idsOf(firings.filter((f) => f.rule.effect.eligibility === 'eligible'));
  }

  // Sessions: the largest minimum, plus each distinct rule's extra session.
  const atLeast = firings.filter((f) => f.rule.effect.sessions?.atLeast !== undefined);
  const most = Math.max(...atLeast.map((f) => f.rule.effect.sessions!.atLeast!));
  const adders = new Map<string, number>();
  for (const f of firings) if (f.rule.effect.sessions?.add) adders.set(f.rule.id, f.rule.effect.sessions.add);
  const count = most + [...adders.values()].reduce((a, b) => a + b, 0);
  const intervals = firings.filter((f) => f.rule.effect.sessions?.minIntervalDays !== undefined);
  const minIntervalDays = Math.max(...intervals.map((f) => f.rule.effect.sessions!.minIntervalDays!));
  const hours = firings.filter((f) => f.rule.effect.sessions?.hoursPerSession !== undefined).at(-1);
  if (!atLeast.length || !intervals.length || !hours) {
    throw new Error('the rule set sets no session count, interval or length');
  }
  citations['sessions.count'] = unique([
    ...idsOf(atLeast.filter((f) => f.rule.effect.sessions!.atLeast === most)),
    ...adders.keys(),
  ]);
  citations['sessions.minIntervalDays'] = idsOf(
    intervals.filter((f) => f.rule.effect.sessions!.minIntervalDays === minIntervalDays),
  );
  citations['sessions.hoursPerSession'] = [hours.rule.id];

  // Touch-up: the shortest interval wins.
  const touchUps = firings.filter((f) => f.rule.effect.touchUpYears !== undefined);
  if (!touchUps.length) throw new Error('the rule set sets no touch-up interval');
  const touchUpYears = Math.min(...touchUps.map((f) => f.rule.effect.touchUpYears!));
  citations.touchUpYears = idsOf(touchUps.filter((f) => f.rule.effect.touchUpYears === touchUpYears));

  // Expected camouflage: per scar, the lowest estimate.
  const expectedCamouflage = facts.scars.flatMap((scar) => {
    const estimates = firings.filter((f) => f.scar === scar && f.rule.effect.camouflage);
    if (!estimates.length) return [];
    const lowest = Math.min(...estimates.map((f) => f.rule.effect.camouflage!.percent));
    const chosen = estimates.filter((f) => f.rule.effect.camouflage!.percent === lowest);
    const first = chosen[0]!;
    return [
      {
        scar: scar.id,
        percent: lowest,
        qualifier: first.rule.effect.camouflage!.qualifier,
        text: render(first.rule.effect.camouflage!.text, first),
        ruleIds: idsOf(chosen),
      },
    ];
  });

  const zones = buildZones(firings, count, shadePlan(firings), citations);

  const aftercare = firings
    .filter((f, i, all) => f.rule.effect.aftercare && all.findIndex((o) => o.rule.id === f.rule.id) === i)
    .map((f) => {
      const step = f.rule.effect.aftercare!;
      return { ...step, instruction: render(step.instruction, f), ruleIds: [f.rule.id] };
    })
    .sort((a, b) => a.fromDay - b.fromDay);

  return {
    rulesVersion: ruleSet.version,
    consultationDate: facts.consultationDate,
    eligibility,
    earliestStartDate,
    reasons,
    waitingPeriods,
    preTreatments: statements(firings, (f) => f.rule.effect.preTreatment),
    sessions: { count, minIntervalDays, hoursPerSession: hours.rule.effect.sessions!.hoursPerSession! },
    zones,
    expectedCamouflage,
    touchUpYears,
    aftercare,
    cautions: statements(firings, (f) => f.rule.effect.caution),
    assumptions: buildAssumptions(ruleSet, firings, undecided),
    citations,
    overrides: [],
  };
}
