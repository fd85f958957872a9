import type { StaffRole } from '@stipple/core';

/** Who is making a request: the signed-in staff member, resolved from the session cookie. */
export interface Actor {
  userId: string;
  studioId: string;
  role: StaffRole;
  sessionId: string;
}
