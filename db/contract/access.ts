/**
 * Who may call a channel, declared with the channel in the contract and enforced once, by the
 * core's dispatch (or the host, for host channels), against the acting staff member's role.
 *
 * - `lane`: `read` runs on a read handle without a transaction; `write` runs in one transaction
 *   and is audited; `job` is long read work on the second, read-only connection in its own worker
 *   (answered at once with a job id, then followed with `jobs.get`), so a save never waits behind
 *   it; `runtime` is answered by the core's runtime itself (the jobs it keeps); `host` by
 *   Electron's main process or the harness.
 * - `roles`: the roles that may call it for any record.
 * - `limited`: roles that may call it only where a rule about the record itself holds (an
 *   outreach worker correcting their own entry of the last 48 hours). The rules are named here
 *   and implemented by the core's domains, which must implement every name (checked by tsc).
 */
import type { ErrorCode } from './errors';
import { staffRoles, type StaffRole } from './vocabulary';

export const lanes = ['read', 'write', 'job', 'runtime', 'host'] as const;
export type Lane = (typeof lanes)[number];

/** Every role, the viewer included: configuration and stock figures hold nothing about people. */
export const everyRole: readonly StaffRole[] = staffRoles;
/** Roles that log field work and see participant codes. */
export const fieldRoles: readonly StaffRole[] = ['admin', 'coordinator', 'outreach_worker'];
/** Roles that run the stock room and the catalog, correct anyone's entries and merge codes. */
export const coordinatorRoles: readonly StaffRole[] = ['admin', 'coordinator'];
/** Roles that change program settings and staff. */
export const adminRoles: readonly StaffRole[] = ['admin'];
/**
 * The role a new staff member is offered first: the least one (the role list runs from most to
 * least), so nobody is given more access than someone chose to give them.
 */
export const newStaffRole: StaffRole = staffRoles[staffRoles.length - 1]!;

/** Rules about the record a call names, for roles with limited access; each refuses with its code. */
export const recordRules = {
  ownRecentEntry: { refusal: 'entry_change_not_permitted', hours: 48 },
  ownRecentCollection: { refusal: 'collection_change_not_permitted', hours: 48 },
} as const satisfies Record<string, { refusal: ErrorCode; hours?: number }>;
export type RecordRuleName = keyof typeof recordRules;

export interface AccessRule<L extends Lane = Lane> {
  lane: L;
  roles: readonly StaffRole[];
  limited?: { roles: readonly StaffRole[]; rule: RecordRuleName };
}

export function read(roles: readonly StaffRole[]): AccessRule<'read'> {
  return { lane: 'read', roles };
}

export function write(roles: readonly StaffRole[], limited?: AccessRule['limited']): AccessRule<'write'> {
  return limited ? { lane: 'write', roles, limited } : { lane: 'write', roles };
}

export function job(roles: readonly StaffRole[]): AccessRule<'job'> {
  return { lane: 'job', roles };
}

export function runtime(roles: readonly StaffRole[]): AccessRule<'runtime'> {
  return { lane: 'runtime', roles };
}

export function host(roles: readonly StaffRole[]): AccessRule<'host'> {
  return { lane: 'host', roles };
}

/** What a role may do on a channel: anything, only what its record rule allows, or nothing. */
export function accessFor(rule: AccessRule, role: StaffRole): 'full' | { rule: RecordRuleName } | 'none' {
  if (rule.roles.includes(role)) return 'full';
  if (rule.limited?.roles.includes(role)) return { rule: rule.limited.rule };
  return 'none';
}
