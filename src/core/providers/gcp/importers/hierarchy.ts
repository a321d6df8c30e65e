/**
 * The resource hierarchy: `gcloud projects list|describe`, `gcloud resource-manager folders list`
 * and `gcloud organizations list` (v1 and v3 API shapes). They tell which folder or organization
 * each project sits under (inheritance) and the project number behind each project id.
 */
import type { JsonImporter } from '../../../importers/types';
import { own, ownString } from '../../../io/safe-object';
import { GcpWriter, at, defined, detectRecord, forEachItem, label, labelPairs, timeField } from './common';

const isProjectRecord = (r: Record<string, unknown>) => typeof own(r, 'projectId') === 'string' && (own(r, 'projectNumber') !== undefined || own(r, 'lifecycleState') !== undefined || own(r, 'state') !== undefined);

export const projectsImporter: JsonImporter = {
  format: 'gcp.projects',
  label: 'GCP projects (projects list / describe)',
  provider: 'gcp',
  detect: detectRecord(isProjectRecord),
  read(docs, ctx) {
    const w = new GcpWriter(ctx);
    // v3 names a project `projects/NUMBER`; v1 gives `projectNumber`.
    const numberOf = (r: unknown) => ownString(r, 'projectNumber') ?? /^projects\/(\d+)$/.exec(ownString(r, 'name') ?? '')?.[1];
    forEachItem(docs, ctx, (rec) => w.projects.learn(numberOf(rec), ownString(rec, 'projectId')));
    forEachItem(
      docs,
      ctx,
      (rec, where) => {
        const projectId = ownString(rec, 'projectId');
        if (!projectId) return ctx.b.warn(`${label(where)}: project without a projectId; skipped`);
        const display = ownString(rec, 'displayName') ?? (ownString(rec, 'name')?.startsWith('projects/') ? undefined : ownString(rec, 'name'));
        const id = w.hierarchy(
          `projects/${projectId}`,
          defined({ displayName: display, state: ownString(rec, 'lifecycleState') ?? ownString(rec, 'state'), created: timeField(ctx, rec, 'createTime', where), labels: labelPairs(own(rec, 'labels')) }),
          false,
          projectId,
        );
        const parent = w.parentShort(own(rec, 'parent'));
        if (parent) w.childOf(id, parent, at(where, 'parent'));
      },
      'project',
    );
  },
};

const isFolderRecord = (r: Record<string, unknown>) => /^folders\/\d+$/.test(ownString(r, 'name') ?? '') && (own(r, 'displayName') !== undefined || own(r, 'parent') !== undefined);
const isOrgRecord = (r: Record<string, unknown>) => /^organizations\/\d+$/.test(ownString(r, 'name') ?? '') && (own(r, 'displayName') !== undefined || own(r, 'owner') !== undefined || own(r, 'directoryCustomerId') !== undefined);

export const foldersImporter: JsonImporter = {
  format: 'gcp.folders',
  label: 'GCP folders / organizations (folders list, organizations list)',
  provider: 'gcp',
  detect: detectRecord((r) => isFolderRecord(r) || isOrgRecord(r)),
  read(docs, ctx) {
    const w = new GcpWriter(ctx);
    forEachItem(docs, ctx, (rec, where) => {
      const name = ownString(rec, 'name') ?? '';
      if (!isFolderRecord(rec) && !isOrgRecord(rec)) return ctx.b.warn(`${label(where)}: neither a folder nor an organization; skipped`);
      const id = w.hierarchy(
        name,
        defined({
          displayName: ownString(rec, 'displayName'),
          state: ownString(rec, 'lifecycleState') ?? ownString(rec, 'state'),
          created: timeField(ctx, rec, 'createTime', where) ?? timeField(ctx, rec, 'creationTime', where),
          directoryCustomerId: ownString(own(rec, 'owner'), 'directoryCustomerId') ?? ownString(rec, 'directoryCustomerId'),
        }),
        false,
        ownString(rec, 'displayName') ?? name,
      );
      const parent = w.parentShort(own(rec, 'parent'));
      if (parent) w.childOf(id, parent, at(where, 'parent'));
    });
  },
};
