/**
 * A realistic AWS account for scale runs, with planted escalation paths, look-alike decoys and
 * the expected answers, so that every size can be checked for correctness, not only for speed.
 * Deterministic for a seed. `principals` = users + roles (about 40% users, most of them service
 * users with access keys; 60% roles). The export text is produced in chunks by ./export.ts.
 */
import { AccountBuilder, GENERATED_AT, iso, type Entry, type GroupSpec, type PolicySpec, type RoleSpec, type UserSpec } from './model';
import { buildOrganization } from './organization';
import { addBackground } from './background';
import { DECOY_KINDS, PLANT_KINDS, plantScenarios, type Decoy, type PlantedPath } from './scenarios';
import { Random, deriveSeed } from './rng';

export interface RealisticOptions {
  principals: number;
  seed?: number;
  /** 12-digit account id; derived from the seed when absent. */
  account?: string;
  /** How many paths to plant (default max(one per kind, principals / 1000)). */
  plants?: number;
  decoys?: number;
}

export interface Expected {
  generator: string;
  seed: number;
  principals: number;
  account: string;
  generatedTime: string;
  counts: { users: number; roles: number; groups: number; policies: number };
  planted: PlantedPath[];
  decoys: Decoy[];
  /** Admin-equivalent principals (unconditionally). */
  admins: string[];
  /** Admins whose power depends on a condition the export cannot decide (MFA). */
  conditionalAdmins: string[];
  /** Every principal that is not admin but can become admin: the planted starts and those on their way. */
  escalators: string[];
}

export interface RealisticAccount {
  account: string;
  generatedAt: number;
  users: Entry<UserSpec>[];
  roles: Entry<RoleSpec>[];
  groups: GroupSpec[];
  policies: PolicySpec[];
  expected: Expected;
}

/** The fewest principals an account can have: the fixed roles, the admins and one of each scenario. */
export const MIN_PRINCIPALS = 150;

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function realisticAccount(opts: RealisticOptions): RealisticAccount {
  const principals = Math.floor(opts.principals);
  if (!(principals >= MIN_PRINCIPALS)) throw new Error(`a realistic account needs at least ${MIN_PRINCIPALS} principals`);
  const seed = (opts.seed ?? 1) >>> 0;
  const rnd = new Random(deriveSeed(seed, 'plan'));
  const account = opts.account ?? String(rnd.int(1, 9)) + rnd.chars('0123456789', 11);
  if (!/^\d{12}$/.test(account)) throw new Error('the account id must have 12 digits');
  const b = new AccountBuilder(account, rnd);
  const org = buildOrganization(b, seed, principals);
  const plants = opts.plants ?? Math.max(PLANT_KINDS.length, Math.round(principals / 1000));
  const decoys = opts.decoys ?? Math.max(DECOY_KINDS.length, Math.round(principals / 1000));
  const scenarios = plantScenarios(org, plants, decoys);

  const users = Math.round(principals * 0.4);
  const bgUsers = users - b.users.length;
  const bgRoles = principals - users - b.roles.length;
  if (bgUsers < 0 || bgRoles < 0) throw new Error(`${principals} principals leave no room for the planted scenarios (${b.users.length} users, ${b.roles.length} roles): use more principals or fewer plants`);
  addBackground(org, bgUsers, bgRoles, principals);

  b.users.sort(byName);
  b.roles.sort(byName);
  b.groups.sort(byName);
  b.policies.sort(byName);
  const expected: Expected = {
    generator: 'blastmap generate (realistic account)',
    seed,
    principals,
    account,
    generatedTime: iso(GENERATED_AT),
    counts: { users: b.users.length, roles: b.roles.length, groups: b.groups.length, policies: b.policies.length },
    planted: scenarios.planted,
    decoys: scenarios.decoys,
    admins: [...new Set(org.admins)].sort(),
    conditionalAdmins: [...new Set(org.conditionalAdmins)].sort(),
    escalators: [...new Set(scenarios.escalators)].sort(),
  };
  return { account, generatedAt: GENERATED_AT, users: b.users, roles: b.roles, groups: b.groups, policies: b.policies, expected };
}
