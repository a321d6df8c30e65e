/** The action catalogue: which actions act on a resource ARN, with their access level. */
import { describe, expect, it } from 'vitest';
import { loadAwsCatalogue } from './catalogue';

const catalogue = await loadAwsCatalogue();

describe('actions on a resource', () => {
  it.each([
    // Resource types whose keys differ in case from the names actions use (`secret` / `Secret`).
    ['secretsmanager', 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf', 'secretsmanager:GetSecretValue', 'Read'],
    ['s3', 'arn:aws:s3:::bucket/key', 's3:GetObject', 'Read'],
    ['kms', 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab', 'kms:Decrypt', 'Write'],
    ['lambda', 'arn:aws:lambda:eu-west-1:111122223333:function:billing', 'lambda:UpdateFunctionCode', 'Write'],
    ['iam', 'arn:aws:iam::111122223333:role/ops', 'iam:UpdateAssumeRolePolicy', 'Permissions management'],
  ])('%s: %s includes %s (%s)', (service, arn, action, level) => {
    const found = catalogue.actionsOn(service, arn).find((a) => a.id.toLowerCase() === action.toLowerCase());
    expect(found?.level).toBe(level);
  });
});
