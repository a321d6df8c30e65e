/** The analyst's thresholds: ages in days and the owner tag keys (defaults from the core). */
import { useState } from 'react';
import { DEFAULT_RISK_CONFIG, type RiskDashboard, type RiskSettings } from '../../core';
import { useWorkspace } from '../../state/workspace-store';
import { updateRiskSettings } from '../../queries/risk-settings';

export function ThresholdsForm({ current }: { current: RiskDashboard['thresholds'] }) {
  const settings = useWorkspace((s) => s.riskSettings);
  const setSettings = (s: RiskSettings) => void updateRiskSettings(s);
  const [stale, setStale] = useState(String(current.staleDays));
  const [veryOld, setVeryOld] = useState(String(current.veryOldDays));
  const [owners, setOwners] = useState(current.ownerKeys.join(', '));
  const [many, setMany] = useState(String(current.manyReaders));
  const days = (v: string, d: number) => (/^\d{1,5}$/.test(v.trim()) ? Number(v.trim()) : d);
  return (
    <form
      className="thresholds"
      onSubmit={(e) => {
        e.preventDefault();
        const ownerKeys = owners.split(',').map((k) => k.trim()).filter(Boolean);
        setSettings({
          ...settings,
          staleDays: days(stale, DEFAULT_RISK_CONFIG.staleDays),
          veryOldDays: days(veryOld, DEFAULT_RISK_CONFIG.veryOldDays),
          manyReaders: days(many, DEFAULT_RISK_CONFIG.manyReaders),
          ownerKeys: ownerKeys.length ? ownerKeys : DEFAULT_RISK_CONFIG.ownerKeys,
        });
      }}
    >
      <label>
        Credential age and inactivity (days, default {DEFAULT_RISK_CONFIG.staleDays}) <input value={stale} onChange={(e) => setStale(e.target.value)} size={5} />
      </label>
      <label>
        Very old (days, default {DEFAULT_RISK_CONFIG.veryOldDays}) <input value={veryOld} onChange={(e) => setVeryOld(e.target.value)} size={5} />
      </label>
      <label>
        Owner tag keys (default {DEFAULT_RISK_CONFIG.ownerKeys.join(', ')}) <input value={owners} onChange={(e) => setOwners(e.target.value)} size={14} />
      </label>
      <label>
        Readers before a secret is "read by many" (default {DEFAULT_RISK_CONFIG.manyReaders}) <input value={many} onChange={(e) => setMany(e.target.value)} size={4} />
      </label>
      <button type="submit">Apply</button>
      <button type="button" onClick={() => setSettings({ overrides: settings.overrides })}>
        Defaults
      </button>
    </form>
  );
}
