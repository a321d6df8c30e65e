/**
 * Cloud Asset Inventory: `gcloud asset export --content-type=iam-policy|resource` (NDJSON,
 * snake_case envelope: name, asset_type, iam_policy, resource.data, ancestors), `gcloud asset
 * list` and the API (the same, camelCase), JSON arrays of those (policy-library fixtures), the
 * Forseti dumps' `#` comment lines, and `gcloud asset search-all-iam-policies` (resource,
 * project, folders, organization, policy).
 *
 * Resource records this importer understands become nodes (hierarchy, service accounts and their
 * keys, custom roles, buckets, secrets); every other asset type is kept as a `gcp.resource` with
 * its type and counted; GKE RBAC objects are counted and left to the Kubernetes importers.
 */
import type { ImportContext, JsonImporter, TextImporter } from '../../../importers/types';
import { RejectFile } from '../../../importers/types';
import { isRecord, own, ownString, toArray } from '../../../io/safe-object';
import { depthWarnings, limitDepth, MAX_DATA_DEPTH } from '../../../io/depth';
import { readJsonDocuments } from '../../../io/json-documents';
import { scrubSecrets } from '../../../io/scrub-secrets';
import { CRM, IAM, hierarchyKind, kindOfAssetType, parseServiceAccountName, shortName } from '../names';
import { GcpWriter, at, defined, detectRecord, forEachItem, label, labelPairs, timeField } from './common';
import { readPolicy, type PolicyTarget } from './policy';
import { readKey, readRole, readServiceAccount } from './iam';
import { readSecret } from './secrets';

const assetTypeOf = (rec: unknown): string | undefined => ownString(rec, 'asset_type') ?? ownString(rec, 'assetType');
const isCaiRecord = (rec: Record<string, unknown>): boolean => typeof own(rec, 'name') === 'string' && assetTypeOf(rec) !== undefined;

/** Project number ↔ id pairs a CAI resource record tells (project records, service accounts). */
function learnProjects(w: GcpWriter, rec: unknown): void {
  const data = own(own(rec, 'resource'), 'data');
  const type = assetTypeOf(rec);
  if (type === 'cloudresourcemanager.googleapis.com/Project') w.projects.learn(ownString(data, 'projectNumber'), ownString(data, 'projectId'));
}

function readCai(docs: unknown[], ctx: ImportContext): void {
  const w = new GcpWriter(ctx);
  forEachItem(docs, ctx, (rec) => learnProjects(w, rec));
  forEachItem(docs, ctx, (rec, where) => readCaiRecord(w, rec, where), 'Cloud Asset Inventory record');
  w.noteOtherAssets();
}

function readCaiRecord(w: GcpWriter, rec: Record<string, unknown>, where: string): void {
  const name = ownString(rec, 'name');
  const type = assetTypeOf(rec);
  if (!name || !type) return w.b.warn(`${label(where)}: not a Cloud Asset Inventory record (no name or asset type); skipped`);
  if (!name.startsWith('//')) return w.b.warn(`${label(where)}: ${JSON.stringify(name.slice(0, 100))} is not a full resource name (//service.googleapis.com/...); skipped`);
  if (type.startsWith('rbac.authorization.k8s.io/')) {
    w.b.count('GKE RBAC asset (not imported)');
    w.b.note('GKE RBAC objects (rbac.authorization.k8s.io/*) in the asset export are counted but not imported here: export them from the cluster with kubectl (see the Kubernetes exports)');
    return;
  }
  const resource = own(rec, 'resource');
  const data = own(resource, 'data');
  const ancestors = toArray(own(rec, 'ancestors')).filter((a): a is string => typeof a === 'string');
  const policy = own(rec, 'iam_policy') ?? own(rec, 'iamPolicy');
  const described = isRecord(data);
  const target = caiNode(w, name, type, described ? data : undefined, where, described || policy !== undefined);
  if (!target) return;
  // Hierarchy: the ancestors (nearest first), else the resource's parent.
  if (ancestors.length) w.ancestry(target.id, ancestors, at(where, 'ancestors'));
  else {
    const parent = ownString(resource, 'parent') ?? (hierarchyKind(ownString(data, 'parent') ?? '') ? ownString(data, 'parent') : undefined) ?? w.parentShort(own(data, 'parent'));
    if (parent) w.childOf(target.id, parent, at(where, 'resource.parent'));
    else if (!target.id.startsWith(CRM)) {
      const scope = w.scopeOfName(name);
      if (scope) w.childOf(target.id, `projects/${scope}`, where, 'project named in the resource name');
    }
  }
  if (policy !== undefined) readPolicy(w, policy, target, at(where, own(rec, 'iam_policy') !== undefined ? 'iam_policy' : 'iamPolicy'));
  if (own(rec, 'org_policy') !== undefined || own(rec, 'orgPolicy') !== undefined) w.b.count('organization policy (not evaluated)');
  if (own(rec, 'access_policy') !== undefined || own(rec, 'accessPolicy') !== undefined) w.b.count('access policy (not evaluated)');
}

/** The node a CAI record describes (or names), and the target its IAM policy applies to. */
function caiNode(w: GcpWriter, name: string, type: string, data: Record<string, unknown> | undefined, where: string, described: boolean): PolicyTarget | undefined {
  const dw = at(where, 'resource.data');
  switch (type) {
    case 'cloudresourcemanager.googleapis.com/Organization':
    case 'cloudresourcemanager.googleapis.com/Folder':
    case 'cloudresourcemanager.googleapis.com/Project': {
      const attrs = data ? hierarchyAttributes(w, data, dw) : {};
      const display = ownString(data, 'displayName') ?? (type.endsWith('Project') ? ownString(data, 'projectId') : undefined);
      const id = w.hierarchyFromName(name, attrs, !described, display);
      if (!id) {
        w.b.warn(`${label(where)}: ${JSON.stringify(name.slice(0, 100))} is not a ${type.split('/')[1]} name; skipped`);
        return undefined;
      }
      return { id, name: id };
    }
    case 'iam.googleapis.com/ServiceAccount': {
      const parsed = name.startsWith(IAM) ? parseServiceAccountName(name.slice(IAM.length)) : undefined;
      const email = ownString(data, 'email')?.toLowerCase() ?? (parsed?.account.includes('@') ? parsed.account : undefined);
      if (email) {
        const id = data ? readServiceAccount(w, { ...data, email }, dw, name) : readServiceAccount(w, { email, name: name.slice(IAM.length) }, where, name, true);
        return { id, name };
      }
      // Named by unique id only: the analysis ties the policy to the account when an export names both.
      return { id: name, name };
    }
    case 'iam.googleapis.com/ServiceAccountKey': {
      if (data) readKey(w, { name: name.slice(IAM.length), ...data }, dw, name);
      return { id: name, name };
    }
    case 'iam.googleapis.com/Role': {
      const roleName = ownString(data, 'name') ?? name.replace(/^\/\/iam\.googleapis\.com\//, '');
      if (data) readRole(w, { ...data, name: roleName }, dw);
      else w.role(roleName);
      return { id: roleName, name };
    }
    case 'secretmanager.googleapis.com/Secret': {
      const id = data ? readSecret(w, { ...data, name: ownString(data, 'name') ?? name.replace(/^\/\/secretmanager\.googleapis\.com\//, '') }, dw) : undefined;
      if (id) return { id, name: id };
      break;
    }
  }
  const id = w.projects.canonical(name);
  const kind = kindOfAssetType(type);
  const attrs = defined({
    assetType: type,
    created: timeField(w.ctx, data, 'timeCreated', dw) ?? timeField(w.ctx, data, 'createTime', dw) ?? timeField(w.ctx, data, 'creationTimestamp', dw),
    location: ownString(data, 'location'),
    labels: labelPairs(own(data, 'labels')),
  });
  const projectNumber = ownString(data, 'projectNumber');
  const account = w.scopeOfName(id) ?? (projectNumber ? w.projects.project(projectNumber) : undefined);
  w.b.node({ id, kind, name: ownString(data, 'name') && kind === 'gcp.bucket' ? ownString(data, 'name')! : shortName(id), account, attributes: attrs, placeholder: !described });
  if (kind === 'gcp.resource') w.otherAssets.set(type || 'unknown', (w.otherAssets.get(type || 'unknown') ?? 0) + 1);
  return { id, name: id };
}

function hierarchyAttributes(w: GcpWriter, data: Record<string, unknown>, where: string): Record<string, unknown> {
  return defined({
    displayName: ownString(data, 'displayName') ?? ownString(data, 'name'),
    state: ownString(data, 'lifecycleState') ?? ownString(data, 'state'),
    created: timeField(w.ctx, data, 'createTime', where) ?? timeField(w.ctx, data, 'creationTime', where),
    labels: labelPairs(own(data, 'labels')),
    directoryCustomerId: ownString(own(data, 'owner'), 'directoryCustomerId'),
  });
}

export const caiImporter: JsonImporter = {
  format: 'gcp.cloud-asset-inventory',
  label: 'GCP Cloud Asset Inventory export',
  provider: 'gcp',
  detect: detectRecord(isCaiRecord),
  read: readCai,
};

/**
 * Asset exports with `#` comment lines before the first record (the Forseti dumps): not JSON
 * to the core's sniffing, so read here as text. The JSON reader skips `#` lines between records.
 */
export const caiCommentedImporter: TextImporter = {
  format: 'gcp.cloud-asset-inventory',
  label: 'GCP Cloud Asset Inventory export (with # comments)',
  provider: 'gcp',
  detect(text) {
    if (!/^\s*#/.test(text)) return false;
    const first = text.split(/\r?\n/, 200).find((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    return first !== undefined && first.trimStart().startsWith('{') && /"(asset_type|assetType)"\s*:/.test(first);
  },
  read(text, ctx) {
    const read = readJsonDocuments(text);
    if (read.error) {
      if (!read.docs.length) throw new RejectFile(read.error.message);
      ctx.b.warn(`${read.error.message}; the ${read.docs.length} record(s) before it were imported`);
    }
    read.docs.forEach((doc, i) => {
      // Read here rather than by importFile, so cut to depth here (see io/depth.ts).
      for (const w of depthWarnings(limitDepth(doc, MAX_DATA_DEPTH, `line ${read.startLines[i]}`), MAX_DATA_DEPTH)) ctx.b.warn(w);
      const s = scrubSecrets(doc, `line ${read.startLines[i]}`);
      ctx.b.droppedSecrets += s.dropped;
    });
    ctx.docPrefix = (i) => `line ${read.startLines[i] ?? '?'}: `;
    ctx.b.keptDocs = read.docs;
    readCai(read.docs, ctx);
  },
};

// ---------------------------------------------------------------------------------------------

const isSearchResult = (rec: Record<string, unknown>): boolean => typeof own(rec, 'resource') === 'string' && isRecord(own(rec, 'policy'));

/** `gcloud asset search-all-iam-policies`: one policy per resource, with its project and folders. */
export const iamSearchImporter: JsonImporter = {
  format: 'gcp.search-all-iam-policies',
  label: 'GCP search-all-iam-policies',
  provider: 'gcp',
  detect: detectRecord(isSearchResult),
  read(docs, ctx) {
    const w = new GcpWriter(ctx);
    let filtered = false;
    forEachItem(
      docs,
      ctx,
      (rec, where) => {
        const name = ownString(rec, 'resource');
        if (!name?.startsWith('//')) return w.b.warn(`${label(where)}: search result without a full resource name (//service.googleapis.com/...); skipped`);
        const type = ownString(rec, 'assetType') ?? ownString(rec, 'asset_type') ?? '';
        const target = caiNode(w, name, type, undefined, where, true);
        if (!target) return;
        const chain = [ownString(rec, 'project'), ...toArray(own(rec, 'folders')), ownString(rec, 'organization')].filter((a): a is string => typeof a === 'string' && a !== '');
        w.ancestry(target.id, chain, where);
        readPolicy(w, own(rec, 'policy'), target, at(where, 'policy'));
        if (own(rec, 'explanation') !== undefined) filtered = true;
      },
      'search result',
    );
    w.noteOtherAssets();
    if (filtered) ctx.b.note('these results carry an explanation, so they come from a search with --query, which returns only the matching bindings of each policy: run it without --query for whole policies');
  },
};
