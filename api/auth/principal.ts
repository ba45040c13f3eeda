/**
 * Who is calling. Every request gets one of these from the auth middleware, or is refused. The
 * union is by role, so a device's or a POS key's merchant is known without a `!`.
 */
export type Role = 'coordinator' | 'staff' | 'resident' | 'device' | 'pos';

interface Base {
  allianceId: string;
}

/** Coordinator or staff: subjectId is staff_users.id. */
export interface StaffPrincipal extends Base {
  role: 'coordinator' | 'staff';
  subjectId: string;
  /** Rights the coordinator gave this staff member (auth/rights.ts), read from the account on every request. */
  rights?: readonly string[];
}

/** A resident's phone: subjectId is residents.id. */
export interface ResidentPrincipal extends Base {
  role: 'resident';
  subjectId: string;
}

/** A merchant's device (subjectId: devices.id) or POS key (pos_keys.id), and its merchant. */
export interface MerchantPrincipal extends Base {
  role: 'device' | 'pos';
  subjectId: string;
  merchantId: string;
}

export type Principal = StaffPrincipal | ResidentPrincipal | MerchantPrincipal;

/** The principal a role gets: requireRole('device') hands the route a MerchantPrincipal. */
export type PrincipalOf<R extends Role> = Extract<Principal, { role: R }>;
