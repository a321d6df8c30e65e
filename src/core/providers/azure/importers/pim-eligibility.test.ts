/** An Azure RBAC eligibility (PIM) is not an active assignment: an eligible Owner must not become an admin. */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../importers/import-file';
import { textFile } from '../../../test-support/public-corpus';

const SUB = '/subscriptions/0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const OWNER = `${SUB}/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635`;
const record = (kind: string) => ({
  id: `${SUB}/providers/Microsoft.Authorization/${kind}/00000000-0000-4000-8000-000000000777`,
  name: '00000000-0000-4000-8000-000000000777',
  type: `Microsoft.Authorization/${kind}`,
  properties: { principalId: 'a11ce000-0000-4000-8000-000000000001', principalType: 'User', roleDefinitionId: OWNER, scope: SUB, memberType: 'Direct', status: 'Provisioned' },
});

describe('PIM schedules are not role assignments', () => {
  it.each(['roleEligibilityScheduleInstances', 'roleEligibilitySchedules', 'roleAssignmentScheduleRequests'])('%s are not read as active assignments', (kind) => {
    const { report, fragment } = importFile(textFile('pim.json', JSON.stringify({ value: [record(kind)] })));
    expect(report.format).not.toBe('azure.role-assignments');
    expect([...fragment.edges.values()].some((e) => e.kind === 'azure.roleAssignment')).toBe(false);
  });

  it('the same record as a role assignment is one', () => {
    const { report } = importFile(textFile('ra.json', JSON.stringify({ value: [record('roleAssignments')] })));
    expect(report.format).toBe('azure.role-assignments');
  });
});
