/**
 * What every table-driven import test (repository fixtures and the public corpus alike) checks
 * first of a file's report: it imported, in the format expected, with no error and no warning.
 * Each table then checks its own counts, notes and dropped secrets.
 */
import { expect } from 'vitest';
import type { FileReport } from '../model/fragment';

export function expectCleanImport(report: FileReport, format: string): void {
  expect(report.errors).toEqual([]);
  expect(report.warnings).toEqual([]);
  expect(report.status).toBe('imported');
  expect(report.format).toBe(format);
}
