/**
 * "What could this token reach?": an OIDC token no export describes (a GitHub Actions workflow, a
 * GitLab job, a cluster's service account) by issuer and subject. It becomes a start point of the
 * workspace, linked to the identities whose trust admits it, and its blast radius opens.
 */
import { useState } from 'react';
import { issuerKey } from '../../core';
import { askTokenReach } from '../../queries/workspaces';
import { useWorkspace } from '../../state/workspace-store';

export function TokenReach() {
  const view = useWorkspace((s) => s.view);
  const openBlast = useWorkspace((s) => s.openBlast);
  const issuers = view?.issuers ?? [];
  const [issuer, setIssuer] = useState('');
  const [subject, setSubject] = useState('');
  const [busy, setBusy] = useState(false);
  if (!view) return null;
  const chosen = issuer || issuers[0] || '';
  return (
    <details className="token-reach" data-testid="token-reach">
      <summary>What could this token reach?</summary>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!chosen.trim() || !subject.trim()) return;
          setBusy(true);
          try {
            openBlast(await askTokenReach({ issuer: issuerKey(chosen.trim()), subject: subject.trim() }));
          } finally {
            setBusy(false);
          }
        }}
      >
        <label>
          Issuer
          <input aria-label="Token issuer" list="known-issuers" value={chosen} onChange={(e) => setIssuer(e.target.value)} placeholder="token.actions.githubusercontent.com" />
        </label>
        <datalist id="known-issuers">
          {issuers.map((i) => (
            <option key={i} value={i} />
          ))}
        </datalist>
        <label>
          Subject
          <input aria-label="Token subject" value={subject} onChange={(e) => setSubject(e.target.value)} placeholder="repo:acme/web:ref:refs/heads/main" />
        </label>
        <button type="submit" disabled={busy || !chosen.trim() || !subject.trim()}>
          Show its blast radius
        </button>
        <p className="muted small">Audience sts.amazonaws.com. The token reaches the identities whose trust admits its subject; conditions on other claims stay conditional.</p>
      </form>
    </details>
  );
}
