import { describe, expect, it } from 'vitest';
import { resourceText } from './apply-findings';

describe('evidence wording of stand-in resources', () => {
  it.each([
    ['arn:aws:iam::200611803367:user/blastmap-probe', 'any user of account 200611803367'],
    ['arn:aws:iam::200611803367:role/blastmap-probe', 'any role of account 200611803367'],
    ['arn:aws:lambda:us-east-1:200611803367:function:blastmap-probe', 'any function of account 200611803367'],
    ['arn:aws:s3:::blastmap-probe', 'any s3 resource'],
    ['arn:aws:iam::200611803367:user/alice', 'arn:aws:iam::200611803367:user/alice'],
  ])('%s reads "%s"', (arn, text) => expect(resourceText(arn)).toBe(text));
});
