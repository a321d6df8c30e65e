/** A Sentinel policy read (Vault Enterprise EGP/RGP) is said, never taken for an ACL policy. */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../importers/import-file';

const egp = {
  request_id: '2d8f4c1e-0000-4000-8000-000000000001',
  lease_id: '',
  lease_duration: 0,
  renewable: false,
  data: { name: 'business-hours', policy: 'import "time"\nmain = rule { time.now.hour > 8 }', enforcement_level: 'soft-mandatory', paths: ['secret/*'] },
  warnings: null,
};

describe('Sentinel policies', () => {
  it.each(['acme/sys/policies/egp/business-hours.json', 'exports/business-hours.json'])('%s: noted, no ACL policy imported', (path) => {
    const { report, fragment } = importFile({ name: path, path: `/data/${path}`, text: JSON.stringify(egp) });
    expect(report.status).not.toBe('rejected');
    expect([...fragment.nodes.values()].filter((n) => n.kind === 'vault.policy')).toEqual([]);
    expect(report.notes.join('\n')).toMatch(/Sentinel policy .* not evaluated, and not read as an ACL policy/);
  });
});
