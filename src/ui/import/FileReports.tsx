/** Per-file results: status, detected format, what was read, warnings and errors. */
import { countOf, formatBytes, isNodeKind, type FileReport } from '../../core';
import { useWorkspace } from '../../state/workspace-store';

function countsText(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([k, v]) => (isNodeKind(k) ? countOf(v, k) : `${v} ${k}`))
    .join(', ');
}

function ReportRow({ r }: { r: FileReport }) {
  return (
    <li className={`file-report ${r.status}`} data-testid="file-report" data-file={r.file} data-status={r.status}>
      <div className="file-line">
        <span className="status-badge">{r.status === 'partial' ? 'partially imported' : r.status}</span>
        <span className="file-name">{r.file}</span>
        <span className="muted">
          {r.formatLabel} · {formatBytes(r.bytes)}
          {r.millis !== undefined ? ` · ${r.millis} ms` : ''}
        </span>
      </div>
      {Object.keys(r.counts).length > 0 && <div className="counts">{countsText(r.counts)}</div>}
      {r.errors.map((e, i) => (
        <div key={`e${i}`} className="error" data-testid="file-error">
          {e}
        </div>
      ))}
      {r.warnings.length > 0 && (
        <details>
          <summary>{r.warnings.length} warning(s)</summary>
          <ul>
            {r.warnings.map((w, i) => (
              <li key={i} data-testid="file-warning">
                {w}
              </li>
            ))}
          </ul>
        </details>
      )}
      {r.notes.map((n, i) => (
        <div key={`n${i}`} className="note">
          {n}
        </div>
      ))}
    </li>
  );
}

// Selectors must return stable values: a fresh `[]` each call would re-render forever.
const NONE: never[] = [];

export function FileReports() {
  const files = useWorkspace((s) => s.view?.files ?? NONE);
  const live = useWorkspace((s) => s.liveReports);
  const warnings = useWorkspace((s) => s.view?.warnings ?? NONE);
  const shown = live.length ? [...files, ...live] : files;
  if (!shown.length) return null;
  return (
    <section className="file-reports" aria-label="Imported files">
      <h2>Files ({shown.length})</h2>
      <ul data-testid="file-reports">
        {shown.map((r, i) => (
          <ReportRow key={`${i}:${r.file}`} r={r} />
        ))}
      </ul>
      {warnings.map((w, i) => (
        <div key={i} className="warning">
          {w}
        </div>
      ))}
    </section>
  );
}
