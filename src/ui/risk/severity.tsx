/** Severity as a coloured badge (the same colours as the graph's finding badges). */
import type { Severity } from '../../core';

export const SEVERITY_COLOR: Record<Severity, string> = { critical: '#dc2626', high: '#f87171', medium: '#fbbf24', low: '#94a3b8' };

export function SeverityBadge({ s }: { s: Severity }) {
  return (
    <span className={`sev sev-${s}`} style={{ borderColor: SEVERITY_COLOR[s], color: SEVERITY_COLOR[s] }}>
      {s}
    </span>
  );
}
