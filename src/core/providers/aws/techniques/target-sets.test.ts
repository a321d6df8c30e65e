/**
 * Identity sets instead of edge explosions: targets a principal's statements name alike become
 * one set (at SET_MIN or more), smaller groups and differently treated targets stay per target.
 */
import { describe, expect, it } from 'vitest';
import { AccountBuilder, ACCT, allow, arnOf, doc, trustAws } from '../test-support/account-builder';
import { loadAwsCatalogue } from '../catalogue/catalogue';
import { detectTechniques } from './analyze';
import { SET_MIN } from './target-groups';

const catalogue = await loadAwsCatalogue();
const U = (n: string) => arnOf('user', n);
const run = (b: AccountBuilder) => detectTechniques(b.model(Date.UTC(2026, 10, 22)), catalogue);

/** A key rotator allowed iam:CreateAccessKey on user/service/*, with `n` service users and two humans. */
function rotator(n: number): AccountBuilder {
  const b = new AccountBuilder().policy('rotate', doc(allow('iam:CreateAccessKey', `arn:aws:iam::${ACCT}:user/service/*`))).user('rotator', { policies: ['rotate'] });
  for (let i = 0; i < n; i++) b.user(`svc-${String(i).padStart(2, '0')}`, { path: '/service/' });
  return b.user('alice').user('bob');
}

describe('identity sets', () => {
  it(`iam:CreateAccessKey on ${SET_MIN} or more users named alike: one edge to a set of exactly them`, () => {
    const r = run(rotator(SET_MIN + 2));
    const mine = r.findings.filter((f) => f.source === U('rotator'));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.technique.id).toBe('iam-002');
    const set = r.sets.get(mine[0]!.target)!;
    expect(mine[0]!.target).toMatch(/^key-group:aws:/);
    expect(set.members).toHaveLength(SET_MIN + 2);
    expect(set.members.every((m) => m.includes(':user/service/svc-'))).toBe(true);
    expect(set.name).toContain('user/service/*');
    expect(mine[0]!.notes.join(' ')).toContain('one edge to the set');
  });

  it('fewer users than SET_MIN: one edge per user, none to users outside the pattern', () => {
    const r = run(rotator(SET_MIN - 1));
    const targets = r.findings.filter((f) => f.source === U('rotator')).map((f) => f.target);
    expect(targets).toHaveLength(SET_MIN - 1);
    expect(targets.every((t) => t.includes(':user/service/svc-'))).toBe(true);
  });

  it(`sts:AssumeRole on ${SET_MIN} roles with one trust policy: one edge to a trust group`, () => {
    const b = new AccountBuilder().policy('assume', doc(allow('sts:AssumeRole', `arn:aws:iam::${ACCT}:role/app/*`))).user('dev', { policies: ['assume'] });
    for (let i = 0; i < SET_MIN; i++) b.role(`app-${i}`, trustAws(U('dev')), { path: '/app/' });
    const r = run(b);
    const mine = r.findings.filter((f) => f.source === U('dev') && f.technique.id === 'sts-001');
    expect(mine).toHaveLength(1);
    expect(mine[0]!.target).toMatch(/^trust-group:aws:/);
    expect(r.sets.get(mine[0]!.target)!.members).toHaveLength(SET_MIN);
  });
});
