/**
 * The analyst's secret mapping: a CSV `secret,identity[,note]` saying which identity's credential
 * a secret holds, for the secrets no export describes the content of (a Secrets Manager secret
 * holding an Azure application's client secret, a Kubernetes Secret holding an AWS access key).
 * Blastmap never guesses this from names: only a mapping or a format that says so draws it.
 *
 * Ids are node ids as the app shows them (ARNs, `k8s:...`, `gcp:...`). Either end may be
 * described by a file imported later: until then it is a placeholder, replaced when its export
 * arrives; one that no export describes is reported by the session. The analysis then draws an
 * edge from every reader of the secret to the identity (analysis/secret-unlocks.ts).
 */
import type { TextImporter, ImportContext } from './types';
import { forEachCsvRow } from '../io/csv';

export const SECRET_MAPPING_FORMAT = 'blastmap.secret-mapping';

/** The header, case and spaces aside: `secret,identity` and an optional `note`. */
const HEADER = /^\uFEFF?\s*"?secret"?\s*,\s*"?identity"?\s*(,\s*"?note"?\s*)?(\r?\n|$)/i;

/** Longer ids are not ids (an ARN is at most 2,048 characters). */
const MAX_ID = 2048;
const MAX_NOTE = 500;

export const secretMappingImporter: TextImporter = {
  format: SECRET_MAPPING_FORMAT,
  label: 'Secret mapping (CSV secret,identity,note)',
  provider: 'any',
  detect: (text) => HEADER.test(text.slice(0, 200)),
  read(text: string, ctx: ImportContext) {
    const b = ctx.b;
    forEachCsvRow(text, (row, i) => {
      if (i === 0) return;
      const where = `row ${i + 1}`;
      if (row.length === 1 && row[0]!.trim() === '') return;
      const [secret = '', identity = '', note = ''] = row.map((c) => c.trim());
      if (!secret || !identity) return b.warn(`${where}: a secret and an identity are both needed; skipped`);
      if (secret.length > MAX_ID || identity.length > MAX_ID) return b.warn(`${where}: an id longer than ${MAX_ID} characters; skipped`);
      if (secret === identity) return b.warn(`${where}: the secret and the identity are the same node; skipped`);
      // Placeholders of no provider: the file that describes either end replaces them.
      b.node({ id: secret, kind: 'mappedSecret', name: secret, placeholder: true, provider: 'any' });
      b.node({ id: identity, kind: 'externalPrincipal', name: identity, placeholder: true, provider: 'any' });
      b.edge('credentialOf', secret, identity, { file: ctx.file, location: where, note: note ? `analyst mapping: ${note.slice(0, MAX_NOTE)}` : 'analyst mapping' }, { mapping: true });
      b.count('mapping');
    });
  },
};
