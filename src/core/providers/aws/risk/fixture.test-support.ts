/**
 * The AWS risk fixture (fixtures/risk/aws: GAAD, credential report, list-access-keys,
 * list-secrets), imported and analysed as the app does, at a fixed as-of date.
 */
import { ImportSession } from '../../../graph/session';
import { analyze, type Analysis } from '../../../analysis/analysis';
import type { FileInput } from '../../../importers/import-file';
import { repoFile } from '../../../test-support/public-corpus';
import { riskContext as sharedContext } from '../../../risk/assess';
import type { FindingInput, RiskContext, RuleInfo } from '../../../risk/types';
import { awsRisk } from '.';

export const RISK_AS_OF = Date.parse('2026-11-30T00:00:00Z');
export const MAIN = '111111111111';
export const SECOND = '222222222222';
export const userArn = (name: string) => `arn:aws:iam::${MAIN}:user/${name}`;
export const roleArn = (name: string, account = MAIN, path = '/') => `arn:aws:iam::${account}:role${path}${name}`;

export const RISK_FIXTURES = ['gaad.json', 'credential-report.csv', 'list-access-keys.json', 'list-secrets.json'];

export async function analysedFiles(files: FileInput[], asOf = RISK_AS_OF): Promise<Analysis> {
  const s = new ImportSession();
  const reports = s.addFiles(files);
  for (const r of reports) if (r.status !== 'imported') throw new Error(`${r.file}: ${r.status} ${[...r.errors, ...r.warnings].join('; ')}`);
  return analyze(s.graph, { asOf });
}

export const riskFixture = (names = RISK_FIXTURES): Promise<Analysis> => analysedFiles(names.map((n) => repoFile(`risk/aws/${n}`)));

/** The context assessRisk gives the rules, for running AWS's rules alone. */
export const riskContext = (a: Analysis): RiskContext => sharedContext(a);

/** What AWS's rules emit before the engine's filter (which drops findings on humans). */
export function rawAwsFindings(ctx: RiskContext): { rule: RuleInfo; f: FindingInput }[] {
  const out: { rule: RuleInfo; f: FindingInput }[] = [];
  for (const set of awsRisk.rules ?? []) set.run(ctx, (rule, f) => out.push({ rule, f }));
  return out;
}
