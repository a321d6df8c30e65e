/**
 * The records of a generated account before they become export text: users, groups, roles and
 * managed policies as the GAAD describes them, plus each user's credential-report row. Big
 * accounts keep most records as recipes (`make`) run when the record is written, so 100,000
 * principals never exist as objects all at once.
 */
import type { PolicyDocument } from './documents';
import type { Random } from './rng';

export interface Tag {
  Key: string;
  Value: string;
}

export interface InlinePolicy {
  PolicyName: string;
  PolicyDocument: PolicyDocument;
}

export interface AccessKeySpec {
  active: boolean;
  /** Epoch ms. */
  rotated: number;
  lastUsed?: number;
  region?: string;
  service?: string;
}

export interface UserSpec {
  name: string;
  path: string;
  id: string;
  created: number;
  groups: string[];
  managed: string[];
  inline: InlinePolicy[];
  boundary?: string;
  tags: Tag[];
  password: boolean;
  /** Epoch ms; undefined with a password: "no_information". */
  passwordLastUsed?: number;
  passwordChanged?: number;
  mfa: boolean;
  keys: AccessKeySpec[];
}

export interface InstanceProfileSpec {
  name: string;
  path: string;
  id: string;
  created: number;
}

export interface RoleSpec {
  name: string;
  path: string;
  id: string;
  created: number;
  trust: PolicyDocument;
  managed: string[];
  inline: InlinePolicy[];
  boundary?: string;
  tags: Tag[];
  lastUsed?: { at: number; region: string };
  instanceProfile?: InstanceProfileSpec;
}

export interface GroupSpec {
  name: string;
  path: string;
  id: string;
  created: number;
  managed: string[];
  inline: InlinePolicy[];
}

export interface PolicyVersionSpec {
  doc: PolicyDocument;
  created: number;
}

export interface PolicySpec {
  name: string;
  path: string;
  id: string;
  arn: string;
  description?: string;
  /** Oldest first; the last one is the default version. */
  versions: PolicyVersionSpec[];
  attachments: number;
  boundaryUses: number;
}

/** A record known up front, or a recipe producing it (deterministically) when it is written. */
export interface Entry<T> {
  name: string;
  spec?: T;
  make?: () => T;
}

export const realize = <T>(e: Entry<T>): T => e.spec ?? e.make!();

/** The export date of every generated account: fixed, so results never depend on today. */
export const GENERATED_AT = Date.UTC(2026, 5, 30, 9, 15, 0);
export const DAY = 86_400_000;

/** `2024-01-02T03:04:05+00:00`, as the AWS CLI prints timestamps. */
export function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + '+00:00';
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Collects an account's records, keeps names unique and counts managed policy attachments. */
export class AccountBuilder {
  readonly users: Entry<UserSpec>[] = [];
  readonly roles: Entry<RoleSpec>[] = [];
  readonly groups: GroupSpec[] = [];
  readonly policies: PolicySpec[] = [];
  private readonly policyByArn = new Map<string, PolicySpec>();
  private readonly userNames = new Set<string>();
  private readonly roleNames = new Set<string>();
  private readonly groupNames = new Set<string>();
  private readonly profileNames = new Set<string>();

  constructor(
    readonly account: string,
    readonly rnd: Random,
  ) {}

  arn(type: 'user' | 'role' | 'group' | 'policy' | 'instance-profile', path: string, name: string): string {
    return `arn:aws:iam::${this.account}:${type}${path}${name}`;
  }

  /** An AWS unique id (AIDA..., AROA...): 4-letter prefix + 17 characters. */
  id(prefix: string, r: Random = this.rnd): string {
    return prefix + r.chars(ID_ALPHABET, 17);
  }

  /** A creation date between 2017 and a day before the export. */
  created(r: Random = this.rnd, after = Date.UTC(2017, 0, 1)): number {
    const lo = Math.min(after, GENERATED_AT - 2 * DAY);
    return lo + Math.floor(r.next() * (GENERATED_AT - DAY - lo));
  }

  /** `base`, or `base-2`, `base-3`... when taken. */
  private readonly nextSuffix = new Map<string, number>();
  private unique(names: Set<string>, base: string): string {
    let name = base;
    if (names.has(name)) {
      const key = `${names === this.userNames ? 'u' : names === this.roleNames ? 'r' : names === this.groupNames ? 'g' : 'p'}:${base}`;
      let k = this.nextSuffix.get(key) ?? 2;
      while (names.has((name = `${base}-${k}`))) k++;
      this.nextSuffix.set(key, k + 1);
    }
    names.add(name);
    return name;
  }
  userName(base: string): string {
    return this.unique(this.userNames, base);
  }
  roleName(base: string): string {
    return this.unique(this.roleNames, base);
  }
  groupName(base: string): string {
    return this.unique(this.groupNames, base);
  }
  profileName(base: string): string {
    return this.unique(this.profileNames, base);
  }

  /** A customer-managed policy; returns its ARN. Extra versions are older ones. */
  policy(name: string, document: PolicyDocument, opts: { path?: string; description?: string; older?: PolicyDocument[] } = {}): string {
    const path = opts.path ?? '/';
    const arn = this.arn('policy', path, name);
    if (this.policyByArn.has(arn)) throw new Error(`policy ${arn} defined twice`);
    const created = this.created();
    const older = opts.older ?? [];
    const versions: PolicyVersionSpec[] = [];
    let t = created;
    for (const d of older) {
      versions.push({ doc: d, created: t });
      t = Math.min(GENERATED_AT - DAY, t + Math.floor(this.rnd.next() * 200 * DAY) + DAY);
    }
    versions.push({ doc: document, created: t });
    const spec: PolicySpec = { name, path, id: this.id('ANPA'), arn, description: opts.description, versions, attachments: 0, boundaryUses: 0 };
    this.policies.push(spec);
    this.policyByArn.set(arn, spec);
    return arn;
  }

  /** Counts attachments of customer-managed policies (AWS managed ones are not in Policies). */
  attach(arns: readonly string[], boundary?: string): void {
    for (const a of arns) {
      const p = this.policyByArn.get(a);
      if (p) p.attachments++;
    }
    if (boundary) {
      const p = this.policyByArn.get(boundary);
      if (p) p.boundaryUses++;
    }
  }

  addUser(spec: UserSpec): UserSpec {
    this.attach(spec.managed, spec.boundary);
    this.users.push({ name: spec.name, spec });
    return spec;
  }

  /** A user written from a recipe; `managed` and `boundary` are known now (attachment counts). */
  addLazyUser(name: string, managed: readonly string[], boundary: string | undefined, make: () => UserSpec): void {
    this.attach(managed, boundary);
    this.users.push({ name, make });
  }

  addRole(spec: RoleSpec): RoleSpec {
    this.attach(spec.managed, spec.boundary);
    this.roles.push({ name: spec.name, spec });
    return spec;
  }

  addLazyRole(name: string, managed: readonly string[], boundary: string | undefined, make: () => RoleSpec): void {
    this.attach(managed, boundary);
    this.roles.push({ name, make });
  }

  addGroup(spec: GroupSpec): GroupSpec {
    this.attach(spec.managed);
    this.groups.push(spec);
    return spec;
  }

  /** A group with defaults (path `/`, new id and date). */
  group(name: string, managed: string[], inline: InlinePolicy[] = [], path = '/'): GroupSpec {
    return this.addGroup({ name: this.groupName(name), path, id: this.id('AGPA'), created: this.created(), managed, inline });
  }
}
