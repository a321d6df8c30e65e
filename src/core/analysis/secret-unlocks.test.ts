/**
 * Secrets that unlock identities, on the demo: an analyst maps the Stripe secret (read by
 * billing-lambda only under a condition the exports cannot decide) to a GCP service account.
 */
import { describe, expect, it } from 'vitest';
import { ImportSession } from '../graph/session';
import { readdirSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { demoFiles, REPO_FIXTURES, repoFile } from '../test-support/public-corpus';
import { analyze, blastRadius, whoCan } from '..';
import { READ_SECRET_CREDENTIAL } from './secret-unlocks';

const ACCOUNT = '210987654321';
const STRIPE = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:prod/billing/stripe-api-key-Xc81Tb`;
const GRAFANA = `arn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:prod/observability/grafana-admin-h7Yt2M`;
const LOADER = 'serviceAccount:bq-loader@northwind-analytics.iam.gserviceaccount.com';
const LAMBDA = `arn:aws:iam::${ACCOUNT}:role/billing-lambda`;
const ASOF = Date.parse('2026-06-01T00:00:00Z');

const mapping = (rows: string) => ({ name: 'secret-mapping.csv', text: `secret,identity,note\n${rows}` });

async function load(files: { name: string; text: string }[]) {
  const s = new ImportSession();
  s.addFiles(files);
  const a = await analyze(s.graph, { asOf: ASOF });
  // The demo's own mapping (the Azure bridge application's secret) is left out of these counts.
  const unlocks = a.graph.filterEdges((_, e) => e.kind === 'escalatesTo' && e.attributes.technique === READ_SECRET_CREDENTIAL.id && !String(e.attributes.via).includes('nw-aws-bridge'));
  return { s, a, unlocks };
}

describe('secrets that unlock identities', () => {
  it('draws an edge from every direct reader of a mapped secret to the identity, with both halves of the evidence', async () => {
    const { s, a, unlocks } = await load([...demoFiles(), mapping(`${STRIPE},${LOADER},"holds the loader's JSON key, pasted by the billing team"`)]);
    expect(s.files.at(-1)).toMatchObject({ format: 'blastmap.secret-mapping', status: 'imported', counts: { mapping: 1 } });
    const readers = whoCan(a, STRIPE, 'secretsmanager:GetSecretValue').reachers.filter((r) => r.hops === 1);
    const sources = unlocks.map((k) => a.graph.source(k));
    expect(readers.length).toBeGreaterThan(5);
    expect(new Set(sources)).toEqual(new Set(readers.map((r) => r.id)));
    expect(unlocks.every((k) => a.graph.target(k) === LOADER)).toBe(true);
    // billing-lambda reads the secret only under an undecided condition: so is the edge.
    const lambda = a.graph.getEdgeAttributes(unlocks[sources.indexOf(LAMBDA)]!);
    expect(lambda.attributes.conditional).toBe(true);
    const files = lambda.evidence.map((e) => e.file);
    expect(files).toContain('secret-mapping.csv');
    expect(lambda.evidence.find((e) => e.file === 'secret-mapping.csv')).toMatchObject({ location: 'row 2', note: "analyst mapping: holds the loader's JSON key, pasted by the billing team" });
    expect(lambda.evidence.some((e) => e.file.includes('authorization-details') && e.statement !== undefined)).toBe(true);
    const admin = unlocks.find((k) => a.graph.source(k) === `admin:aws:${ACCOUNT}`);
    expect(admin && a.graph.getEdgeAttribute(admin, 'attributes').conditional).toBe(false);
    // The blast radius of billing-lambda now reaches GCP through the secret.
    const blast = blastRadius(a, LAMBDA);
    expect(blast.identities.find((r) => r.id === LOADER)).toMatchObject({ conditional: true });
  });

  it('draws nothing without a mapping, and nothing from someone who cannot read the secret', async () => {
    const plain = await load(demoFiles());
    expect(plain.unlocks).toEqual([]);
    const { a, unlocks } = await load([...demoFiles(), mapping(`${GRAFANA},${LOADER}`)]);
    const readers = new Set(whoCan(a, GRAFANA, 'secretsmanager:GetSecretValue').reachers.filter((r) => r.hops === 1).map((r) => r.id));
    expect(new Set(unlocks.map((k) => a.graph.source(k)))).toEqual(readers);
    expect(readers.size).toBeGreaterThan(3);
    expect(readers.has(LAMBDA)).toBe(false);
  });

  it('links whatever the file order, and says which mapped ids no export describes', async () => {
    const first = await load([mapping(`${STRIPE},${LOADER}\narn:aws:secretsmanager:eu-west-1:${ACCOUNT}:secret:typo,${LOADER}`), ...demoFiles()]);
    expect(first.unlocks.length).toBeGreaterThan(3);
    expect(first.a.graph.getNodeAttributes(STRIPE)).toMatchObject({ kind: 'secret', provider: 'aws', placeholder: false });
    expect(first.a.graph.getNodeAttributes(LOADER)).toMatchObject({ kind: 'gcp.serviceAccount', provider: 'gcp' });
    expect(first.s.warnings.join('\n')).toMatch(/secret mapping names 1 node\(s\) no imported export describes: "arn:aws:secretsmanager:eu-west-1:210987654321:secret:typo"/);
  });

  it('reads hostile rows row by row: missing ends, prototype names, quoted commas, extra columns', async () => {
    const { s, a } = await load([
      ...demoFiles(),
      mapping([`${STRIPE},`, `,${LOADER}`, `__proto__,${LOADER}`, `${STRIPE},${STRIPE}`, `"${STRIPE}","${LOADER}","a note, with a comma",EXTRA-COLUMN-VALUE`, `${'x'.repeat(3000)},${LOADER}`].join('\n')),
    ]);
    const report = s.files.at(-1)!;
    expect(report.status).toBe('partial');
    expect(report.warnings.join('\n')).toMatch(/row 2: a secret and an identity are both needed/);
    expect(report.warnings.join('\n')).toMatch(/row 3: a secret and an identity are both needed/);
    expect(report.warnings.join('\n')).toMatch(/"__proto__" was not imported/);
    expect(report.warnings.join('\n')).toMatch(/row 5: the secret and the identity are the same node/);
    expect(report.warnings.join('\n')).toMatch(/row 7: an id longer than 2048/);
    expect(a.graph.getEdgeAttributes(`credentialOf|${STRIPE}|${LOADER}`).evidence[0]!.note).toBe('analyst mapping: a note, with a comma');
    expect(JSON.stringify(a.graph.getEdgeAttributes(`credentialOf|${STRIPE}|${LOADER}`))).not.toContain('EXTRA-COLUMN-VALUE');
    expect(({} as Record<string, unknown>).namedBy).toBeUndefined();
  });
});

describe('secret mappings made in the app', () => {
  it('are drawn at analysis, gone when removed, and the ones naming nodes not loaded are returned', async () => {
    const s = new ImportSession();
    s.addFiles(demoFiles());
    const mapped = await analyze(s.graph, { asOf: ASOF, mappings: [{ secret: STRIPE, identity: LOADER, note: 'pasted key' }, { secret: STRIPE, identity: 'serviceAccount:nobody@example.com' }] });
    const edge = `credentialOf|${STRIPE}|${LOADER}|workspace`;
    expect(mapped.graph.getEdgeAttributes(edge).evidence).toEqual([{ file: 'workspace secret mappings', location: 'mapping 1', note: 'analyst mapping: pasted key' }]);
    expect(mapped.unmapped).toEqual([{ secret: STRIPE, identity: 'serviceAccount:nobody@example.com' }]);
    expect(blastRadius(mapped, LAMBDA).identities.some((r) => r.id === LOADER)).toBe(true);
    const plain = await analyze(s.graph, { asOf: ASOF });
    expect(plain.graph.hasEdge(edge)).toBe(false);
    expect(blastRadius(plain, LAMBDA).identities.some((r) => r.id === LOADER)).toBe(false);
  });
});

describe('secrets of every provider that declares how its secrets are read', () => {
  it('a Vault KV secret mapped to an AWS role: the Vault roles whose policies read it reach the role', async () => {
    const files = ['vault/acme', 'vault/companions'].flatMap((dir) =>
      readdirSync(resolve(REPO_FIXTURES, dir), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && !e.name.endsWith('.md'))
        .map((e) => repoFile(relative(REPO_FIXTURES, resolve(e.parentPath, e.name)))),
    );
    const OPS_ADMIN = 'arn:aws:iam::111122223333:role/ops-admin';
    const { a } = await load([...files, mapping(`vault:acme:secret/data/apps/checkout/config,${OPS_ADMIN},checkout config holds the ops-admin key`)]);
    const readers = a.graph.filterEdges((_, e, _s, t) => t === OPS_ADMIN && e.attributes.technique === READ_SECRET_CREDENTIAL.id).map((k) => a.graph.source(k));
    expect(readers.sort()).toEqual(['admin:vault:acme', 'vault:acme:auth/approle/role/admin-bot', 'vault:acme:auth/github/role/team-lead', 'vault:acme:auth/token/roles/ops']);
  });
});

describe('Key Vault secrets', () => {
  it('a Key Vault secret mapped to an AWS role: its data-plane readers and the subscription administrator reach the role; an Owner without data actions does not read it', async () => {
    const files = readdirSync(resolve(REPO_FIXTURES, 'azure')).filter((f) => f.endsWith('.json')).map((f) => repoFile(`azure/${f}`));
    const BREAK_GLASS = `arn:aws:iam::${ACCOUNT}:role/break-glass`;
    const gaad = demoFiles().find((f) => f.name.includes('authorization-details'))!;
    const { a } = await load([...files, gaad, mapping(`https://kv-payments.vault.azure.net/secrets/db-password,${BREAK_GLASS}`)]);
    const readers = a.graph.filterEdges((_, e, _s, t) => t === BREAK_GLASS && e.attributes.technique === READ_SECRET_CREDENTIAL.id).map((k) => a.graph.getNodeAttribute(a.graph.source(k), 'name'));
    expect(readers.sort()).toEqual(['Administrator of subscription acme-production', 'dave@acme.example', 'id-payments-api']);
  });
});
