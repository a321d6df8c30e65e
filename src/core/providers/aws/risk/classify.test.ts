/** Human or non-human for AWS users and roles: the fixture's identities, each with the reason shown. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../../analysis/analysis';
import { classifyIdentities, type Classification } from '../../../risk/classify';
import { nameTokens, peopleWord, serviceWord } from './names';
import { MAIN, riskFixture, roleArn, SECOND, userArn } from './fixture.test-support';

describe('names', () => {
  it.each([
    ['deployBot_2', ['deploy', 'bot', '2']],
    ['svc-billing.prod', ['svc', 'billing', 'prod']],
    ['ETL2Loader', ['etl', '2', 'loader']],
    ['ETLLoader', ['etl', 'loader']],
  ])('%s splits into %j', (name, tokens) => expect(nameTokens(name)).toEqual(tokens));

  it.each([
    ['svc-billing', 'svc'],
    ['ci-runner', 'ci'],
    ['GitHubActions', 'github'],
    ['my-app', 'app'],
    // Whole words only: "capital" is no api, "rapid" no app, "cindy" no ci.
    ['capital', undefined],
    ['rapid', undefined],
    ['cindy', undefined],
  ])('service word of %s is %s', (name, word) => expect(serviceWord(name)).toBe(word));

  it.each([
    ['developers', 'developers'],
    ['ops-team', 'team'],
    ['Admins', 'admins'],
    // A group named for a service is no group of people, whatever else it says.
    ['ci-users', undefined],
    ['readers', undefined],
  ])('people word of group %s is %s', (name, word) => expect(peopleWord(name)).toBe(word));
});

const SSO = roleArn('AWSReservedSSO_AdministratorAccess_0123456789abcdef', MAIN, '/aws-reserved/sso.amazonaws.com/');

/** Every AWS identity of the fixture: its nature and what the reason must say. */
const TABLE: [string, 'human' | 'non-human', RegExp][] = [
  [userArn('alice@example.com'), 'human', /^console password with MFA$/],
  [userArn('bob'), 'human', /^member of group developers$/],
  [userArn('carol'), 'human', /console password \(without MFA\)/],
  [userArn('dave'), 'human', /Email tag is an e-mail address/],
  // A service name outweighs a console password and a group of people.
  [userArn('svc-reporting'), 'non-human', /name reads like a service \("svc"\), although it has a console password/],
  [userArn('jenkins'), 'non-human', /\("jenkins"\), although it has a console password/],
  [userArn('ci-deployer'), 'non-human', /\("ci"\)$/],
  [userArn('backup-sync'), 'non-human', /\("backup"\)/],
  [userArn('admin-bot'), 'non-human', /\("bot"\)/],
  [userArn('monitoring-api'), 'non-human', /\("api"\)/],
  [userArn('etl-loader'), 'non-human', /^programmatic access only/],
  [SSO, 'human', /^IAM Identity Center permission-set role: human federated access$/],
  [roleArn('saml-analysts'), 'human', /^assumed through SAML federation \(Okta\)$/],
  [roleArn('ec2-app'), 'non-human', /^trusted by service ec2\.amazonaws\.com$/],
  [roleArn('gh-deploy-main'), 'non-human', /^trusted by OIDC issuer token\.actions\.githubusercontent\.com$/],
  // No sign either way: the kind's trait (roles are machine identities).
  [roleArn('partner-sync'), 'non-human', /machine identities/],
  [roleArn('ops-from-main', SECOND), 'non-human', /machine identities/],
];

describe('AWS classification of the risk fixture', () => {
  let a: Analysis;
  let c: Map<string, Classification>;
  beforeAll(async () => {
    a = await riskFixture();
    c = classifyIdentities(a);
  }, 60_000);

  it.each(TABLE)('%s is %s', (id, nature, reason) => {
    expect(c.get(id)).toMatchObject({ nature });
    expect(c.get(id)!.reason).toMatch(reason);
  });

  it('the analyst overrides it, and the reason keeps what the export said', () => {
    const o = classifyIdentities(a, { [userArn('carol')]: 'non-human' }).get(userArn('carol'))!;
    expect(o).toMatchObject({ nature: 'non-human', overridden: true });
    expect(o.reason).toMatch(/export suggests human: console password/);
  });
});
