/**
 * Two active access keys on one user (OWASP NHI9): the second key is meant for a rotation's few
 * days; two keys in use from different services or regions are most often two workloads sharing
 * one identity.
 */
import type { RuleInfo, RuleSet } from '../../../risk/types';
import { keyLabel, keysByHolder, keysOf, type AwsKey } from './keys';

export const TWO_ACTIVE_KEYS: RuleInfo = {
  id: 'aws.two-active-keys',
  title: 'User with two active access keys',
  owasp: 'NHI9',
  severity: 'medium',
  description: 'A non-human user has two active access keys (medium); high when both were last used from different services or regions, a sign that two workloads share the identity.',
  remediation: 'Give each workload its own identity (a role where it runs in AWS), then deactivate and delete the key no workload needs.',
};

const where = (k: AwsKey) => [k.service, k.region].filter(Boolean).join(' in ') || 'no recorded use';

export const awsKeyRules: RuleSet = {
  rules: [TWO_ACTIVE_KEYS],
  run(ctx, emit) {
    const g = ctx.analysis.graph;
    for (const [user, keys] of keysByHolder(keysOf(ctx))) {
      const active = keys.filter((k) => k.active);
      if (active.length < 2 || !ctx.isNhi(user)) continue;
      const [a, b] = active as [AwsKey, AwsKey];
      const apart = (a.service !== undefined && b.service !== undefined && a.service !== b.service) || (a.region !== undefined && b.region !== undefined && a.region !== b.region);
      // The key used least recently is the one to retire.
      const older = (a.lastUsed ?? 0) <= (b.lastUsed ?? 0) ? a : b;
      const name = g.getNodeAttribute(user, 'name');
      emit(TWO_ACTIVE_KEYS, {
        subject: user,
        severity: apart ? 'high' : 'medium',
        evidence: [...a.evidence, ...b.evidence],
        detail: `${name}: two active access keys, ${keyLabel(a)} (last used: ${where(a)}) and ${keyLabel(b)} (last used: ${where(b)})${apart ? ': used from different services or regions' : ''}.`,
        remediation: `Find which workload uses ${keyLabel(older)} of user ${name}; move it to its own identity, then deactivate and delete ${keyLabel(older)}.`,
      });
    }
  },
};
