/**
 * Exports that complete the picture without being policies: Google group memberships (`gcloud
 * identity groups memberships list --group-email=G`, whose records do not name the group: the
 * file name must), and deny policies (`gcloud iam policies list --kind=denypolicies`), which are
 * noted as not evaluated: the grants shown do not subtract them.
 */
import type { JsonImporter } from '../../../importers/types';
import { RejectFile } from '../../../importers/types';
import { hasOwn, isRecord, own, ownString, toArray } from '../../../io/safe-object';
import { parseMember } from '../names';
import { GcpWriter, at, detectRecord, forEachItem, label } from './common';

const MEMBER_PREFIX: Record<string, string> = { USER: 'user', SERVICE_ACCOUNT: 'serviceAccount', GROUP: 'group' };

export const groupMembershipsImporter: JsonImporter = {
  format: 'gcp.group-memberships',
  label: 'Google group memberships (identity groups memberships list)',
  provider: 'gcp',
  detect: detectRecord((r) => isRecord(own(r, 'preferredMemberKey'))),
  read(docs, ctx) {
    const w = new GcpWriter(ctx);
    const segs = ctx.path.replace(/\\/g, '/').split('/').reverse();
    const email = segs.map((s) => /[^/@\s]+@[^/@\s]+?\.[a-z]{2,}/i.exec(s)?.[0]).find((e) => e && !/\.gserviceaccount\.com$/i.test(e));
    if (!email) {
      throw new RejectFile('a memberships list does not name its group: name the file after the group, e.g. `ops@example.com.members.json` (or put it in a folder named after the group)');
    }
    const group = w.member(parseMember(`group:${email}`)!, 'file name');
    forEachItem(
      docs,
      ctx,
      (rec, where) => {
        const key = ownString(own(rec, 'preferredMemberKey'), 'id');
        if (!key) return ctx.b.warn(`${label(where)}: membership without preferredMemberKey.id; skipped`);
        const type = ownString(rec, 'type') ?? (key.endsWith('.gserviceaccount.com') ? 'SERVICE_ACCOUNT' : 'USER');
        // `type` comes from the export: `constructor` must not find Object.prototype's.
        const prefix = hasOwn(MEMBER_PREFIX, type) ? MEMBER_PREFIX[type] : undefined;
        if (!prefix) return ctx.b.count(`member of type ${type} (not imported)`);
        const member = w.memberString(`${prefix}:${key}`, where);
        if (!member) return;
        const roles = toArray(own(rec, 'roles')).map((r) => ownString(r, 'name')).filter((r): r is string => !!r);
        w.b.edge('memberOf', member, group, w.ev(at(where, 'preferredMemberKey'), { note: `member of ${email}${roles.length ? ` (${roles.join(', ')})` : ''}` }), { groupRoles: roles });
        w.b.count('membership');
      },
      'membership',
    );
  },
};

export const denyPoliciesImporter: JsonImporter = {
  format: 'gcp.deny-policies',
  label: 'GCP deny policies (not evaluated)',
  provider: 'gcp',
  detect: detectRecord((r) => own(r, 'kind') === 'DenyPolicy' || toArray(own(r, 'rules')).some((x) => isRecord(own(x, 'denyRule')))),
  read(docs, ctx) {
    forEachItem(docs, ctx, (rec, where) => {
      const rules = toArray(own(rec, 'rules')).filter((x) => isRecord(own(x, 'denyRule')));
      ctx.b.count('deny rule (not evaluated)', rules.length);
      ctx.b.note(`deny policy ${ownString(rec, 'name') ?? where} (${rules.length} rule(s)) is not evaluated: the access and escalation shown do not subtract what it denies`);
    });
  },
};
