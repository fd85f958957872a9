import { z } from 'zod';

/*
 * The condition language of the rule set: plain data, evaluated with three-valued (Kleene)
 * logic so that a fact left out of the assessment is "unknown" rather than silently false.
 * A rule fires only when its condition is definitely true; a condition that stays unknown
 * tells the planner which missing facts it had to assume.
 *
 *   { always: true }
 *   { all: [c, ...] }  { any: [c, ...] }  { not: c }
 *   { fact: 'screening.keloidHistory', eq: true }     eq / ne: equal or not (null = "never")
 *   { fact: 'scar.texture', in: ['raised', 'keloid'] }
 *   { fact: 'screening.chemotherapyMonthsAgo', lt: 12 }   lt / lte / gt / gte on numbers
 *   { fact: 'goal', has: 'density' }                  a list fact contains the value
 *   { fact: 'scars', empty: true }                    a list fact is (not) empty
 *   { unknown: 'screening.pregnant' }                 the fact was left out (true/false, never unknown)
 */

export const FactPath = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)*$/, { message: 'must be a dotted fact path' });

export const FactValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
export type FactValue = z.infer<typeof FactValue>;

/** What a fact holds once the assessment is read; `undefined` = not known. */
export type Fact = FactValue | readonly string[] | undefined;

export type RuleCondition =
  | { always: true }
  | { all: RuleCondition[] }
  | { any: RuleCondition[] }
  | { not: RuleCondition }
  | { unknown: string }
  | { fact: string; eq: FactValue }
  | { fact: string; ne: FactValue }
  | { fact: string; in: FactValue[] }
  | { fact: string; lt: number }
  | { fact: string; lte: number }
  | { fact: string; gt: number }
  | { fact: string; gte: number }
  | { fact: string; has: FactValue }
  | { fact: string; empty: boolean };

const compare = <K extends string, V extends z.ZodType>(op: K, value: V) =>
  z.strictObject({ fact: FactPath, [op]: value } as { fact: typeof FactPath } & Record<K, V>);

export const RuleCondition: z.ZodType<RuleCondition> = z.lazy(() =>
  z.union(
    [
      z.strictObject({ always: z.literal(true) }),
      z.strictObject({ all: z.array(RuleCondition) }),
      z.strictObject({ any: z.array(RuleCondition) }),
      z.strictObject({ not: RuleCondition }),
      z.strictObject({ unknown: FactPath }),
      compare('eq', FactValue),
      compare('ne', FactValue),
      compare('in', z.array(FactValue).min(1)),
      compare('lt', z.number()),
      compare('lte', z.number()),
      compare('gt', z.number()),
      compare('gte', z.number()),
      compare('has', FactValue),
      compare('empty', z.boolean()),
    ],
    { error: 'must be one condition: always, all, any, not, unknown, or fact with one operator' },
  ),
);

export type Truth = true | false | 'unknown';

export interface Evaluation {
  value: Truth;
  /** Facts whose absence left the value unknown (empty unless value is 'unknown'). */
  missing: string[];
}

const TRUE: Evaluation = { value: true, missing: [] };
const FALSE: Evaluation = { value: false, missing: [] };
const bool = (b: boolean): Evaluation => (b ? TRUE : FALSE);

const COMPARISON_OPERATORS = ['eq', 'ne', 'in', 'lt', 'lte', 'gt', 'gte', 'has', 'empty'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

/** The operator of a `{ fact, op }` condition. */
export function operatorOf(condition: RuleCondition & { fact: string }): ComparisonOperator {
  const op = COMPARISON_OPERATORS.find((o) => o in condition);
  if (!op) throw new Error(`condition on ${condition.fact} has no operator`);
  return op;
}

function compareFact(fact: Exclude<Fact, undefined>, op: ComparisonOperator, operand: unknown): boolean {
  switch (op) {
    case 'eq':
      return fact === operand;
    case 'ne':
      return fact !== operand;
    case 'in':
      return (operand as FactValue[]).some((v) => v === fact);
    case 'has':
      return Array.isArray(fact) && fact.includes(operand);
    case 'empty':
      return Array.isArray(fact) && (fact.length === 0) === operand;
    default: {
      // A null number means the event never happened: no ordering holds.
      if (typeof fact !== 'number') return false;
      const n = operand as number;
      if (op === 'lt') return fact < n;
      if (op === 'lte') return fact <= n;
      if (op === 'gt') return fact > n;
      return fact >= n;
    }
  }
}

function union(evaluations: Evaluation[]): string[] {
  return [...new Set(evaluations.flatMap((e) => e.missing))];
}

/** Evaluates a condition against facts looked up by path (`undefined` = not known). */
export function evaluateCondition(condition: RuleCondition, lookup: (path: string) => Fact): Evaluation {
  if ('always' in condition) return TRUE;
  if ('all' in condition) {
    const parts = condition.all.map((c) => evaluateCondition(c, lookup));
    if (parts.some((p) => p.value === false)) return FALSE;
    const unknown = parts.filter((p) => p.value === 'unknown');
    return unknown.length ? { value: 'unknown', missing: union(unknown) } : TRUE;
  }
  if ('any' in condition) {
    const parts = condition.any.map((c) => evaluateCondition(c, lookup));
    if (parts.some((p) => p.value === true)) return TRUE;
    const unknown = parts.filter((p) => p.value === 'unknown');
    return unknown.length ? { value: 'unknown', missing: union(unknown) } : FALSE;
  }
  if ('not' in condition) {
    const inner = evaluateCondition(condition.not, lookup);
    return inner.value === 'unknown' ? inner : bool(!inner.value);
  }
  if ('unknown' in condition) return bool(lookup(condition.unknown) === undefined);
  const op = operatorOf(condition);
  const fact = lookup(condition.fact);
  if (fact === undefined) return { value: 'unknown', missing: [condition.fact] };
  return bool(compareFact(fact, op, (condition as Record<string, unknown>)[op]));
}

/** The comparisons and `unknown` tests a condition is made of, in order, through all / any / not. */
function* leavesOf(condition: RuleCondition): Generator<RuleCondition> {
  if ('all' in condition) for (const c of condition.all) yield* leavesOf(c);
  else if ('any' in condition) for (const c of condition.any) yield* leavesOf(c);
  else if ('not' in condition) yield* leavesOf(condition.not);
  else yield condition;
}

/** Every fact path a condition reads, in order of first appearance. */
export function factsRead(condition: RuleCondition): string[] {
  const out = new Set<string>();
  for (const c of leavesOf(condition)) {
    if ('unknown' in c) out.add(c.unknown);
    else if ('fact' in c) out.add(c.fact);
  }
  return [...out];
}

/** Every `{ fact, op }` comparison in a condition, for checking operands against the schema. */
export function comparisonsIn(
  condition: RuleCondition,
): { fact: string; op: ComparisonOperator; operand: unknown }[] {
  const out: { fact: string; op: ComparisonOperator; operand: unknown }[] = [];
  for (const c of leavesOf(condition)) {
    if (!('fact' in c)) continue;
    const op = operatorOf(c);
    out.push({ fact: c.fact, op, operand: (c as Record<string, unknown>)[op] });
  }
  return out;
}
