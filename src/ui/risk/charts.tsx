/** The dashboard's charts (Chart.js through react-chartjs-2): loaded with the dashboard only. */
import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import type { RiskDashboard } from '../../core';

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

const TEXT = '#e2e8f0';
const GRID = '#1e293b';
const PROVIDER_COLORS: Record<string, string> = { aws: '#f59e0b', gcp: '#4f8ef7', azure: '#22d3ee', kubernetes: '#a78bfa', vault: '#facc15', any: '#94a3b8' };

const axes = {
  x: { ticks: { color: TEXT }, grid: { color: GRID }, stacked: true },
  y: { ticks: { color: TEXT, precision: 0 }, grid: { color: GRID }, stacked: true, beginAtZero: true },
};

export function CredentialAgeChart({ d }: { d: RiskDashboard }) {
  return (
    <Bar
      aria-label="Active credentials of non-human identities by age"
      role="img"
      data={{ labels: d.credentialAges.map((b) => b.bucket), datasets: [{ label: 'credentials', data: d.credentialAges.map((b) => b.count), backgroundColor: d.credentialAges.map((_, i) => (i >= 4 ? '#f87171' : i >= 2 ? '#fbbf24' : '#34d399')) }] }}
      options={{ responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { display: false } }, scales: axes }}
    />
  );
}

export function CategoryChart({ d }: { d: RiskDashboard }) {
  const providers = [...new Set(d.byCategory.flatMap((c) => Object.keys(c.byProvider)))].sort();
  return (
    <Bar
      aria-label="Findings by OWASP NHI category and provider"
      role="img"
      data={{
        labels: d.byCategory.map((c) => c.owasp),
        datasets: providers.map((p) => ({ label: p, data: d.byCategory.map((c) => c.byProvider[p] ?? 0), backgroundColor: PROVIDER_COLORS[p] ?? '#64748b' })),
      }}
      options={{ responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { labels: { color: TEXT } } }, scales: axes }}
    />
  );
}
