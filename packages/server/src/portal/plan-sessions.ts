// The plan's sessions in the client's terms: for each session, what each zone gets (the share of
// the final density reached and added in it, and whether the shade is still lighter than the
// last session's) and the earliest day it may be after the first. Pure: the portal's words come
// from these numbers and the planner's own texts.
import type { Plan, PortalPlanSession } from '@stipple/core';

export function planSessions(plan: Pick<Plan, 'sessions' | 'zones'>): PortalPlanSession[] {
  const out: PortalPlanSession[] = [];
  for (let n = 1; n <= plan.sessions.count; n++) {
    const zones: PortalPlanSession['zones'] = [];
    for (const zone of plan.zones) {
      const ordered = [...zone.sessions].sort((a, b) => a.session - b.session);
      const here = ordered.find((s) => s.session === n);
      if (!here) continue;
      const before = ordered.filter((s) => s.session < n).at(-1);
      const last = ordered.at(-1)!;
      zones.push({
        kind: zone.kind,
        scars: zone.scars,
        reachedPercent: here.densityPercent,
        addedPercent: Math.max(0, here.densityPercent - (before?.densityPercent ?? 0)),
        lighterThanFinal: here.shadeNumber > last.shadeNumber,
      });
    }
    out.push({ session: n, earliestDay: (n - 1) * plan.sessions.minIntervalDays, zones });
  }
  return out;
}
