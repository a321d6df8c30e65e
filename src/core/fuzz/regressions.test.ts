/**
 * What the fuzz suite found (import.fuzz.test.ts, analysis.fuzz.test.ts), kept as explicit cases
 * so that once fixed they stay fixed. Each row is a minimal counterexample (fast-check shrank it)
 * or the intact sample that showed the bug; it runs exactly like a fuzz case (run-case.ts in the
 * sandbox's worker, within the same time budget): the import never throws and reports, nothing
 * already loaded is lost, the analysis and the questions complete.
 *
 * `plan` rows are realized by mutate.ts (the plan is the printed counterexample); `text` rows
 * are written out. Rows over the public corpus are skipped, with a notice, when it is absent.
 */
import { Worker } from 'node:worker_threads';
import { buildSync } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox, describeResult, nodeHost } from './sandbox';
import { realize, yamlText, type Plan } from './mutate';
import { budgetFor, fuzzSettings } from './property';
import type { FuzzCase } from './run-case';
import type { FileInput } from '../importers/import-file';
import { demoFiles, hasPublicCorpus, publicFile, repoFile, textFile } from '../test-support/public-corpus';

const sandbox = new Sandbox(nodeHost({ Worker, buildSync, dir: __dirname, now: () => performance.now(), setTimeout, clearTimeout }));
afterAll(() => sandbox.close());

const settings = fuzzSettings(process.env, { numRuns: 1, seed: 0 });
const ACCT = '111122223333';
const gaadUser = (...documents: unknown[]) =>
  JSON.stringify({ UserDetailList: [{ UserName: 'u', Arn: `arn:aws:iam::${ACCT}:user/u`, UserPolicyList: documents.map((d, i) => ({ PolicyName: `p${i}`, PolicyDocument: d })) }] });

interface Regression {
  /** What must hold. */
  title: string;
  /** How it was found, what broke and where (at the time it was found). */
  found: string;
  file: () => FileInput | Plan;
  depth: 'import' | 'full';
  /** Reads the public corpus (skipped without it). */
  corpus?: boolean;
}

const REGRESSIONS: Regression[] = [
  {
    title: 'a Cloud Asset Inventory ServiceAccount asset named by unique id, with an IAM policy, merges into a workspace',
    found:
      'analysis fuzz, intact public sample (forseti mock_cai_iam_policies.dump, line 12): ImportSession.addFiles threw NotFoundGraphError "Graph.addEdgeWithKey: source node //iam.googleapis.com/projects/project2/serviceAccounts/1102 not found" (graph/merge.ts mergeFragment): the importer writes an edge from a node it never adds',
    file: () => textFile('sa-by-unique-id.dump', '{"asset_type":"iam.googleapis.com/ServiceAccount","iam_policy":{"etag":"ACAB"},"name":"//iam.googleapis.com/projects/project2/serviceAccounts/1102"}\n'),
    depth: 'full',
  },
  {
    title: 'the public Forseti CAI IAM-policy dump, intact, merges into a workspace next to the demo',
    found: 'analysis fuzz: every mutation of this sample failed the same way, because the intact file does (NotFoundGraphError in mergeFragment, as above)',
    file: () => publicFile('forseti-security/tests/services/inventory/test_data/mock_cai_iam_policies.dump'),
    depth: 'full',
    corpus: true,
  },
  {
    title: 'the public Forseti CAI resource dump, intact, merges into a workspace next to the demo',
    found: 'analysis fuzz (large samples): NotFoundGraphError "source node //iam.googleapis.com/projects/project2/serviceAccounts/09876543210987654321/keys/5555abcabcabc444444abcabc not found" in mergeFragment',
    file: () => publicFile('forseti-security/tests/services/inventory/test_data/mock_cai_resources.dump'),
    depth: 'full',
    corpus: true,
  },
  {
    title: 'a gcloud get-iam-policy YAML with an alias bomb ("billion laughs", 9 levels of 9 aliases, 600 bytes) is refused within the budget',
    found:
      'YAML fuzz: the GCP YAML importer (providers/gcp/importers/policy.ts iamPolicyYamlImporter) loads with js-yaml defaults (no maxAliases) and io/scrub-secrets walks the alias graph as a tree: 8 levels took 12 s, 9 levels 74 s, 10 levels ~11 min (the Kubernetes YAML reader refuses the same file at once)',
    file: () => {
      const f = repoFile('gcp/acme-dev.get-iam-policy.yaml');
      return textFile(f.name, `${f.text.trimEnd()}\n${yamlText({ op: 'bomb', levels: 9, width: 9 })}\n`);
    },
    depth: 'import',
  },
  {
    title: 'a gcloud get-iam-policy YAML with an alias cycle (`fuzzCycle: &c {self: *c}`, 250 bytes) is refused, not walked forever',
    found:
      'YAML fuzz, minimal plan {seed: fixtures/gcp/acme-dev.get-iam-policy.yaml, yaml: [{op: cycle}]}: importFile never returns: js-yaml builds a cyclic object (policy.ts iamPolicyYamlImporter calls load() directly, not the safe reader kubernetes/yaml.ts) and io/scrub-secrets.ts scrubSecrets walks the cycle forever with constant memory (a frozen tab, no crash)',
    file: () => {
      const f = repoFile('gcp/acme-dev.get-iam-policy.yaml');
      return textFile(f.name, `${f.text.trimEnd()}\n${yamlText({ op: 'cycle' })}\n`);
    },
    depth: 'import',
  },
  {
    title: 'a GAAD user with an unknown field nested 100,000 levels deep imports, and the snapshot still serializes',
    found:
      'structural fuzz (deep nesting): the importer keeps unknown fields (attributes.extra), so the graph snapshot held the whole nested array and JSON.stringify(snapshot) threw RangeError "Maximum call stack size exceeded" (5,000 levels are enough on the 1 MB stack of the hosts; the fuzz worker runs with the same)',
    file: () => textFile('deep.json', `{"UserDetailList": [{"UserName": "d", "Arn": "arn:aws:iam::${ACCT}:user/d", "X": ${'['.repeat(100_000)}${']'.repeat(100_000)}}]}`),
    depth: 'full',
  },
  {
    title: 'an adversarial NotAction glob (`*?` × 40) against a 30-character role name is evaluated within the budget',
    found:
      'policy fuzz, shrunk plan below: the analysis never finished (the glob was compiled to a backtracking RegExp, providers/aws/eval/wildcard.ts globToRegExp: `*a*a*a*a*a*a*a*a*a*z` against 28 `a` took 0.4 s, each more `a` multiplies it)',
    file: () => ({
      kind: 'gaad',
      policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', NotAction: '*?'.repeat(40) }] }],
      trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow' }] },
      roleName: { v: 'huge', chars: 30, ch: 'a' },
      encoded: false,
      groups: ['fuzz-group'],
    }),
    depth: 'full',
  },
  {
    title: 'an adversarial Resource glob (`*a*a*a*a*a*a*a*a*a*z`) against long role names is evaluated within the budget',
    found: 'policy fuzz (same cause as above: backtracking RegExp for IAM wildcards)',
    file: () => ({
      kind: 'gaad',
      policies: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['iam:PassRole', 'sts:AssumeRole', 'iam:AttachRolePolicy'], Resource: '*a*a*a*a*a*a*a*a*a*z' }] }],
      trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ACCT}:root` }, Action: 'sts:AssumeRole' }] },
      roleName: { v: 'huge', chars: 60, ch: 'a' },
      encoded: false,
      groups: ['fuzz-group'],
    }),
    depth: 'full',
  },
  {
    title: 'an Allow statement with no Action and no NotAction is analysed, not thrown on',
    found:
      'policy fuzz, minimal plan: TypeError "Cannot read properties of undefined (reading \'some\')" at TechniqueContext.computeMay (providers/aws/techniques/context.ts:140) ← mayAllow ← techniques/admin.ts:48',
    file: () => textFile('allow-no-action.json', gaadUser({ Version: '2012-10-17', Statement: [{ Effect: 'Allow' }] })),
    depth: 'full',
  },
  {
    title: 'a Deny statement with no Action next to an Allow of iam:CreatePolicyVersion is analysed, not thrown on',
    found:
      'policy fuzz, shrunk plan below: TypeError "Cannot read properties of undefined (reading \'some\')" at names (providers/aws/techniques/context.ts:193) ← denies ← TechniqueContext.uniform ← detectRoleAccess (techniques/iam-principal.ts:172)',
    file: () => ({
      kind: 'gaad',
      policies: [
        { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:CreatePolicyVersion' }] },
        { Version: '2012-10-17', Statement: [{ Effect: 'Deny' }] },
      ],
      trust: { Version: '2012-10-17', Statement: [{ Effect: 'Allow' }] },
      roleName: { v: 'string', s: 'fuzz-role' },
      encoded: false,
      groups: [],
    }),
    depth: 'full',
  },
];

const demoGaad = () => demoFiles().find((f) => f.name === 'iam-get-account-authorization-details.json')!;

describe('fuzz regressions', () => {
  if (!hasPublicCorpus) console.warn('*** NOTICE: public export corpus not found: fuzz regressions over public samples are SKIPPED ***');
  for (const r of REGRESSIONS) {
    it.skipIf(r.corpus === true && !hasPublicCorpus)(r.title, async () => {
      const made = r.file();
      const file = 'kind' in made ? realize(made, []).file : made;
      const c: FuzzCase = { description: `${r.title}\n  found: ${r.found}`, file, intact: r.depth === 'full' ? [demoGaad()] : [], order: 'before', depth: r.depth, asOf: settings.asOf };
      const budget = budgetFor(settings, file.text.length);
      const result = await sandbox.run(c, budget);
      const failure = describeResult(c, result, budget);
      expect(failure, failure).toBeUndefined();
    }, 120_000);
  }
});
