// Answer shapes the API has that core's schemas do not name.
import type { StaffRole } from '@stipple/core';

export interface Items<T> {
  items: T[];
}

export interface InvitationPreview {
  email: string;
  name: string;
  role: StaffRole;
  studioName: string;
}
