// Who may do what beyond "signed in": the role rules of the treatment records. Front desk books
// and moves appointments and sees the calendar; clinical content (session charts, photos,
// recalls) is for owners and artists; templates and inventory are managed by the owner.
import type { StaffRole } from '@stipple/core';
import { forbidden } from '../http/app-error.js';
import type { Actor } from './actor.js';

export const CLINICAL: readonly StaffRole[] = ['owner', 'artist'];
export const OWNER: readonly StaffRole[] = ['owner'];

/** Throws 403 saying who may do it, unless the actor has one of `roles`. */
export function requireRole(actor: Actor, roles: readonly StaffRole[]): void {
  if (roles.includes(actor.role)) return;
  throw forbidden(roles.includes('artist') ? 'clinicalOnly' : 'ownerOnly');
}

export const isClinical = (actor: Actor): boolean => CLINICAL.includes(actor.role);
