import { messageOfIssue, type FieldMessage } from '../i18n/issue-message.js';
import { z } from 'zod';
import {
  PlanBody,
  PlanOverride,
  type AppliedPlanOverride,
  type Plan,
  type PlanOverrideInput,
} from '../domain/plan.schema.js';

/** Values that describe the plan rather than state something about the client. */
const FIXED_ROOTS = new Set(['rulesVersion', 'consultationDate', 'citations', 'overrides', 'ruleOutput']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Container = Json[] | { [key: string]: Json };

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function ruleOutputOf(plan: Plan): PlanBody {
  if (plan.ruleOutput) return plan.ruleOutput;
  const { overrides: _overrides, ruleOutput: _ruleOutput, ...body } = plan;
  return body;
}

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

/** The container holding the last segment of `segments`, when every step of the path exists. */
function parentOf(root: Json, segments: string[]): Container | undefined {
  let node: Json = root;
  for (const [i, segment] of segments.entries()) {
    if (!isContainer(node)) return undefined;
    const has = Array.isArray(node)
      ? /^\d+$/.test(segment) && Number(segment) < node.length
      : Object.prototype.hasOwnProperty.call(node, segment);
    if (!has) return undefined;
    if (i === segments.length - 1) return node;
    node = Array.isArray(node) ? node[Number(segment)]! : node[segment]!;
  }
  return undefined;
}

function valueAt(root: Json, segments: string[]): Json | undefined {
  const parent = parentOf(root, segments);
  if (!parent) return undefined;
  const last = segments.at(-1)!;
  return Array.isArray(parent) ? parent[Number(last)] : parent[last];
}

/** The rule ids behind a value: its own citation, an enclosing one, or the enclosing item's ruleIds. */
function ruleIdsAt(body: PlanBody, segments: string[]): string[] {
  for (let n = segments.length; n > 0; n -= 1) {
    const cited = body.citations[segments.slice(0, n).join('.')];
    if (cited) return cited;
  }
  for (let n = segments.length; n > 0; n -= 1) {
    const node = valueAt(body, segments.slice(0, n));
    if (isContainer(node) && !Array.isArray(node)) {
      if (Array.isArray(node.ruleIds)) return node.ruleIds as string[];
      if (typeof node.ruleId === 'string') return [node.ruleId];
    }
  }
  return [];
}

const startsWith = (path: readonly PropertyKey[], prefix: readonly string[]) =>
  prefix.every((segment, i) => String(path[i]) === segment);

/**
 * The effective plan once the artist's overrides are applied (after any already on the plan).
 * The rule output stays unchanged in `ruleOutput`, and each override records who made it, why,
 * and what the rules had said (`ruleValue`, `ruleIds`). Throws a ZodError naming
 * `overrides.<i>.path` or `overrides.<i>.value` when a path does not exist in the plan or
 * cannot be overridden, or when the value does not fit the plan schema.
 */
export function applyPlanOverrides(plan: Plan, overrides: readonly PlanOverrideInput[]): Plan {
  const result = safeApplyPlanOverrides(plan, overrides);
  if (!result.success) throw result.error;
  return result.data;
}

/**
 * When the artist changes the number of sessions, each zone's per-session schedule follows: the
 * rules' build-up (cumulative density, shade getting darker) is stretched or squeezed over the
 * new count, ending at 100 % as before. A zone whose schedule the artist set by hand keeps it.
 */
function respreadZoneSessions(plan: Json, overridden: readonly string[]): void {
  if (!isContainer(plan) || Array.isArray(plan)) return;
  const sessions = plan.sessions;
  const zones = plan.zones;
  if (!isContainer(sessions) || Array.isArray(sessions) || !Array.isArray(zones)) return;
  const count = sessions.count;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > 20) return;
  zones.forEach((zone, z) => {
    if (!isContainer(zone) || Array.isArray(zone) || !Array.isArray(zone.sessions)) return;
    if (overridden.some((path) => path.startsWith(`zones.${z}.sessions`))) return;
    const old = zone.sessions as { session: number; densityPercent: number; shadeNumber: number }[];
    if (old.length === count || old.length === 0) return;
    const m = old.length;
    zone.sessions = Array.from({ length: count }, (_, i) => {
      // Where session i+1 of the new course falls on the old one (0 … m-1).
      const at = count === 1 ? m - 1 : (i * (m - 1)) / (count - 1);
      const lo = Math.floor(at);
      const hi = Math.min(m - 1, lo + 1);
      const density =
        old[lo]!.densityPercent + (old[hi]!.densityPercent - old[lo]!.densityPercent) * (at - lo);
      return {
        session: i + 1,
        densityPercent: i === count - 1 ? 100 : Math.round(density),
        shadeNumber: old[Math.round(at)]!.shadeNumber,
      };
    });
  });
}

export function safeApplyPlanOverrides(
  plan: Plan,
  overrides: readonly PlanOverrideInput[],
): { success: true; data: Plan } | { success: false; error: z.ZodError } {
  const ruleOutput = ruleOutputOf(plan);
  const effective = copy(ruleOutput) as unknown as Json;
  const issues: z.core.$ZodIssue[] = [];
  // Each problem as a field code of the shared catalogue, so it reads in the artist's words.
  const fail = (path: PropertyKey[], { code, params }: FieldMessage) =>
    issues.push({ code: 'custom', path, message: code, params: params ?? {}, input: undefined });

  const pending: { override: PlanOverride; at: number | undefined }[] = plan.overrides.map((o) => ({
    override: PlanOverride.parse({ path: o.path, value: o.value, reason: o.reason, by: o.by, at: o.at }),
    at: undefined,
  }));
  overrides.forEach((raw, i) => {
    const parsed = PlanOverride.safeParse(raw, { reportInput: true });
    if (parsed.success) pending.push({ override: parsed.data, at: i });
    else
      for (const issue of parsed.error.issues) fail(['overrides', i, ...issue.path], messageOfIssue(issue));
  });

  const applied: AppliedPlanOverride[] = [];
  for (const { override, at } of pending) {
    const segments = override.path.split('.');
    const where = ['overrides', at ?? applied.length, 'path'];
    if (FIXED_ROOTS.has(segments[0]!)) {
      fail(where, { code: 'notOverridable' });
      continue;
    }
    const parent = parentOf(effective, segments);
    if (!parent) {
      fail(where, { code: 'noSuchPlanValue' });
      continue;
    }
    const last = segments.at(-1)!;
    const value = copy<Json>(override.value);
    if (Array.isArray(parent)) parent[Number(last)] = value;
    else parent[last] = value;
    applied.push({
      ...override,
      ruleValue: valueAt(ruleOutput, segments) ?? null,
      ruleIds: ruleIdsAt(ruleOutput, segments),
    });
  }

  if (!issues.length)
    respreadZoneSessions(
      effective,
      pending.map((p) => p.override.path),
    );

  if (!issues.length) {
    const checked = PlanBody.safeParse(effective, { reportInput: true });
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        // Blame the last override that wrote this value or one of its parents or children.
        const culprit = pending
          .map((p, i) => ({ ...p, i }))
          .filter(
            (p) =>
              startsWith(issue.path, p.override.path.split('.')) ||
              startsWith(p.override.path.split('.'), issue.path.map(String)),
          )
          .at(-1);
        fail(
          culprit ? ['overrides', culprit.at ?? culprit.i, 'value'] : ['overrides'],
          messageOfIssue(issue),
        );
      }
    }
  }
  if (issues.length) return { success: false, error: new z.ZodError(issues) };
  return {
    success: true,
    data: { ...(effective as unknown as PlanBody), overrides: applied, ruleOutput },
  };
}
