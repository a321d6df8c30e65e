/**
 * Remediation plan lines: for each simulated removal, the exact object to change in the provider,
 * in the provider's own words (AWS: "detach policy ARN from role X"; Kubernetes: "delete
 * RoleBinding ns/name"; GCP: "remove member M from role R on resource"...), with the CLI command
 * where one call does it and the evidence (file and record) that shows where the object is.
 * Read from the graph as imported, before the change is applied.
 */
import type { BlastGraph } from '../graph/graph';
import { edgeKindInfo, kindInfo } from '../model/kinds';
import type { EdgeAttributes, Evidence, NodeAttributes } from '../model/types';
import { shortName } from './common';

export interface PlanAction {
  /** Provider whose object changes (`aws`, `kubernetes`, `gcp`, `azure`, `vault`, `any`). */
  provider: string;
  /** What to do, naming the exact object. */
  action: string;
  /** A command that does it, where one call does (shell words; names quoted as given). */
  command?: string;
  /** Node or edge ids the action is about. */
  objects: string[];
  /** Where the object is described in the exports. */
  evidence: Evidence[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** A shell word: names from exports are quoted unless plainly safe. */
export const shellWord = (s: string): string => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

function node(g: BlastGraph, id: string): NodeAttributes | undefined {
  return g.hasNode(id) ? g.getNodeAttributes(id) : undefined;
}

const nameOf = (g: BlastGraph, id: string): string => node(g, id)?.name || id;

/** "role ci-deployer" / "user svc-jenkins-deploy" / "Kubernetes service account ci/bot". */
function described(g: BlastGraph, id: string): string {
  const n = node(g, id);
  if (!n) return id;
  const label = kindInfo(n.kind).label;
  const word = /^(Kubernetes|Google|GCP|AWS|OIDC|KMS|IAM|Vault|Azure|Entra)\b/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1);
  return `${word} ${n.name}`;
}

const AWS_PRINCIPAL_VERB: Record<string, string> = { user: 'user', role: 'role', group: 'group' };

// ---- AWS ----

function awsPolicyAttachment(g: BlastGraph, key: string, e: EdgeAttributes, source: string, target: string): PlanAction {
  const holder = node(g, source);
  const holderKind = holder?.kind ?? '';
  const holderName = nameOf(g, source);
  const via = str(e.attributes.via);
  const objects = [key, source, target];
  const evidence = e.evidence;
  const verb = AWS_PRINCIPAL_VERB[holderKind];
  if (via === 'inline') {
    const policyName = nameOf(g, target);
    return {
      provider: 'aws',
      action: `delete inline policy ${policyName} of ${holderKind} ${holderName} (${source})`,
      ...(verb ? { command: `aws iam delete-${verb}-policy --${verb}-name ${shellWord(holderName)} --policy-name ${shellWord(policyName)}` } : {}),
      objects,
      evidence,
    };
  }
  if (via === 'boundary') {
    return {
      provider: 'aws',
      action: `remove the permissions boundary ${target} of ${holderKind} ${holderName} (${source}); note that without a boundary its own policies apply in full`,
      ...(verb === 'user' || verb === 'role' ? { command: `aws iam delete-${verb}-permissions-boundary --${verb}-name ${shellWord(holderName)}` } : {}),
      objects,
      evidence,
    };
  }
  if (via === 'resource') {
    const t = holder;
    const bucket = /^arn:[^:]+:s3:::([^/]+)$/.exec(source)?.[1];
    const command = bucket
      ? `aws s3api delete-bucket-policy --bucket ${shellWord(bucket)}`
      : /:secretsmanager:/.test(source)
        ? `aws secretsmanager delete-resource-policy --secret-id ${shellWord(source)}`
        : undefined;
    return { provider: 'aws', action: `delete the resource policy of ${t ? described(g, source) : source} (${source})${/:kms:/.test(source) ? ' (a key policy cannot be deleted: rewrite it with put-key-policy)' : ''}`, ...(command ? { command } : {}), objects, evidence };
  }
  if (node(g, target)?.kind === 'scp') {
    const policyId = str(node(g, target)?.attributes.policyId) ?? target.replace(/^aws-org-policy:/, '');
    const targetId = source.startsWith('aws-org:') ? source.slice('aws-org:'.length) : (/^arn:[^:]+:iam::(\d{12}):root$/.exec(source)?.[1] ?? source);
    return { provider: 'aws', action: `detach service control policy ${nameOf(g, target)} (${policyId}) from ${targetId}`, command: `aws organizations detach-policy --policy-id ${shellWord(policyId)} --target-id ${shellWord(targetId)}`, objects, evidence };
  }
  return {
    provider: 'aws',
    action: `detach policy ${target} from ${holderKind || 'principal'} ${holderName} (${source})`,
    ...(verb ? { command: `aws iam detach-${verb}-policy --${verb}-name ${shellWord(holderName)} --policy-arn ${shellWord(target)}` } : {}),
    objects,
    evidence,
  };
}

/** How to write a policy back without some of its statements (AWS keeps no statement-level call). */
function awsPolicyRewrite(g: BlastGraph, policy: string): string | undefined {
  const n = node(g, policy);
  if (!n) return undefined;
  if (n.kind === 'managedPolicy') return `aws iam create-policy-version --policy-arn ${shellWord(policy)} --set-as-default --policy-document file://${shellWord(`${n.name}.json`)}`;
  if (n.kind === 'inlinePolicy') {
    const holder = str(n.attributes.inlineOf);
    const hk = holder ? node(g, holder)?.kind : undefined;
    const verb = hk ? AWS_PRINCIPAL_VERB[hk] : undefined;
    if (holder && verb) return `aws iam put-${verb}-policy --${verb}-name ${shellWord(nameOf(g, holder))} --policy-name ${shellWord(n.name)} --policy-document file://${shellWord(`${n.name}.json`)}`;
  }
  if (n.kind === 'scp') return `aws organizations update-policy --policy-id ${shellWord(str(n.attributes.policyId) ?? policy.replace(/^aws-org-policy:/, ''))} --content file://${shellWord(`${n.name}.json`)}`;
  if (n.kind === 'resourcePolicy') {
    const resource = str(n.attributes.resource) ?? '';
    const bucket = /^arn:[^:]+:s3:::([^/]+)$/.exec(resource)?.[1];
    if (bucket) return `aws s3api put-bucket-policy --bucket ${shellWord(bucket)} --policy file://policy.json`;
    if (/:secretsmanager:/.test(resource)) return `aws secretsmanager put-resource-policy --secret-id ${shellWord(resource)} --resource-policy file://policy.json`;
    if (/:kms:/.test(resource)) return `aws kms put-key-policy --key-id ${shellWord(resource)} --policy-name default --policy file://policy.json`;
  }
  return undefined;
}

/** A statement in a few words: its Sid (or #index), effect and actions. */
export function statementSummary(st: unknown, index: number): string {
  const s = (typeof st === 'object' && st !== null ? st : {}) as Record<string, unknown>;
  const sid = str(s.Sid) ? `Sid ${String(s.Sid)}` : `#${index}`;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : typeof v === 'string' ? [v] : []) as string[];
  const actions = list(s.Action);
  const notActions = list(s.NotAction);
  const what = actions.length ? actions.slice(0, 4).join(', ') + (actions.length > 4 ? `, … (${actions.length})` : '') : notActions.length ? `NotAction ${notActions.slice(0, 3).join(', ')}` : '';
  return `${sid}${str(s.Effect) ? ` (${String(s.Effect)}${what ? ` ${what}` : ''})` : ''}`;
}

export function planStatementRemoval(g: BlastGraph, policy: string, attribute: 'document' | 'trustPolicy', statements: { index: number; statement: unknown }[]): PlanAction {
  const n = node(g, policy);
  const list = statements.map((s) => statementSummary(s.statement, s.index)).join('; ');
  const word = statements.length === 1 ? 'statement' : 'statements';
  if (attribute === 'trustPolicy') {
    return {
      provider: 'aws',
      action: `delete ${word} ${list} from the trust policy of role ${nameOf(g, policy)} (${policy})`,
      command: `aws iam update-assume-role-policy --role-name ${shellWord(nameOf(g, policy))} --policy-document file://${shellWord(`${nameOf(g, policy)}-trust.json`)}`,
      objects: [policy],
      evidence: [],
    };
  }
  const command = awsPolicyRewrite(g, policy);
  const resource = n?.kind === 'resourcePolicy' ? str(n.attributes.resource) : undefined;
  const holder = n?.kind === 'inlinePolicy' ? str(n.attributes.inlineOf) : undefined;
  const what = resource
    ? `the resource policy of ${described(g, resource)} (${resource})`
    : holder
      ? `inline policy ${n!.name} of ${described(g, holder)} (${holder})`
      : `${n ? kindInfo(n.kind).label.toLowerCase() : 'policy'} ${n?.name ?? policy} (${policy})`;
  return {
    provider: n?.provider ?? 'aws',
    action: `delete ${word} ${list} from ${what}${n?.kind === 'managedPolicy' ? ': write a new default version without it' : ''}`,
    ...(command ? { command } : {}),
    objects: [policy],
    evidence: [],
  };
}

/** Removing one principal from statements of a trust or resource policy (other principals stay). */
export function planPrincipalRemoval(g: BlastGraph, key: string, e: EdgeAttributes, source: string, target: string): PlanAction {
  const statements = [...new Set(e.evidence.map((v) => v.statement).filter((s): s is string => Boolean(s)))];
  const st = statements.length ? ` (statement${statements.length === 1 ? '' : 's'} ${statements.join(', ')})` : '';
  if (e.kind === 'canAssume') {
    return {
      provider: 'aws',
      action: `remove ${source} from the trust policy of role ${nameOf(g, target)} (${target})${st}`,
      command: `aws iam update-assume-role-policy --role-name ${shellWord(nameOf(g, target))} --policy-document file://${shellWord(`${nameOf(g, target)}-trust.json`)}`,
      objects: [key, source, target],
      evidence: e.evidence,
    };
  }
  const policy = e.evidence.find((v) => v.policy)?.policy;
  const command = policy ? awsPolicyRewrite(g, policy) : undefined;
  return { provider: 'aws', action: `remove ${source} from the resource policy of ${described(g, target)} (${target})${st}`, ...(command ? { command } : {}), objects: [key, source, target], evidence: e.evidence };
}

function awsCredential(g: BlastGraph, id: string, n: NodeAttributes, owner: string | undefined): PlanAction {
  const user = owner ? nameOf(g, owner) : undefined;
  const evidence = describedEvidence(n);
  if (n.kind === 'accessKey') {
    const keyId = str(n.attributes.accessKeyId);
    const slot = typeof n.attributes.slot === 'number' ? n.attributes.slot : undefined;
    const which = keyId ?? (slot !== undefined ? `in slot ${slot} (its id: aws iam list-access-keys --user-name ${shellWord(user ?? '?')})` : id);
    return {
      provider: 'aws',
      action: `deactivate, then delete access key ${which} of user ${user ?? '?'}${owner ? ` (${owner})` : ''}`,
      ...(keyId && user ? { command: `aws iam delete-access-key --user-name ${shellWord(user)} --access-key-id ${shellWord(keyId)}` } : {}),
      objects: [id],
      evidence,
    };
  }
  if (n.kind === 'password') {
    return { provider: 'aws', action: `delete the console password (login profile) of user ${user ?? '?'}${owner ? ` (${owner})` : ''}`, ...(user ? { command: `aws iam delete-login-profile --user-name ${shellWord(user)}` } : {}), objects: [id], evidence };
  }
  if (n.kind === 'certificate') {
    const certId = str(n.attributes.certificateId);
    return { provider: 'aws', action: `delete signing certificate ${certId ?? n.name} of user ${user ?? '?'}`, ...(certId && user ? { command: `aws iam delete-signing-certificate --user-name ${shellWord(user)} --certificate-id ${shellWord(certId)}` } : {}), objects: [id], evidence };
  }
  return { provider: 'aws', action: `delete ${described(g, id)} (${id})`, objects: [id], evidence };
}

function awsIdentity(g: BlastGraph, id: string, n: NodeAttributes): PlanAction {
  const evidence = describedEvidence(n);
  if (n.kind === 'user') {
    return { provider: 'aws', action: `delete IAM user ${n.name} (${id}): first its access keys, login profile, signing certificates, MFA devices, inline policies, attached policies and group memberships`, command: `aws iam delete-user --user-name ${shellWord(n.name)}`, objects: [id], evidence };
  }
  if (n.kind === 'role') {
    return { provider: 'aws', action: `delete IAM role ${n.name} (${id}): first detach its policies, delete its inline policies and remove it from its instance profiles`, command: `aws iam delete-role --role-name ${shellWord(n.name)}`, objects: [id], evidence };
  }
  if (n.kind === 'group') return { provider: 'aws', action: `delete IAM group ${n.name} (${id}) after removing its members and policies`, command: `aws iam delete-group --group-name ${shellWord(n.name)}`, objects: [id], evidence };
  if (n.kind === 'instanceProfile') return { provider: 'aws', action: `delete instance profile ${n.name} (${id})`, command: `aws iam delete-instance-profile --instance-profile-name ${shellWord(n.name)}`, objects: [id], evidence };
  return { provider: 'aws', action: `delete ${described(g, id)} (${id})`, objects: [id], evidence };
}

// ---- Kubernetes ----

const k8sParts = (id: string) => /^k8s:([^:]*):([^:]+):(?:([^/]*)\/)?(.*)$/.exec(id);

function k8sBinding(g: BlastGraph, key: string, e: EdgeAttributes, source: string, target: string): PlanAction {
  const bindingKind = str(e.attributes.bindingKind) ?? 'RoleBinding';
  const binding = str(e.attributes.binding) ?? '?';
  const bindingId = str(e.attributes.bindingId);
  const namespace = str(e.attributes.namespace);
  const name = namespace && binding.startsWith(`${namespace}/`) ? binding.slice(namespace.length + 1) : binding;
  // Other subjects of the same binding keep it: remove this subject only.
  let subjects = 0;
  if (bindingId) g.forEachInEdge(target, (_k, x) => void (x.kind === 'k8s.bindsRole' && x.attributes.bindingId === bindingId && subjects++));
  const cluster = node(g, target)?.account ?? k8sParts(target)?.[1];
  const where = cluster ? ` in cluster ${cluster}` : '';
  if (subjects > 1) {
    return { provider: 'kubernetes', action: `remove subject ${described(g, source)} from ${bindingKind} ${binding}${where} (it binds ${nameOf(g, target)}; ${subjects - 1} other subject(s) keep it)`, command: `kubectl edit ${bindingKind.toLowerCase()} ${shellWord(name)}${namespace ? ` -n ${shellWord(namespace)}` : ''}`, objects: [key, ...(bindingId ? [bindingId] : [])], evidence: e.evidence };
  }
  return { provider: 'kubernetes', action: `delete ${bindingKind} ${binding}${where} (binds ${nameOf(g, target)} to ${nameOf(g, source)})`, command: `kubectl delete ${bindingKind.toLowerCase()} ${shellWord(name)}${namespace ? ` -n ${shellWord(namespace)}` : ''}`, objects: [key, ...(bindingId ? [bindingId] : [])], evidence: e.evidence };
}

function k8sObject(id: string, n: NodeAttributes, what: string): PlanAction {
  const p = k8sParts(id);
  const ns = str(n.attributes.namespace) ?? p?.[3];
  const objectName = str(n.attributes.objectName) ?? p?.[4] ?? n.name;
  const resource = what === 'Secret' ? 'secret' : what === 'ServiceAccount' ? 'serviceaccount' : what.toLowerCase();
  return { provider: 'kubernetes', action: `delete ${what} ${ns ? `${ns}/` : ''}${objectName}${n.account ? ` in cluster ${n.account}` : ''}`, command: `kubectl delete ${resource} ${shellWord(objectName)}${ns ? ` -n ${shellWord(ns)}` : ''}`, objects: [id], evidence: describedEvidence(n) };
}

// ---- GCP ----

function gcpBinding(key: string, e: EdgeAttributes, source: string, target: string): PlanAction {
  const resource = str(e.attributes.resource) ?? e.evidence.find((v) => v.policy)?.policy ?? '?';
  const member = source;
  const role = target;
  const project = /^\/\/cloudresourcemanager\.googleapis\.com\/projects\/([^/]+)$/.exec(resource)?.[1];
  const sa = /^serviceAccount:(.+)$/.exec(resource)?.[1] ?? /\/serviceAccounts\/([^/]+)$/.exec(resource)?.[1];
  const condition = e.evidence.find((v) => v.condition)?.condition;
  const cond = condition ? ' (the binding with its condition)' : '';
  const command = project
    ? `gcloud projects remove-iam-policy-binding ${shellWord(project)} --member=${shellWord(member)} --role=${shellWord(role)}${condition ? ' --condition=…' : ''}`
    : sa
      ? `gcloud iam service-accounts remove-iam-policy-binding ${shellWord(sa)} --member=${shellWord(member)} --role=${shellWord(role)}`
      : undefined;
  return { provider: 'gcp', action: `remove member ${member} from role ${role} on ${resource}${cond}`, ...(command ? { command } : {}), objects: [key], evidence: e.evidence };
}

function gcpNode(g: BlastGraph, id: string, n: NodeAttributes, owner: string | undefined): PlanAction {
  const evidence = describedEvidence(n);
  if (n.kind === 'gcp.serviceAccountKey') {
    const keyId = str(n.attributes.keyId) ?? id.slice(id.lastIndexOf('/') + 1);
    const email = owner?.replace(/^serviceAccount:/, '');
    return { provider: 'gcp', action: `delete key ${keyId} of service account ${email ?? '?'}`, command: `gcloud iam service-accounts keys delete ${shellWord(keyId)}${email ? ` --iam-account=${shellWord(email)}` : ''}`, objects: [id], evidence };
  }
  if (n.kind === 'gcp.serviceAccount') {
    const email = id.replace(/^serviceAccount:/, '');
    return { provider: 'gcp', action: `delete service account ${email} (or disable it first: gcloud iam service-accounts disable)`, command: `gcloud iam service-accounts delete ${shellWord(email)}`, objects: [id], evidence };
  }
  return { provider: 'gcp', action: `delete ${described(g, id)} (${id})`, objects: [id], evidence };
}

// ---- Azure ----

function azureEdge(g: BlastGraph, key: string, e: EdgeAttributes, source: string, target: string): PlanAction | undefined {
  if (e.kind === 'azure.roleAssignment') {
    const id = str(e.attributes.assignmentId) ?? e.evidence.find((v) => v.policy)?.policy ?? key;
    return { provider: 'azure', action: `delete role assignment ${id} (${str(e.attributes.roleName) ?? nameOf(g, target)} for ${nameOf(g, source)} at ${str(e.attributes.scope) ?? '?'})`, command: `az role assignment delete --ids ${shellWord(id)}`, objects: [key], evidence: e.evidence };
  }
  if (e.kind === 'azure.directoryRoleAssignment') {
    const id = str(e.attributes.assignmentId);
    return { provider: 'azure', action: `remove directory role ${nameOf(g, target)} from ${nameOf(g, source)} (${source})${id ? `: role assignment ${id}` : ''}`, ...(id ? { command: `az rest --method DELETE --url ${shellWord(`https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments/${id}`)}` } : {}), objects: [key], evidence: e.evidence };
  }
  if (e.kind === 'azure.accessPolicy') return { provider: 'azure', action: `remove the access policy of ${nameOf(g, source)} (${source}) from key vault ${nameOf(g, target)}`, objects: [key], evidence: e.evidence };
  if (e.kind === 'azure.ownerOf') return { provider: 'azure', action: `remove ${nameOf(g, source)} (${source}) from the owners of ${nameOf(g, target)} (${target})`, objects: [key], evidence: e.evidence };
  return undefined;
}

function azureNode(g: BlastGraph, id: string, n: NodeAttributes, owner: string | undefined): PlanAction {
  const evidence = describedEvidence(n);
  if (n.kind === 'azure.credential') {
    const keyId = str(n.attributes.keyId) ?? id;
    const app = owner ? (str(node(g, owner)?.attributes.appId) ?? owner) : '?';
    const holder = str(n.attributes.holder) === 'service principal' ? 'sp' : 'app';
    return { provider: 'azure', action: `remove ${str(n.attributes.credentialType) ?? 'credential'} ${keyId}${str(n.attributes.displayName) ? ` (${String(n.attributes.displayName)})` : ''} of ${owner ? nameOf(g, owner) : '?'} (${owner ?? '?'})`, command: `az ad ${holder} credential delete --id ${shellWord(app)} --key-id ${shellWord(keyId)}${str(n.attributes.credentialType) === 'certificate' ? ' --cert' : ''}`, objects: [id], evidence };
  }
  if (n.kind === 'azure.federatedCredential') return { provider: 'azure', action: `delete federated credential ${n.name} (${id})`, objects: [id], evidence };
  if (n.kind === 'azure.servicePrincipal' || n.kind === 'azure.managedIdentity' || n.kind === 'azure.user' || n.kind === 'azure.application' || n.kind === 'azure.group') {
    const objectId = id.replace(/^azure:[a-z]+:/, '');
    const cmd = n.kind === 'azure.servicePrincipal' ? `az ad sp delete --id ${shellWord(objectId)}` : n.kind === 'azure.user' ? `az ad user delete --id ${shellWord(objectId)}` : n.kind === 'azure.application' ? `az ad app delete --id ${shellWord(str(n.attributes.appId) ?? objectId)}` : n.kind === 'azure.group' ? `az ad group delete --group ${shellWord(objectId)}` : undefined;
    return { provider: 'azure', action: `delete ${described(g, id)} (${id})`, ...(cmd ? { command: cmd } : {}), objects: [id], evidence };
  }
  return { provider: 'azure', action: `delete ${described(g, id)} (${id})`, objects: [id], evidence };
}

// ---- neutral ----

function describedEvidence(n: NodeAttributes): Evidence[] {
  const file = str(n.attributes.describedIn);
  return file ? [{ file, location: str(n.attributes.describedAt) ?? '' }] : [];
}

/** The owner of a credential: where its `credentialOf` edge leads. */
export function credentialOwner(g: BlastGraph, id: string): string | undefined {
  let owner: string | undefined;
  if (g.hasNode(id)) g.forEachOutEdge(id, (_k, e, _s, t) => void (e.kind === 'credentialOf' && owner === undefined && (owner = t)));
  return owner;
}

/** What removing one imported edge means in its provider. */
export function planEdgeRemoval(g: BlastGraph, key: string): PlanAction {
  const e = g.getEdgeAttributes(key);
  const source = g.source(key);
  const target = g.target(key);
  if (e.kind === 'hasPolicy' && (node(g, source)?.provider === 'aws' || node(g, target)?.provider === 'aws')) return awsPolicyAttachment(g, key, e, source, target);
  if (e.kind === 'hasPolicy' && node(g, target)?.kind === 'azure.federatedCredential') return azureNode(g, target, node(g, target)!, source);
  if (e.kind === 'canAssume' || (e.kind === 'grants' && node(g, target)?.provider === 'aws')) return planPrincipalRemoval(g, key, e, source, target);
  if (e.kind === 'memberOf') {
    const s = node(g, source);
    const t = node(g, target);
    if (s?.kind === 'user' && t?.kind === 'group' && s.provider === 'aws') {
      return { provider: 'aws', action: `remove user ${s.name} from group ${t.name} (${target})`, command: `aws iam remove-user-from-group --user-name ${shellWord(s.name)} --group-name ${shellWord(t.name)}`, objects: [key, source, target], evidence: e.evidence };
    }
    return { provider: t?.provider ?? s?.provider ?? 'any', action: `remove ${described(g, source)} (${source}) from ${described(g, target)} (${target})`, objects: [key, source, target], evidence: e.evidence };
  }
  if (e.kind === 'hasRole') {
    return { provider: 'aws', action: `remove role ${nameOf(g, target)} from instance profile ${nameOf(g, source)}`, command: `aws iam remove-role-from-instance-profile --instance-profile-name ${shellWord(nameOf(g, source))} --role-name ${shellWord(nameOf(g, target))}`, objects: [key], evidence: e.evidence };
  }
  if (e.kind === 'k8s.bindsRole') return k8sBinding(g, key, e, source, target);
  if (e.kind === 'k8s.mapsTo') {
    return { provider: 'kubernetes', action: `remove the mapping of ${source} to ${nameOf(g, target)} in cluster ${node(g, target)?.account ?? '?'} (aws-auth ConfigMap entry or EKS access entry)`, objects: [key], evidence: e.evidence };
  }
  if (e.kind === 'gcp.grantedRole' || e.kind === 'gcp.workloadIdentityUser') return gcpBinding(key, e, source, target);
  const az = e.kind.startsWith('azure.') ? azureEdge(g, key, e, source, target) : undefined;
  if (az) return az;
  if (e.kind === 'credentialOf') return { provider: node(g, source)?.provider ?? 'any', action: `stop ${described(g, source)} (${source}) holding a credential of ${described(g, target)}: rotate the credential it holds and remove the copy (or correct the secret mapping)`, objects: [key], evidence: e.evidence };
  if (e.kind === 'runsAs') return { provider: node(g, source)?.provider ?? 'any', action: `change the identity ${described(g, source)} (${source}) runs as (now ${described(g, target)})`, objects: [key], evidence: e.evidence };
  const provider = node(g, target)?.provider ?? node(g, source)?.provider ?? 'any';
  return { provider: provider === 'any' ? (node(g, source)?.provider ?? 'any') : provider, action: `remove the ${edgeKindInfo(e.kind).label} grant from ${described(g, source)} (${source}) to ${described(g, target)} (${target})`, objects: [key], evidence: e.evidence };
}

/** A federation the analysis drew (e.g. IRSA, workload identity): change either side it rests on. */
export function planDerivedFederation(g: BlastGraph, key: string): PlanAction {
  const e = g.getEdgeAttributes(key);
  const source = g.source(key);
  const target = g.target(key);
  const sides = [...new Set(e.evidence.map((v) => `${v.file}: ${v.location}${v.statement ? ` (statement ${v.statement})` : ''}`))];
  return {
    provider: node(g, target)?.provider ?? 'any',
    action: `end the federation of ${described(g, source)} (${source}) into ${described(g, target)} (${target})${typeof e.attributes.techniqueName === 'string' ? ` (${e.attributes.techniqueName})` : ''}: remove either side of it: ${sides.join('; ')}`,
    objects: [key],
    evidence: e.evidence,
  };
}

/** What removing one node (a credential, a federation object, a whole identity) means in its provider. */
export function planNodeRemoval(g: BlastGraph, id: string): PlanAction {
  const n = g.getNodeAttributes(id);
  const owner = credentialOwner(g, id);
  if (n.provider === 'aws') return kindInfo(n.kind).category === 'credential' ? awsCredential(g, id, n, owner) : awsIdentity(g, id, n);
  if (n.provider === 'kubernetes') {
    if (n.kind === 'k8s.serviceAccountToken' || n.kind === 'k8s.secret') return k8sObject(id, n, 'Secret');
    if (n.kind === 'k8s.serviceAccount') return k8sObject(id, n, 'ServiceAccount');
    if (n.kind === 'k8s.user' || n.kind === 'k8s.group') {
      return { provider: 'kubernetes', action: `remove every binding and mapping of ${described(g, id)} in cluster ${n.account ?? '?'} (users and groups are not objects of the cluster)`, objects: [id], evidence: describedEvidence(n) };
    }
  }
  if (n.provider === 'gcp') return gcpNode(g, id, n, owner);
  if (n.provider === 'azure') return azureNode(g, id, n, owner);
  return { provider: n.provider, action: `delete ${described(g, id)} (${shortName(g, id)})`, objects: [id], evidence: describedEvidence(n) };
}
