/**
 * A generated account's exports for tests: the authorization details, the credential report and
 * a list of secrets named after what its policies grant (`secret:<app>/<env>/*`, `secret:<team>/*`),
 * tagged with their team, plus a few nobody's grant names.
 */
import type { FileInput } from '../importers/import-file';
import { realisticAccount } from '../generate/realistic-account';
import { credentialReportEnvelope, credentialReportLines, gaadChunks } from '../generate/export';
import { textFile } from './public-corpus';

export function generatedFiles(principals: number, seed: number): FileInput[] {
  const account = realisticAccount({ principals, seed });
  const gaad = [...gaadChunks(account)].join('');
  const env = credentialReportEnvelope(account);
  const csv = [...credentialReportLines(account)].join('');
  const prefixes = [...new Set(gaad.match(/arn:aws:secretsmanager:[^:"]*:\d{12}:secret:[^"*]*\*/g) ?? [])].sort();
  const secrets = [...prefixes.map((p) => p.slice(p.indexOf(':secret:') + 8, -1)), 'legacy/', 'unowned/'].flatMap((prefix, i) =>
    ['db', 'api-key'].map((what, j) => {
      const name = `${prefix}${what}`;
      const team = prefix.split('/')[0]!;
      return { ARN: `arn:aws:secretsmanager:eu-west-1:${account.account}:secret:${name}-${String(i * 2 + j).padStart(6, 'x')}`, Name: name, Tags: [{ Key: 'team', Value: team }], CreatedDate: '2024-01-01T00:00:00Z' };
    }),
  );
  return [
    textFile('gaad.json', gaad),
    textFile('credential-report.json', env.before + Buffer.from(csv, 'utf8').toString('base64') + env.after),
    textFile('secretsmanager-list-secrets.json', JSON.stringify({ SecretList: secrets })),
  ];
}
