import { OUTCOME_FACTS_SCHEMA } from './outcome-facts.js';
import { PLAN_ZONE_KINDS } from '../domain/plan.schema.js';
import { comparisonsIn, factsRead } from './condition.js';
import { ELAPSED_FACTS } from './facts.js';
import { assessmentJsonSchema } from './json-schema.js';
import { PlannerRuleSet, ZONE_VALUE_FIELDS, type PlannerRule } from './rule.schema.js';

/*
 * Checks a rule set beyond its shape: ids unique, every rule sourced from domain.md, every fact
 * a condition reads present in the assessment schema with operands its values allow, a text for
 * each fact that may be left out, and unconditional defaults for every value a plan must have.
 */

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  required?: string[];
}

function branches(schema: JsonSchema): JsonSchema[] {
  const alternatives = schema.anyOf ?? schema.oneOf;
  return alternatives ? alternatives.flatMap(branches) : [schema];
}

/** The assessment path of a fact path: a scar fact `scar.x` is `scars[].x` of the scar being planned. */
function assessmentSegments(path: string): string[] {
  return path.startsWith('scar.') ? ['scars', '[]', ...path.split('.').slice(1)] : path.split('.');
}

/** The schemas a dotted path can lead to (`scar.x` reads `scars[].x`); empty when it leads nowhere. */
export function schemasAtFactPath(root: JsonSchema, path: string): JsonSchema[] {
  let current = [root];
  for (const segment of assessmentSegments(path)) {
    current = current.flatMap(branches).flatMap((s) => {
      if (segment === '[]') return s.items ? [s.items] : [];
      const next = s.properties?.[segment];
      return next ? [next] : [];
    });
  }
  return current;
}

/**
 * Whether a fact can be left out of an assessment. Scar facts count from the scar itself,
 * since scar rules only run for scars that were recorded.
 */
export function factMayBeUnknown(root: JsonSchema, path: string): boolean {
  const segments = assessmentSegments(path);
  const start = path.startsWith('scar.') ? 2 : 0;
  let current = [root];
  let optional = false;
  segments.forEach((segment, i) => {
    const options = current.flatMap(branches);
    if (segment === '[]') {
      current = options.flatMap((s) => (s.items ? [s.items] : []));
      return;
    }
    const holders = options.filter((s) => s.properties?.[segment]);
    if (i >= start && holders.some((s) => !(s.required ?? []).includes(segment))) optional = true;
    current = holders.map((s) => s.properties![segment]!);
  });
  return optional;
}

function types(schema: JsonSchema): string[] {
  if (schema.const !== undefined) return [schema.const === null ? 'null' : typeof schema.const];
  return Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
}

function fits(schema: JsonSchema, value: unknown): boolean {
  return branches(schema).some((s) => {
    if (s.const !== undefined) return s.const === value;
    if (s.enum) return s.enum.includes(value);
    return types(s).some((t) => {
      if (t === 'null') return value === null;
      if (t === 'integer') return Number.isInteger(value);
      if (t === 'number') return typeof value === 'number';
      return typeof value === t;
    });
  });
}

const acceptsNumbers = (schema: JsonSchema) =>
  branches(schema).some((s) => types(s).some((t) => t === 'integer' || t === 'number'));
const arrayItems = (schema: JsonSchema) => branches(schema).flatMap((s) => (s.items ? [s.items] : []));

function isUnconditional(rule: PlannerRule): boolean {
  return (rule.scope ?? 'assessment') === 'assessment' && 'always' in rule.condition;
}

function texts(rule: PlannerRule): string[] {
  const e = rule.effect;
  return [
    e.reason,
    e.preTreatment,
    e.caution,
    e.zone?.note,
    e.aftercare?.instruction,
    e.camouflage?.text,
    e.assumption?.text,
    e.wait && 'until' in e.wait ? e.wait.until : undefined,
  ].filter((t): t is string => t !== undefined);
}

/** Problems with a rule set, one sentence each; empty when it is sound. */
export function checkRuleSet(input: unknown): string[] {
  const parsed = PlannerRuleSet.safeParse(input);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => `${i.path.join('.') || '(rule set)'}: ${i.message}`);
  }
  const ruleSet = parsed.data;
  const root = assessmentJsonSchema() as JsonSchema;
  // Measured outcomes are facts too, given to the planner beside the assessment.
  const schemasOf = (fact: string) => [
    ...schemasAtFactPath(root, fact),
    ...schemasAtFactPath(OUTCOME_FACTS_SCHEMA as unknown as JsonSchema, fact),
  ];
  const problems: string[] = [];
  const seen = new Set<string>();
  const readByComparison = new Set<string>();
  const readAtAll = new Set<string>();

  for (const rule of ruleSet.rules) {
    const at = `rule ${rule.id}`;
    const scope = rule.scope ?? 'assessment';
    if (seen.has(rule.id)) problems.push(`${at}: the id is used twice`);
    seen.add(rule.id);
    if (!/domain\.md §\d/.test(rule.source))
      problems.push(`${at}: the source must cite a domain.md section (§)`);

    const resolvable = (fact: string) => {
      if (fact.startsWith('scar.') && scope !== 'scar')
        return `${fact} is a scar fact, read outside a scar rule`;
      return schemasOf(fact).length ? undefined : `${fact} is not in the assessment schema`;
    };
    for (const fact of factsRead(rule.condition)) {
      readAtAll.add(fact);
      const problem = resolvable(fact);
      if (problem) problems.push(`${at}: ${problem}`);
    }
    for (const { fact, op, operand } of comparisonsIn(rule.condition)) {
      readByComparison.add(fact);
      const schemas = schemasOf(fact);
      if (!schemas.length) continue;
      const ok =
        op === 'lt' || op === 'lte' || op === 'gt' || op === 'gte'
          ? schemas.some(acceptsNumbers)
          : op === 'has'
            ? schemas.flatMap(arrayItems).some((s) => fits(s, operand))
            : op === 'empty'
              ? schemas.flatMap(arrayItems).length > 0
              : op === 'in'
                ? (operand as unknown[]).every((v) => schemas.some((s) => fits(s, v)))
                : schemas.some((s) => fits(s, operand));
      if (!ok) problems.push(`${at}: ${JSON.stringify(operand)} is not a value ${fact} can take (${op})`);
    }

    const e = rule.effect;
    if ((e.eligibility || e.wait) && !e.reason) problems.push(`${at}: an eligibility or wait needs a reason`);
    if (e.camouflage && scope !== 'scar') problems.push(`${at}: camouflage is per scar: use scope scar`);
    if (e.wait && 'after' in e.wait && e.wait.after !== 'consultation') {
      if (!ELAPSED_FACTS.has(e.wait.after))
        problems.push(`${at}: wait.after ${e.wait.after} is not an elapsed-time fact`);
      else if (!factsRead(rule.condition).includes(e.wait.after)) {
        problems.push(`${at}: wait.after ${e.wait.after} must be read by the condition`);
      }
    }
    if (e.assumption) {
      const problem = resolvable(e.assumption.fact);
      if (problem) problems.push(`${at}: assumption ${problem}`);
    }
    for (const text of texts(rule)) {
      for (const [, key] of text.matchAll(/\{([^}]*)\}/g)) {
        if (key === 'scar') {
          if (scope !== 'scar') problems.push(`${at}: {scar} used outside a scar rule`);
        } else if (key === 'date') {
          if (!e.wait || !('after' in e.wait)) problems.push(`${at}: {date} used without a dated wait`);
        } else {
          const problem = resolvable(key!);
          if (problem) problems.push(`${at}: placeholder {${key}}: ${problem}`);
        }
      }
    }
  }

  for (const fact of readByComparison) {
    if (!ruleSet.unknownFacts[fact] && factMayBeUnknown(root, fact))
      problems.push(`unknownFacts: no text for ${fact}, which rules read`);
  }
  for (const fact of Object.keys(ruleSet.unknownFacts)) {
    if (!readAtAll.has(fact)) problems.push(`unknownFacts: ${fact} is read by no rule`);
    // Without a name the plan would print the fact's path to the client.
    if (!ruleSet.factNames[fact]) problems.push(`factNames: no name for ${fact}`);
  }

  const base = ruleSet.rules.filter(isUnconditional);
  const needs: [string, (r: PlannerRule) => boolean][] = [
    ['an eligible baseline', (r) => r.effect.eligibility === 'eligible'],
    ['a session count', (r) => r.effect.sessions?.atLeast !== undefined],
    ['a minimum interval', (r) => r.effect.sessions?.minIntervalDays !== undefined],
    ['a session length', (r) => r.effect.sessions?.hoursPerSession !== undefined],
    ['a touch-up interval', (r) => r.effect.touchUpYears !== undefined],
    ['a shade target', (r) => r.effect.shade?.target !== undefined],
    ['shade session steps', (r) => r.effect.shade?.sessionSteps !== undefined],
  ];
  for (const kind of PLAN_ZONE_KINDS) {
    for (const field of [...ZONE_VALUE_FIELDS, 'densityPercentBySession'] as const) {
      needs.push([
        `${kind} zone ${field}`,
        (r) =>
          (r.effect.zone?.kind === kind || r.effect.zone?.kind === 'all') &&
          r.effect.zone[field] !== undefined,
      ]);
    }
  }
  for (const [what, test] of needs) {
    if (!base.some(test)) problems.push(`the rule set needs an unconditional rule setting ${what}`);
  }
  return problems;
}
