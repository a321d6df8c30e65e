/** IAM conditions: time decided against the analysis date, everything else left conditional. */
import { describe, expect, it } from 'vitest';
import { evaluateCondition } from './conditions';

const AS_OF = Date.parse('2025-06-01T00:00:00Z');

describe('IAM conditions', () => {
  it.each([
    ['request.time < timestamp("2030-01-01T00:00:00Z")', 'always'],
    ["request.time < timestamp('2020-01-01T00:00:00Z')", 'never'],
    ['request.time > timestamp("2026-01-01T00:00:00Z")', 'never'],
    ['request.time >= timestamp("2025-06-01T00:00:00Z")', 'always'],
    ['timestamp("2030-01-01T00:00:00Z") > request.time', 'always'],
    ['(request.time > timestamp("2025-01-01T00:00:00Z") && request.time < timestamp("2025-12-31T00:00:00Z"))', 'always'],
    ['request.time < timestamp("2030-01-01T00:00:00Z") && resource.name.startsWith("projects/p/secrets/a")', 'conditional'],
    ['request.time < timestamp("2020-01-01T00:00:00Z") && resource.name.startsWith("projects/p/secrets/a")', 'never'],
    ['request.time < timestamp("2020-01-01T00:00:00Z") || resource.type == "storage.googleapis.com/Bucket"', 'conditional'],
    ['resource.matchTag("123/env", "prod")', 'conditional'],
    ['request.time.getHours("Europe/Berlin") >= 9', 'conditional'],
    ['request.time < timestamp("not a date")', 'conditional'],
    ['  ', 'conditional'],
  ])('%s is %s', (expr, state) => {
    expect(evaluateCondition(expr, AS_OF).state).toBe(state);
  });

  it('says why', () => {
    expect(evaluateCondition('request.time < timestamp("2020-01-01T00:00:00Z")', AS_OF).reason).toBe('expired on 2020-01-01T00:00:00Z, before the analysis date');
    expect(evaluateCondition('request.time > timestamp("2026-01-01T00:00:00Z")', AS_OF).reason).toBe('starts on 2026-01-01T00:00:00Z, after the analysis date');
  });
});
