/**
 * The one registry of node and edge kinds. The core declares the kinds every provider shares
 * (the analysis's admin and identity-set nodes, "anyone", the generic edges); each provider plugin
 * declares its own (providers/<id>/kinds.ts) and registers them at load (providers/index.ts).
 * Importers, analyses, UI styles and exports read kinds only through this registry, and analyses
 * only through the traits below (category, actor, group, nature, standing, reach), never through
 * kind names, so a new provider needs no change anywhere else.
 *
 * Kind names: AWS's kinds keep their original short names (`user`, `role`, `bucket`...); every
 * later provider namespaces its own (`k8s.clusterRole`, `gcp.serviceAccount`). See docs/ids.md.
 */
import type { NodeAttributes } from './types';

export type NodeCategory = 'identity' | 'principal' | 'credential' | 'secret' | 'policy' | 'resource';

export interface NodeKindInfo {
  label: string;
  plural: string;
  category: NodeCategory;
  /** Short description shown in the legend and the details panel. */
  description: string;
  /** Cytoscape node shape. */
  shape?: string;
  /** An identity whose permissions its provider evaluates (it acts on resources itself). */
  actor?: boolean;
  /** A group of identities (its members inherit its grants; not listed as escalating itself). */
  group?: boolean;
  /** Human or machine; `depends` is decided per node (e.g. an AWS user with a console password). */
  nature?: 'human' | 'non-human' | 'depends';
  /** A long-lived credential (access key, service-account key, legacy token). */
  standing?: boolean;
  /**
   * For a secret: the permission whose grant reveals its value (as its provider's `decide` spells
   * it). A secret that holds another identity's credential makes its readers act as it.
   */
  readValue?: string;
  /** The provider that declared it (set at registration; absent for the core's own kinds). */
  provider?: string;
}

export interface EdgeKindInfo {
  label: string;
  description: string;
  /**
   * Whether the edge means "whoever holds the source can act as the target" (a step of blast
   * radius, paths and who-can): always, or decided per edge from its endpoints.
   */
  reach?: true | ((source: NodeAttributes, target: NodeAttributes) => boolean);
  /** How a path step over this edge reads: `{from}` and `{to}` are node names. */
  explain?: string;
  /** Line colour in the graph. */
  color?: string;
}

/** Kinds every provider shares. */
const CORE_NODE_KINDS: Record<string, NodeKindInfo> = {
  adminAccess: { label: 'Administrator', plural: 'administrators', category: 'principal', shape: 'star', description: 'Full control of an account, project, subscription or cluster: held by admin-equivalent principals, reached by escalation' },
  identitySet: { label: 'Identity set', plural: 'identity sets', category: 'principal', shape: 'round-octagon', description: 'Every user (or role) of an account at once: one edge instead of thousands when a permission covers them all' },
  publicPrincipal: { label: 'Anyone', plural: 'public principals', category: 'principal', shape: 'star', description: 'The wildcard principal "*": anyone, authenticated or not' },
  mappedSecret: { label: 'Mapped secret', plural: 'mapped secrets', category: 'secret', shape: 'round-triangle', description: 'A secret named by an analyst\'s secret mapping that no imported export describes (yet)' },
  externalPrincipal: { label: 'External principal', plural: 'external principals', category: 'principal', shape: 'diamond', description: 'A principal named in a policy but not described by any export (session, canonical user...)' },
  oidcToken: { label: 'OIDC token', plural: 'OIDC tokens', category: 'credential', shape: 'tag', nature: 'non-human', description: 'A token an OIDC issuer (GitHub Actions, GitLab, a cluster\'s service-account issuer...) mints for one subject, or for any subject: a start point outside every export' },
};

const CORE_EDGE_KINDS: Record<string, EdgeKindInfo> = {
  memberOf: { label: 'member of', description: 'Belongs to: a user to its group (inheriting its grants), an account, project or OU to its parent (inheriting its policies)' },
  hasPolicy: { label: 'has policy', description: 'Policy attached to the identity, account or resource (managed, inline, boundary, SCP, resource policy)' },
  credentialOf: { label: 'credential of', description: 'Whoever holds this credential acts as the identity', reach: true, explain: '{from} is a credential of {to}', color: '#f59e0b' },
  runsAs: { label: 'runs as', description: 'The resource (function, instance, pod, job...) runs as this identity: whoever controls it acts as the identity' },
  grants: { label: 'grants', description: 'A policy or binding grants this principal access to the resource', color: '#10b981' },
  escalatesTo: { label: 'escalates to', description: 'A privilege-escalation technique lets the source act as the target', reach: true, color: '#ef4444' },
  federatesTo: { label: 'federates to', description: 'A workload or token of one provider is trusted as an identity of another (IRSA, workload identity, OIDC), with both sides checked', reach: true, color: '#22d3ee' },
};

const nodeKinds: Record<string, NodeKindInfo> = { ...CORE_NODE_KINDS };
const edgeKinds: Record<string, EdgeKindInfo> = { ...CORE_EDGE_KINDS };

/** Every node kind known (core and registered providers). Read-only to everyone but the registry. */
export const NODE_KINDS: Readonly<Record<string, NodeKindInfo>> = nodeKinds;
export const EDGE_KINDS: Readonly<Record<string, EdgeKindInfo>> = edgeKinds;

export type NodeKind = string;
export type EdgeKind = string;
/** `aws`, `kubernetes`, `gcp`... (a provider plugin's id), or `any` for core nodes. */
export type Provider = string;

/** Called by the provider registry; a kind declared twice must be declared the same way. */
export function registerKinds(nodes: Record<string, NodeKindInfo>, edges: Record<string, EdgeKindInfo>, provider?: string): void {
  for (const [k, v] of Object.entries(nodes)) {
    if (nodeKinds[k] && nodeKinds[k]!.label !== v.label) throw new Error(`node kind ${k} declared twice`);
    nodeKinds[k] = provider ? { ...v, provider } : v;
  }
  for (const [k, v] of Object.entries(edges)) {
    if (edgeKinds[k] && edgeKinds[k] !== v) throw new Error(`edge kind ${k} declared twice`);
    edgeKinds[k] = v;
    if (provider) edgeKindOwners.set(k, provider);
  }
}

const edgeKindOwners = new Map<string, string>();

/** The provider that declared an edge kind; undefined for the core's shared kinds. */
export const edgeKindProvider = (kind: string): string | undefined => edgeKindOwners.get(kind);

export const isNodeKind = (k: string): boolean => Object.prototype.hasOwnProperty.call(nodeKinds, k);
export const isEdgeKind = (k: string): boolean => Object.prototype.hasOwnProperty.call(edgeKinds, k);

const UNKNOWN_NODE: NodeKindInfo = { label: 'Node', plural: 'nodes', category: 'resource', description: 'A kind no loaded provider declares' };
const UNKNOWN_EDGE: EdgeKindInfo = { label: 'edge', description: 'A kind no loaded provider declares' };

/** The kind's declaration, or a neutral one (a snapshot may name a provider not loaded). */
export function kindInfo(kind: string): NodeKindInfo {
  return isNodeKind(kind) ? nodeKinds[kind]! : { ...UNKNOWN_NODE, label: kind, plural: kind };
}

export function edgeKindInfo(kind: string): EdgeKindInfo {
  return isEdgeKind(kind) ? edgeKinds[kind]! : { ...UNKNOWN_EDGE, label: kind };
}

/** How many of a kind, in words: `1 access key`, `3 Kubernetes service accounts` (proper nouns kept). */
export function countOf(n: number, kind: string): string {
  const info = kindInfo(kind);
  if (n !== 1) return `${n} ${info.plural}`;
  return `1 ${/^(Kubernetes|Google|GCP|AWS|OIDC|KMS|IAM|Vault|Azure|Entra)\b/.test(info.label) ? info.label : info.label.charAt(0).toLowerCase() + info.label.slice(1)}`;
}

export const categoryOf = (kind: string): NodeCategory => kindInfo(kind).category;
export const isActorKind = (kind: string): boolean => kindInfo(kind).actor === true;
