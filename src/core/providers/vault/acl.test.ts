/**
 * Path matching, table-driven: a token holding these policies asks for this path, and gets the
 * capabilities Vault would print (`vault token capabilities`). The public vault-guides policies
 * first (read in place), then cases written for Vault's priority rules, deny, merging, KV v2 and
 * LIST's trailing slash.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Acl, capabilitiesAt, decideCapability, type AclInput } from './acl';
import { parsePolicyJson, parsePolicyText } from './policy';
import { hasPublicCorpus, PUBLIC_CORPUS } from '../../test-support/public-corpus';

const acl = (policies: Record<string, string>): Acl =>
  new Acl(
    Object.entries(policies).flatMap(([name, text]): AclInput[] => {
      const parsed = parsePolicyText(text);
      expect(parsed.warnings, name).toEqual([]);
      return parsed.rules.map((rule) => ({ policy: name, file: `${name}.hcl`, rule }));
    }),
  );
const caps = (a: Acl, path: string) => capabilitiesAt(a, path).sort();
const sorted = (s: string) => s.split(' ').sort();

const GUIDES = 'vault-guides';
const SAMPLES = {
  admin: `${GUIDES}/cloud/terraform-hcp-vault/configure-vault/policies/admin-policy.hcl`,
  eaas: `${GUIDES}/cloud/terraform-hcp-vault/configure-vault/policies/eaas-client-policy.hcl`,
  dev: `${GUIDES}/identity/aws-second-sample/dev-policy.hcl`,
  sentinel: `${GUIDES}/governance/sentinel/my-acl-policy.json`,
};
const sample = (rel: string) => readFileSync(resolve(PUBLIC_CORPUS, rel), 'utf8');

describe.skipIf(!hasPublicCorpus)('path matching over the vault-guides policies', () => {
  const table: [keyof typeof SAMPLES, string, string][] = [
    ['admin', 'auth/approle/role/payments', 'create read update delete list sudo'],
    ['admin', 'auth/kubernetes/config', 'create read update delete list sudo'],
    ['admin', 'sys/auth/approle', 'create update delete sudo'],
    ['admin', 'sys/auth', 'read'],
    ['admin', 'sys/policies/acl/admin', 'create read update delete list sudo'],
    ['admin', 'sys/policies/acl', 'list'],
    // LIST with a trailing slash tries the exact rule without it first (not sys/policies/acl/*).
    ['admin', 'sys/policies/acl/', 'list'],
    ['admin', 'sys/mounts/kv-v2', 'create read update delete list sudo'],
    ['admin', 'sys/mounts', 'read list'],
    ['admin', 'secret/data/payments/db', 'create read update delete list sudo'],
    ['admin', 'transit/keys/payment', 'create read update delete list sudo'],
    ['admin', 'sys/health', 'read sudo'],
    ['admin', 'sys/seal', 'deny'],
    ['admin', 'sys/policy/admin', 'deny'],
    ['admin', 'kv-v2/data/app', 'deny'],
    ['eaas', 'kv-v2/data/app/config', 'create read update delete list'],
    ['eaas', 'kv-v2/metadata/app/config', 'deny'],
    ['eaas', 'kv-v2/data', 'deny'],
    // The exact rule wins over transit/*.
    ['eaas', 'transit/encrypt/payment', 'update'],
    ['eaas', 'transit/decrypt/payment', 'update'],
    ['eaas', 'transit/decrypt/other', 'read list'],
    ['eaas', 'transit/keys/payment', 'read list'],
    ['dev', 'secret/dev/app', 'create read update delete list'],
    ['dev', 'secret/dev/app/nested', 'create read update delete list'],
    ['dev', 'secret/dev', 'list'],
    ['dev', 'secret/', 'list'],
    ['dev', 'secret/prod/db', 'deny'],
    ['dev', 'sys/mounts', 'read list'],
    ['dev', 'sys/mounts/secret', 'deny'],
    ['sentinel', 'secret/app1', 'create read update delete list'],
    ['sentinel', 'secret/app1/x', 'deny'],
    ['sentinel', 'secret/app', 'deny'],
  ];
  const load = (k: keyof typeof SAMPLES): Acl => {
    const text = sample(SAMPLES[k]);
    const parsed = k === 'sentinel' ? parsePolicyText((JSON.parse(text) as { policy: string }).policy) : parsePolicyText(text);
    expect(parsed.warnings).toEqual([]);
    return new Acl(parsed.rules.map((rule) => ({ policy: k, file: SAMPLES[k], rule })));
  };
  it.each(table)('%s: %s → %s', (k, path, expected) => {
    expect(caps(load(k), path)).toEqual(sorted(expected));
  });

  it('reads every block of each sample', () => {
    expect(load('admin').rules()).toHaveLength(10);
    expect(load('eaas').rules()).toHaveLength(4);
    expect(load('dev').rules()).toHaveLength(4);
    expect(load('sentinel').rules()).toHaveLength(1);
  });
});

describe('Vault priority rules, deny, merging, KV v2 and LIST', () => {
  const table: [string, Record<string, string>, string, string][] = [
    ['`+` beats `*` at the same place (a prefix rule is lower)', { p: 'path "secret/*" { capabilities = ["read"] }\npath "secret/+/config" { capabilities = ["update"] }' }, 'secret/app/config', 'update'],
    ['the first wildcard later in the path wins', { p: 'path "secret/a*" { capabilities = ["read"] }\npath "secret/+" { capabilities = ["update"] }' }, 'secret/abc', 'read'],
    ['not ending in `*` beats ending in `*`', { p: 'path "foo/+/bar" { capabilities = ["read"] }\npath "foo/+/ba*" { capabilities = ["update"] }' }, 'foo/x/bar', 'read'],
    ['`+` later beats `+` earlier', { p: 'path "foo/bar/+/baz" { capabilities = ["read"] }\npath "foo/+/+/baz" { capabilities = ["update"] }' }, 'foo/bar/x/baz', 'read'],
    ['fewer `+` segments win', { p: 'path "foo/+/bar/+" { capabilities = ["read"] }\npath "foo/+/+/+" { capabilities = ["update"] }' }, 'foo/a/bar/baz', 'read'],
    ['equal wildcards: lexicographically greater wins', { p: 'path "foo/+/+/baz" { capabilities = ["read"] }\npath "foo/+/bar/+" { capabilities = ["update"] }' }, 'foo/a/bar/baz', 'update'],
    ['the longer prefix wins', { p: 'path "foo/+/bar/ba*" { capabilities = ["read"] }\npath "foo/+/bar/b*" { capabilities = ["update"] }' }, 'foo/x/bar/baz', 'read'],
    ['the longest glob prefix wins', { p: 'path "secret/*" { capabilities = ["read"] }\npath "secret/data/*" { capabilities = ["update"] }' }, 'secret/data/x', 'update'],
    ['an exact rule beats a glob on the same path', { p: 'path "secret/data/x*" { capabilities = ["read"] }\npath "secret/data/x" { capabilities = ["update"] }' }, 'secret/data/x', 'update'],
    ['…and the glob still covers longer paths', { p: 'path "secret/data/x*" { capabilities = ["read"] }\npath "secret/data/x" { capabilities = ["update"] }' }, 'secret/data/xy', 'read'],
    ['the most specific rule wins even when it grants less (no union)', { p: 'path "secret/*" { capabilities = ["read", "update"] }\npath "secret/data/app/*" { capabilities = ["list"] }' }, 'secret/data/app/db', 'list'],
    ['`deny` on the more specific path', { p: 'path "secret/data/*" { capabilities = ["read"] }\npath "secret/data/admin/*" { capabilities = ["deny"] }' }, 'secret/data/admin/root', 'deny'],
    ['…and not next to it', { p: 'path "secret/data/*" { capabilities = ["read"] }\npath "secret/data/admin/*" { capabilities = ["deny"] }' }, 'secret/data/app', 'read'],
    ['`deny` with other capabilities keeps only deny', { p: 'path "secret/x" { capabilities = ["read", "deny"] }' }, 'secret/x', 'deny'],
    ['the same path in two policies: capabilities add up', { a: 'path "secret/data/x" { capabilities = ["read"] }', b: 'path "secret/data/x" { capabilities = ["update"] }' }, 'secret/data/x', 'read update'],
    ['the same path in two policies: one deny wins', { a: 'path "secret/data/x" { capabilities = ["read"] }', b: 'path "secret/data/x" { capabilities = ["deny"] }' }, 'secret/data/x', 'deny'],
    ['`+` is one segment exactly', { p: 'path "secret/+" { capabilities = ["read"] }' }, 'secret/a/b', 'deny'],
    ['`+` then `*`', { p: 'path "secret/+/*" { capabilities = ["read"] }' }, 'secret/a/b/c', 'read'],
    ['`+/*` needs the segment after the wildcard', { p: 'path "secret/+/*" { capabilities = ["read"] }' }, 'secret/a', 'deny'],
    ['`*` is a prefix, not a segment (secret/dev* covers secret/devops)', { p: 'path "secret/dev*" { capabilities = ["read"] }' }, 'secret/devops/x', 'read'],
    ['KV v2: data/* does not cover metadata/', { p: 'path "secret/data/app/*" { capabilities = ["read", "list"] }' }, 'secret/metadata/app/db', 'deny'],
    ['KV v2: v1-style path does not reach data/', { p: 'path "secret/app/*" { capabilities = ["read"] }' }, 'secret/data/app/db', 'deny'],
    ['LIST: trailing slash matches the rule without it', { p: 'path "secret/metadata/app" { capabilities = ["list"] }' }, 'secret/metadata/app/', 'list'],
    ['LIST: a `+` rule without the trailing slash (VAULT-3825)', { p: 'path "+/sys/policies/acl" { capabilities = ["list"] }' }, 'ns1/sys/policies/acl/', 'list'],
    ['a leading / is ignored', { p: 'path "/secret/x" { capabilities = ["read"] }' }, 'secret/x', 'read'],
    ['`*` alone covers everything', { p: 'path "*" { capabilities = ["read"] }' }, 'sys/policies/acl/admin', 'read'],
    ['`+` alone is one segment', { p: 'path "+" { capabilities = ["read"] }' }, 'sys', 'read'],
    ['legacy policy = "write"', { p: 'path "secret/*" { policy = "write" }' }, 'secret/x', 'create read update delete list'],
    ['legacy policy = "sudo"', { p: 'path "sys/*" { policy = "sudo" }' }, 'sys/raw', 'create read update delete list sudo'],
    ['comments of all three kinds, brace on the next line', { p: '# a\n// b\n/* c\n d */ path "a/*" // e\n{\n  capabilities = [ "read", ] # f\n}' }, 'a/b', 'read'],
    ['the path = { "P" = {...} } form', { p: 'path = { "a/b" = { capabilities = ["update"] } }' }, 'a/b', 'update'],
    ['no rule: deny', { p: 'path "a" { capabilities = ["read"] }' }, 'b', 'deny'],
  ];
  it.each(table)('%s', (_why, policies, path, expected) => {
    expect(caps(acl(policies), path)).toEqual(sorted(expected));
  });

  it('decides conditions it cannot evaluate as conditional, per operation', () => {
    const a = acl({ p: 'path "aws/creds/deploy" {\n capabilities = ["read", "update"]\n allowed_parameters = { "ttl" = ["1h"] }\n}\npath "secret/data/x" {\n capabilities = ["list", "read"]\n control_group = { factor "ops" { identity { group_names = ["ops"] approvals = 2 } } }\n}' });
    const d = decideCapability(a, 'aws/creds/deploy', 'read');
    expect(d.decision).toBe('conditional');
    expect(d.why).toEqual(['not evaluated: allowed_parameters = { "ttl" = ["1h"] }']);
    expect(decideCapability(a, 'secret/data/x', 'list').decision).toBe('conditional');
    expect(decideCapability(a, 'secret/data/x', 'update').decision).toBe('no');
  });

  it('matches templated paths conditionally, within their segment', () => {
    const a = acl({ p: 'path "secret/data/{{identity.entity.name}}/*" { capabilities = ["read"] }\npath "secret/data/team-{{identity.groups.names.x.name}}" { capabilities = ["read"] }' });
    expect(decideCapability(a, 'secret/data/alice/db', 'read')).toMatchObject({ decision: 'conditional' });
    expect(decideCapability(a, 'secret/data/team-ops', 'read').decision).toBe('conditional');
    expect(decideCapability(a, 'secret/data/team-', 'read').decision).toBe('no');
    expect(decideCapability(a, 'secret/metadata/alice/db', 'read').decision).toBe('no');
  });

  it('the root policy allows everything', () => {
    expect(capabilitiesAt(new Acl([], true), 'sys/raw/x')).toEqual(['root']);
  });

  it('reads the JSON form of a policy', () => {
    const parsed = parsePolicyJson({ path: { 'secret/data/*': { capabilities: ['read'] }, 'sys/*': { capabilities: ['deny'] } } });
    expect(parsed.warnings).toEqual([]);
    const a = new Acl(parsed.rules.map((rule) => ({ policy: 'j', file: 'j.json', rule })));
    expect(caps(a, 'secret/data/x')).toEqual(['read']);
    expect(caps(a, 'sys/x')).toEqual(['deny']);
  });

  it('stays linear on many rules and long paths', () => {
    const text = Array.from({ length: 5000 }, (_, i) => `path "p${i}/+/x/*" { capabilities = ["read"] }\npath "q/${'a/'.repeat(i % 50)}*" { capabilities = ["list"] }`).join('\n');
    const a = acl({ big: text });
    const long = `q/${'a/'.repeat(2000)}b`;
    for (let i = 0; i < 2000; i++) a.match(long);
    expect(caps(a, long)).toEqual(['list']);
    expect(caps(a, 'p4999/z/x/y')).toEqual(['read']);
  });
});
