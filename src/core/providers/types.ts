/**
 * The provider seam. A provider (AWS, Kubernetes, GCP...) is one folder under providers/ that
 * exports a ProviderPlugin: the kinds it adds, the exports it reads, and its analysis (a permission
 * evaluator, escalation techniques written into the graph as `escalatesTo` edges, its notion of
 * admin and scope). Blast radius, paths, who-can, scoring, search, inventory and styles read only
 * what plugins declare, so adding a provider touches no other provider's files.
 */
import type { BlastGraph } from '../graph/graph';
import type { EdgeKindInfo, NodeKindInfo } from '../model/kinds';
import type { ResourceAccess } from '../model/access';
import type { JsonImporter, TextImporter } from '../importers/types';
import type { Timer } from '../model/timer';
import type { Evidence } from '../model/types';
import type { ProviderRisk } from '../risk/provider-risk';

export interface ProviderAnalyzeOptions {
  /** The analysis date (epoch ms): conditions on time and every age judgement use it. */
  asOf: number;
  timer?: Timer;
}

/** A path that would exist if an export that is missing were imported. */
export interface PotentialFinding {
  source: string;
  technique: { id: string; name: string };
  /** What is missing, in words. */
  missing: string;
}

/** What a provider's analysis answers, for the provider-neutral analyses. */
export interface ProviderAnalysis {
  provider: string;
  /** The identities whose permissions it evaluates (actors). */
  principals(): readonly string[];
  /** Admin-equivalent identities of this provider. */
  admins: ReadonlyMap<string, { conditional: boolean }>;
  potential: readonly PotentialFinding[];
  /** The scope (account, project, cluster...) whose administrator controls this resource. */
  scopeOf(resource: string): string | undefined;
  /** The service or resource family, for grouping (`s3`, `secretsmanager`, `k8s secrets`). */
  serviceOf(resource: string): string;
  /** What `principal` can do to `resource`, by access level (undefined: nothing). */
  accessOf(principal: string, resource: string): ResourceAccess | undefined;
  /** Everything that can be done to `resource` (what its scope's administrator holds). */
  fullAccess(resource: string): ResourceAccess;
  /**
   * Sharing access work (optional): principals with the same group key have the same access to
   * every resource for which `accessByName` is false (a resource policy, which names principals,
   * makes it true). Blast radius and who-can then evaluate one principal per group.
   */
  accessGroupOf?(principal: string): string;
  accessByName?(resource: string): boolean;
  /** The resources `principal`'s own grants can name (a superset; undefined: any of them). */
  accessCandidates?(principal: string): ReadonlySet<string> | undefined;
  /** One permission on one resource: for "who can do X to this". */
  decide(principal: string, action: string, resource: string): 'allowed' | 'conditional' | 'no';
  /**
   * The statements behind `principal`'s access to `resource` (for one action, or every action
   * `accessOf` finds): those that allow it and those that may deny it under a condition not
   * decided, each with its condition text. Optional: without it a path's last step cites the
   * analysis's decision and any grant of the resource's policy.
   */
  accessEvidence?(principal: string, resource: string, action?: string): Evidence[];
  /**
   * Federation, inbound: the identities of this provider that a web-identity token (an OIDC
   * issuer's token with these claims) can become, each decided by the identity's own trust
   * (`only`: just this identity).
   */
  acceptWebIdentity?(issuer: string, claims: Readonly<Record<string, string>>, only?: string): FederationGrant[];
  /** The OIDC issuers this provider's identities trust, with the subject patterns each trust tests. */
  trustedIssuers?(): readonly { issuer: string; target: string; subjectPatterns: string[] }[];
  /**
   * Federation, inbound by IAM member: the identities an IAM member string (GKE's
   * `serviceAccount:PROJECT.svc.id.goog[NS/KSA]`, a workload identity pool's `principalSet://...`)
   * can act as through this provider's bindings (`only`: just this identity).
   */
  acceptMember?(member: string, only?: string): FederationGrant[];
  /** Federation, inbound by a cloud service: does `target`'s trust admit `service` (e.g. EKS Pod Identity)? */
  acceptService?(service: string, target: string): FederationGrant[];
  /**
   * Federation, inbound from another provider's identities: bindings whose member names an
   * identity of another provider (a workload identity pool's `attribute.aws_role/<role ARN>`).
   */
  foreignMembers?(): readonly ForeignMember[];
  /**
   * Federation, outbound: the tokens this provider mints for its identities (a cluster's projected
   * service-account tokens) and the cloud identities their configuration names (annotations).
   */
  issuedTokens?(): readonly IssuedToken[];
}

/** A binding member that is another provider's identity, named by what the member tells of it. */
export interface ForeignMember {
  /** The identity: by id, or by provider, kind, scope and name (an ARN without its path). */
  from: { id?: string; provider: string; kind: string; account?: string; name: string };
  grant: FederationGrant;
  technique: string;
  why: string;
}

/** A token a workload identity presents, and what its configuration says it becomes. */
export interface IssuedToken {
  /** The identity the token is minted for (e.g. a Kubernetes service account). */
  from: string;
  /** Its OIDC issuer, when it has one (the cluster's service-account issuer). */
  issuer?: string;
  claims: Readonly<Record<string, string>>;
  names: readonly {
    /**
     * `web-identity`: the target's trust decides on issuer and claims; `iam-member`: the target's
     * provider decides on `member`; `service`: the target's trust must admit the cloud service
     * `service` that hands out the credentials (EKS Pod Identity's `pods.eks.amazonaws.com`).
     */
    via: 'web-identity' | 'iam-member' | 'service';
    target: string;
    member?: string;
    service?: string;
    technique: string;
    /** The annotation (file, location) that names the target. */
    evidence: Evidence;
    /** How to draw the target when no export describes it (a labelled placeholder). */
    placeholder?: { provider: string; kind: string; name: string; account?: string };
  }[];
}

/** One identity a federated token can become, and why. */
export interface FederationGrant {
  target: string;
  decision: 'allowed' | 'conditional';
  /** The trust statements (file, location, condition) that admit the token. */
  evidence: Evidence[];
  notes: string[];
}

export interface ProviderPlugin {
  id: string;
  label: string;
  nodeKinds: Record<string, NodeKindInfo>;
  edgeKinds: Record<string, EdgeKindInfo>;
  /**
   * Its techniques already read its own secrets that hold credentials of its own identities
   * (Kubernetes: service-account token Secrets), so the provider-neutral step
   * (analysis/secret-unlocks.ts) leaves those to it.
   */
  coversOwnSecretCredentials?: boolean;
  /** JSON exports, tried in order on the first document: the most specific shapes first. */
  importers: readonly JsonImporter[];
  /** Exports that are not JSON (CSV, YAML), tried in order on the text. */
  textImporters?: readonly TextImporter[];
  /**
   * Facts other files need, read from a file's text before anything is imported (e.g. the name of
   * a cluster a `describe-cluster` file describes): `[factKind, value]` pairs. Must be cheap on
   * files that are not its own (sniff before parsing).
   */
  prescan?(text: string, path: string): Iterable<[string, string]>;
  /**
   * Evaluate this provider's part of the graph: write its admin nodes and `escalatesTo` edges
   * (each with the evidence behind it) and answer for the analyses. Only called when the graph
   * holds nodes of this provider.
   */
  analyze(graph: BlastGraph, opts: ProviderAnalyzeOptions): Promise<ProviderAnalysis>;
  /**
   * The other providers whose nodes, edges or analysis output its analysis reads (`any`: the
   * provider-neutral placeholders). When files added since the last analysis changed none of
   * these and nothing of its own, at the same analysis date, its last analysis is kept (see
   * analysis.ts). Undefined: it may read anything, and always runs again.
   */
  reads?: readonly string[];
  /** Its non-human-identity risk rules, metrics and classification (risk/). */
  risk?: ProviderRisk;
}

/** The id of the administrator node of a scope. */
export const adminNodeId = (provider: string, scope: string): string => `admin:${provider}:${scope}`;

/** Add the administrator node of a scope (once). */
export function ensureAdminNode(graph: BlastGraph, provider: string, scope: string, name: string): string {
  const id = adminNodeId(provider, scope);
  if (!graph.hasNode(id)) graph.addNode(id, { kind: 'adminAccess', provider, name, account: scope, attributes: {}, placeholder: false });
  return id;
}

/**
 * The accessor of one provider's own analysis within a whole analysis (undefined when the
 * exports hold none of its nodes), typed as the provider declares it: what its specific commands
 * and tests read it through. The cast is safe because a provider's plugin alone puts its analysis
 * under its id.
 */
export function providerAnalysisOf<T extends ProviderAnalysis>(provider: string): (a: { providers: ReadonlyMap<string, ProviderAnalysis> }) => T | undefined {
  return (a) => a.providers.get(provider) as T | undefined;
}
