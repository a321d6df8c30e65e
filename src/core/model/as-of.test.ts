/** The analysis date: parsing, and the default taken from the exports (never from the clock). */
import { describe, expect, it } from 'vitest';
import { defaultAsOf, parseAsOf } from './as-of';
import { ImportSession } from '../graph/session';
import { demoFiles, hasPublicCorpus, publicFile, textFile } from '../test-support/public-corpus';
import type { FileInput } from '../importers/import-file';

describe('parseAsOf', () => {
  it.each([
    ['2026-11-22', '2026-11-22T23:59:59.999Z'],
    [' 2026-11-22 ', '2026-11-22T23:59:59.999Z'],
    ['2026-11-22T08:00:00Z', '2026-11-22T08:00:00.000Z'],
    ['2026-11-22T08:00Z', '2026-11-22T08:00:00.000Z'],
    ['2026-11-22T08:00:00.5+02:00', '2026-11-22T06:00:00.500Z'],
    ['2024-02-29', '2024-02-29T23:59:59.999Z'],
  ])('%j is %s', (text, iso) => {
    const r = parseAsOf(text);
    expect('ms' in r && new Date(r.ms).toISOString()).toBe(iso);
  });

  it.each(['', 'yesterday', '2026-13-01', '2026-02-30', '2025-02-29', '22/11/2026', '2026-11-22T08:00:00', '1764000000'])('%j is refused with a message', (text) => {
    const r = parseAsOf(text);
    expect('error' in r && r.error).toMatch(/is not a date: give YYYY-MM-DD or a full ISO time/);
  });
});

/** Any time after every export here: the import time the host would pass. */
const IMPORTED = Date.UTC(2026, 11, 1, 12);

function asOfOf(files: FileInput[], importTime = IMPORTED) {
  const s = new ImportSession();
  s.addFiles(files);
  return defaultAsOf(s.files, s.graph, importTime);
}

describe('the default analysis date', () => {
  it('is the credential report GeneratedTime of the demo, whatever the import time', () => {
    for (const importTime of [IMPORTED, Date.UTC(2030, 0, 1)]) {
      const a = asOfOf(demoFiles(), importTime);
      expect(a).toMatchObject({ time: '2026-11-22T08:05:00.000Z', source: 'export' });
      expect(a.detail).toBe("the credential report's GeneratedTime of iam-get-credential-report.json");
    }
  });

  it.skipIf(!hasPublicCorpus)('is the GeneratedTime of a real credential report (cloudmapper demo)', () => {
    const a = asOfOf([publicFile('cloudmapper/account-data/demo/us-east-1/iam-get-credential-report.json')]);
    expect(a).toMatchObject({ time: '2019-05-07T15:40:22.000Z', source: 'export' });
  });

  it('without a generation time, is the newest past-event timestamp, never a future one', () => {
    const gaad = {
      UserDetailList: [{ UserName: 'a', Arn: 'arn:aws:iam::111122223333:user/a', UserId: 'AIDA1', Path: '/', CreateDate: '2024-03-01T10:00:00Z' }],
      RoleDetailList: [
        { RoleName: 'r', Arn: 'arn:aws:iam::111122223333:role/r', RoleId: 'AROA1', Path: '/', CreateDate: '2023-01-01T00:00:00Z', RoleLastUsed: { LastUsedDate: '2025-06-30T09:15:00Z', Region: 'eu-west-1' } },
        // A clock-skewed (or forged) date after the import is not when the export was taken.
        { RoleName: 'skewed', Arn: 'arn:aws:iam::111122223333:role/skewed', RoleId: 'AROA2', Path: '/', CreateDate: '2031-01-01T00:00:00Z' },
      ],
      GroupDetailList: [],
      Policies: [],
    };
    const a = asOfOf([textFile('gaad.json', JSON.stringify(gaad))]);
    expect(a).toMatchObject({ time: '2025-06-30T09:15:00.000Z', source: 'newest-timestamp' });
    expect(a.detail).toBe('newest timestamp in the exports (lastUsed of r)');
  });

  it('without any date in the exports, is the import time', () => {
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] };
    expect(asOfOf([textFile('policy.json', JSON.stringify(policy))])).toMatchObject({ ms: IMPORTED, source: 'import-time' });
  });

  it('ignores a generation time after the import and warns about one that is not a time', () => {
    const csv = 'user,arn,user_creation_time,password_enabled\nu,arn:aws:iam::111122223333:user/u,2020-01-01T00:00:00+00:00,false\n';
    const future = asOfOf([textFile('r.json', JSON.stringify({ Content: csv, ReportFormat: 'text/csv', GeneratedTime: '2040-01-01T00:00:00Z' }))]);
    expect(future).toMatchObject({ time: '2020-01-01T00:00:00.000Z', source: 'newest-timestamp' });
    const s = new ImportSession();
    const [report] = s.addFiles([textFile('r.json', JSON.stringify({ Content: csv, ReportFormat: 'text/csv', GeneratedTime: 'last tuesday' }))]);
    expect(report!.warnings.join()).toMatch(/GeneratedTime is not a timestamp/);
  });
});
