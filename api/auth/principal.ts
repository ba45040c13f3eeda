/** Who is calling. Every route gets one of these from the auth middleware, or refuses. */
export type Role = 'coordinator' | 'staff' | 'resident' | 'device' | 'pos';

export interface Principal {
  role: Role;
  allianceId: string;
  /** staff_users.id, residents.id, devices.id or pos_keys.id. */
  subjectId: string;
  /** The merchant a device or POS key belongs to. */
  merchantId?: string;
}

export const STAFF_ROLES: readonly Role[] = ['coordinator', 'staff'];
