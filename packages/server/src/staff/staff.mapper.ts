// Rows to the API's shapes (dates as ISO strings, no password hashes).
import type { StaffInvitation, StaffMember } from '@stipple/core';
import type { InvitationRow } from './invitation.repository.js';
import type { StaffRow } from './staff.repository.js';

export const toStaffMember = (row: StaffRow): StaffMember => ({
  id: row.id,
  studioId: row.studioId,
  email: row.email,
  name: row.name,
  role: row.role,
  active: row.active,
  locale: row.locale,
  createdAt: row.createdAt.toISOString(),
});

export const toStaffInvitation = (row: InvitationRow, acceptUrl?: string): StaffInvitation => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  expiresAt: row.expiresAt.toISOString(),
  ...(acceptUrl ? { acceptUrl } : {}),
});
