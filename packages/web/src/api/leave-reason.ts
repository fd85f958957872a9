// Why the user is on the sign-in page, so it can say so: the session ended (expired, revoked,
// account deactivated), the user signed out (here or everywhere), or a forgotten password was
// just reset. Cleared when someone signs in.
export type LeaveReason = 'sessionEnded' | 'signedOut' | 'signedOutEverywhere' | 'passwordReset';

let reason: LeaveReason | null = null;

export function setLeaveReason(next: LeaveReason): void {
  reason = next;
}

export function clearLeaveReason(): void {
  reason = null;
}

export function leaveReason(): LeaveReason | null {
  return reason;
}
