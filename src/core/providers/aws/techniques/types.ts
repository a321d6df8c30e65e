/** Privilege-escalation techniques: what they are, and what their detection produces. */
import type { Decision } from '../eval/evaluate';

export type TechniqueCategory = 'self-escalation' | 'principal-access' | 'new-passrole' | 'existing-passrole';

/** How far Blastmap models a technique (reported by `blastmap techniques` and the README). */
export type Coverage = 'modelled' | 'modelled with inventory' | 'needs inventory' | 'not yet';

export interface TechniqueInfo {
  /** pathfinding.cloud id (e.g. `iam-002`), or a `blastmap-` id for techniques outside it. */
  id: string;
  name: string;
  category: TechniqueCategory;
  coverage: Coverage;
  /** What the technique needs that an IAM export does not show, or why it is not modelled. */
  note?: string;
}

export interface PermissionCheck {
  action: string;
  resource: string;
  decision: Decision;
}

export interface EscalationFinding {
  technique: TechniqueInfo;
  source: string;
  /** A principal, a group, or an account's admin node. */
  target: string;
  /** The role, user, group or policy the technique acts on, when it is not the target. */
  via?: string;
  checks: PermissionCheck[];
  /** True when some check is conditional or a prerequisite cannot be verified from the export. */
  conditional: boolean;
  notes: string[];
}

/** A technique whose permissions the principal holds, but whose targets need resource inventory. */
export interface PotentialFinding {
  technique: TechniqueInfo;
  source: string;
  checks: PermissionCheck[];
  missing: string;
}

export const adminNodeId = (account: string): string => `admin:aws:${account}`;

/** Identity sets: one node standing for every user / role of an account (see identitySet kind). */
export const allUsersId = (account: string): string => `all-users:aws:${account}`;
export const allRolesId = (account: string): string => `all-roles:aws:${account}`;
/** Every role whose trust policy lets the whole account assume it, unconditionally. */
export const accountTrustingRolesId = (account: string): string => `roles-trusting:aws:${account}`;
/** Every role of an account whose trust lets a service (lambda.amazonaws.com...) assume it. */
export const serviceRolesId = (account: string, service: string): string => `service-roles:aws:${account}:${service}`;
/** Users of an account with (or without) a console password, per the credential report. */
export const usersByPasswordId = (account: string, withPassword: boolean): string => `${withPassword ? 'users-with-password' : 'users-without-password'}:aws:${account}`;

/** A modelled technique of one category: `const T = techniqueOf('self-escalation')`. */
export const techniqueOf =
  (category: TechniqueCategory) =>
  (id: string, name: string): TechniqueInfo => ({ id, name, category, coverage: 'modelled' });
