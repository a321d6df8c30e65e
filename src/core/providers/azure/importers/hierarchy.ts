/**
 * The scope hierarchy above resource groups, which ARM ids do not tell: `az account
 * management-group show --name MG --expand --recurse` (a tree of `children`),
 * `az account management-group list` and `entities list` (each with its `parent`), and
 * `az account list` (subscriptions, with their names and tenant). Without them a subscription's
 * only known ancestor is the root scope `/`.
 */
import type { JsonImporter } from '../../../importers/types';
import { isRecord, own, ownString } from '../../../io/safe-object';
import { armKey, isGuid, parseArm } from '../ids';
import { AzureWriter, at, defined, detectItem, field, fieldString, forEachItem, label, typeName } from './common';

const HIERARCHY_TYPE = /^(microsoft\.management\/managementgroups|\/subscriptions)$/i;
/** A management-group tree deeper than this is not Azure's (it allows 6 levels below the root). */
const MAX_NODES = 100_000;

const isHierarchyNode = (r: Record<string, unknown>) => HIERARCHY_TYPE.test(ownString(r, 'type') ?? '') && typeof own(r, 'id') === 'string';
const isSubscriptionList = (r: Record<string, unknown>) => typeof own(r, 'isDefault') === 'boolean' && typeof own(r, 'tenantId') === 'string' && isGuid(ownString(r, 'id') ?? '');

/** Write one management group or subscription, described; returns its key. */
function hierarchyNode(w: AzureWriter, rec: Record<string, unknown>, where: string): string | undefined {
  const display = ownString(rec, 'id') ?? '';
  const key = armKey(display);
  const level = key ? parseArm(key)?.level : undefined;
  if (!key || (level !== 'managementGroup' && level !== 'subscription')) {
    w.b.warn(`${label(where)}: ${JSON.stringify(display.slice(0, 120))} is not a management group or subscription id; skipped`);
    return undefined;
  }
  const name = fieldString(rec, 'displayName') ?? ownString(rec, 'name') ?? display;
  w.scope(key, display, where, { name, attributes: defined({ tenantId: fieldString(rec, 'tenantId'), managementGroupName: level === 'managementGroup' ? ownString(rec, 'name') : undefined }) });
  return key;
}

function linkParent(w: AzureWriter, child: string, parentDisplay: string | undefined, where: string): void {
  if (!parentDisplay) return;
  const parent = armKey(parentDisplay);
  if (!parent || parseArm(parent)?.level !== 'managementGroup') return w.b.warn(`${where}: ${JSON.stringify(parentDisplay.slice(0, 120))} is not a management group id; parent ignored`);
  w.scope(parent, parentDisplay, where);
  if (parent !== child) w.b.edge('azure.childOf', child, parent, w.ev(where, { note: 'management group hierarchy' }));
}

function readHierarchy(w: AzureWriter, rec: Record<string, unknown>, where: string): void {
  const top = hierarchyNode(w, rec, where);
  if (!top) return;
  const details = field(rec, 'details');
  const parentId = ownString(own(details, 'parent'), 'id') ?? ownString(field(rec, 'parent'), 'id');
  linkParent(w, top, parentId, at(where, own(details, 'parent') !== undefined ? 'details.parent' : 'parent'));
  // `--expand --recurse`: children, walked without recursion (the data is attacker-controlled).
  const stack: { parent: string; list: unknown; where: string }[] = [{ parent: top, list: field(rec, 'children'), where: at(where, 'children') }];
  let seen = 0;
  while (stack.length && seen < MAX_NODES) {
    const { parent, list, where: lw } = stack.pop()!;
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      w.b.warn(`${lw}: expected a list of children, found ${typeName(list)}; ignored`);
      continue;
    }
    list.forEach((c, i) => {
      const cw = `${lw}[${i}]`;
      seen++;
      if (!isRecord(c)) return w.b.warn(`${cw}: not a management group or subscription (found ${typeName(c)}); skipped`);
      const child = hierarchyNode(w, c, cw);
      if (!child) return;
      if (child !== parent) w.b.edge('azure.childOf', child, parent, w.ev(cw, { note: 'management group hierarchy' }));
      stack.push({ parent: child, list: field(c, 'children'), where: `${cw}.children` });
    });
  }
}

export const managementGroupsImporter: JsonImporter = {
  format: 'azure.management-groups',
  label: 'Azure management groups (az account management-group show / list / entities list)',
  provider: 'azure',
  detect: detectItem(isHierarchyNode),
  read(docs, ctx) {
    const w = new AzureWriter(ctx);
    forEachItem(docs, ctx, (rec, where) => (isHierarchyNode(rec) ? readHierarchy(w, rec, where) : ctx.b.warn(`${label(where)}: not a management group or subscription; skipped`)), 'management group');
  },
};

export const subscriptionsImporter: JsonImporter = {
  format: 'azure.subscriptions',
  label: 'Azure subscriptions (az account list)',
  provider: 'azure',
  detect: detectItem(isSubscriptionList),
  read(docs, ctx) {
    const w = new AzureWriter(ctx);
    forEachItem(
      docs,
      ctx,
      (rec, where) => {
        const id = ownString(rec, 'id');
        if (!id || !isGuid(id)) return ctx.b.warn(`${label(where)}: not a subscription (no GUID id); skipped`);
        w.scope(`/subscriptions/${id.toLowerCase()}`, `/subscriptions/${id}`, where, { name: ownString(rec, 'name') ?? id, attributes: defined({ tenantId: ownString(rec, 'tenantId'), state: ownString(rec, 'state') }) });
      },
      'subscription',
    );
  },
};
