/**
 * Secret Manager: `gcloud secrets list` (and CAI Secret data), `gcloud secrets versions list` (when
 * the secret last changed) and `gcloud secrets versions access --format=json`, whose payload is
 * dropped before anything keeps it. Secrets carry what the age judgements read: `created`,
 * `lastRotated`, `rotationEnabled`, `nextRotation`, `expires`.
 */
import type { JsonImporter } from '../../../importers/types';
import { isRecord, own, ownString, toArray } from '../../../io/safe-object';
import { parseTimestamp, toIso } from '../../../io/time';
import { GcpWriter, at, defined, detectRecord, forEachItem, label, labelPairs, timeField } from './common';

const SECRET = /^projects\/([^/]+)\/secrets\/([^/]+)$/;
const VERSION = /^projects\/([^/]+)\/secrets\/([^/]+)\/versions\/([^/]+)$/;

/** The node of a secret from `projects/P/secrets/S` (P a number or an id). */
export function secretNode(w: GcpWriter, project: string, secret: string, where: string): string {
  const p = w.projects.project(project);
  const id = `//secretmanager.googleapis.com/projects/${p}/secrets/${secret}`;
  w.b.node({ id, kind: 'gcp.secret', name: secret, account: p, attributes: {} });
  w.childOf(id, `projects/${p}`, where, 'secret of this project');
  return id;
}

/** A secret record; returns its node id. */
export function readSecret(w: GcpWriter, rec: Record<string, unknown>, where: string): string | undefined {
  const name = ownString(rec, 'name') ?? '';
  const m = SECRET.exec(name);
  if (!m) {
    w.b.warn(`${label(where)}: ${JSON.stringify(name.slice(0, 100))} is not projects/P/secrets/S; skipped`);
    return undefined;
  }
  const id = secretNode(w, m[1]!, m[2]!, where);
  const replication = own(rec, 'replication');
  const managed = own(replication, 'userManaged') ?? own(replication, 'user_managed');
  const rotation = own(rec, 'rotation');
  const period = /^(\d+(?:\.\d+)?)s$/.exec(ownString(rotation, 'rotationPeriod') ?? '');
  const nextRotation = timeField(w.ctx, rotation, 'nextRotationTime', at(where, 'rotation'));
  w.b.node({
    id,
    kind: 'gcp.secret',
    name: m[2]!,
    account: w.projects.project(m[1]!),
    attributes: defined({
      created: timeField(w.ctx, rec, 'createTime', where),
      labels: labelPairs(own(rec, 'labels')),
      replication: replication === undefined ? undefined : managed !== undefined ? 'user-managed' : 'automatic',
      locations: managed !== undefined ? toArray(own(managed, 'replicas')).map((r) => ownString(r, 'location')).filter((l): l is string => !!l) : undefined,
      rotationEnabled: rotation !== undefined ? nextRotation !== undefined || period !== null : false,
      nextRotation,
      rotationPeriodDays: period ? Math.round(Number(period[1]) / 86_400) : undefined,
      expires: timeField(w.ctx, rec, 'expireTime', where),
      topics: own(rec, 'topics') !== undefined ? toArray(own(rec, 'topics')).map((t) => ownString(t, 'name')).filter((t): t is string => !!t) : undefined,
    }),
  });
  return id;
}

const isSecretRecord = (r: Record<string, unknown>) => SECRET.test(ownString(r, 'name') ?? '') && (own(r, 'replication') !== undefined || own(r, 'createTime') !== undefined);

export const secretsImporter: JsonImporter = {
  format: 'gcp.secrets',
  label: 'GCP Secret Manager secrets (secrets list)',
  provider: 'gcp',
  detect: detectRecord(isSecretRecord),
  read(docs, ctx) {
    const w = new GcpWriter(ctx);
    forEachItem(docs, ctx, (rec, where) => void readSecret(w, rec, where), 'secret');
  },
};

const isVersionRecord = (r: Record<string, unknown>) => VERSION.test(ownString(r, 'name') ?? '') && own(r, 'state') !== undefined && own(r, 'payload') === undefined;

/** `gcloud secrets versions list`: the newest enabled version is when the secret last changed. */
export const secretVersionsImporter: JsonImporter = {
  format: 'gcp.secret-versions',
  label: 'GCP secret versions (secrets versions list)',
  provider: 'gcp',
  detect: detectRecord(isVersionRecord),
  read(docs, ctx) {
    const w = new GcpWriter(ctx);
    const bySecret = new Map<string, { newest?: number; enabled: number; total: number }>();
    forEachItem(
      docs,
      ctx,
      (rec, where) => {
        const m = VERSION.exec(ownString(rec, 'name') ?? '');
        if (!m) return ctx.b.warn(`${label(where)}: not a secret version name; skipped`);
        const id = secretNode(w, m[1]!, m[2]!, where);
        const s = bySecret.get(id) ?? { enabled: 0, total: 0 };
        bySecret.set(id, s);
        s.total++;
        if (ownString(rec, 'state') !== 'ENABLED') return;
        s.enabled++;
        const t = parseTimestamp(own(rec, 'createTime'));
        if (t !== undefined && (s.newest === undefined || t > s.newest)) s.newest = t;
      },
      'secret version',
    );
    for (const [id, s] of bySecret) {
      ctx.b.node({ id, kind: 'gcp.secret', name: id.slice(id.lastIndexOf('/') + 1), attributes: defined({ lastRotated: toIso(s.newest), enabledVersions: s.enabled, versions: s.total }) });
    }
  },
};

/** `gcloud secrets versions access --format=json`: the payload is dropped, the secret is kept. */
export const secretPayloadImporter: JsonImporter = {
  format: 'gcp.secret-payload',
  label: 'GCP secret version access (payload dropped)',
  provider: 'gcp',
  detect: detectRecord((r) => isRecord(own(r, 'payload')) && VERSION.test(ownString(r, 'name') ?? '')),
  read(docs, ctx) {
    const w = new GcpWriter(ctx);
    forEachItem(docs, ctx, (rec, where) => {
      const payload = own(rec, 'payload');
      if (isRecord(payload) && own(payload, 'data') !== undefined) {
        delete payload.data;
        ctx.b.droppedSecrets++;
        ctx.b.note(`dropped the secret payload of ${label(where)}: Blastmap never stores secret values`);
      }
      const m = VERSION.exec(ownString(rec, 'name') ?? '');
      if (m) secretNode(w, m[1]!, m[2]!, where);
    });
  },
};
