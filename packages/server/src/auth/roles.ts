// Who may do what beyond "signed in": the role rules of the treatment records. Front desk books
// and moves appointments and sees the calendar; clinical content (session charts, photos,
// recalls) is for owners and artists; templates and inventory are managed by the owner.
import type { StaffRole } from '@stipple/core';
import { forbidden } from '../http/app-error.js';
import type { Actor } from './actor.js';

export const CLINICAL: readonly StaffRole[] = ['owner', 'artist'];
export const OWNER: readonly StaffRole[] = ['owner'];

const ROLE_NAMES: Record<StaffRole, string> = {
  owner: 'owners',
  artist: 'artists',
  front_desk: 'front desk',
};

/** Throws 403 naming who may do it, unless the actor has one of `roles`. */
export function requireRole(actor: Actor, roles: readonly StaffRole[], what: string): void {
  if (roles.includes(actor.role)) return;
  throw forbidden(`${what} is only for ${roles.map((r) => ROLE_NAMES[r]).join(' and ')}`);
}

export const isClinical = (actor: Actor): boolean => CLINICAL.includes(actor.role);
