/**
 * Resource types by ARN: the matcher that replaced the catalogue's RegExps decides the same
 * language on every format of the catalogue, and stays fast on hostile ARNs that made the
 * RegExps backtrack.
 */
import { describe, expect, it } from 'vitest';
import data from './generated/aws-catalogue.js';
import { arnFormatMatcher, loadAwsCatalogue } from './catalogue';

const catalogue = await loadAwsCatalogue();

/** The former matcher, kept here as the reference. */
function referenceRegex(format: string): RegExp {
  const src = format
    .split(/(\$\{[^}]+\})/)
    .map((p) => (!p.startsWith('${') ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : /^\$\{(Partition|Region|Account)\}$/.test(p) ? '[^:]*' : '.+'))
    .join('');
  return new RegExp(`^${src}$`);
}

/** ARNs built from each format with several fillings: plain, empty, with `/` and `:`. */
function samples(format: string): string[] {
  const fills = ['x', '', 'a/b:c'];
  return fills.flatMap((fill) => [format.replace(/\$\{[^}]+\}/g, fill), format.replace(/\$\{(Partition|Region|Account)\}/g, fill).replace(/\$\{[^}]+\}/g, 'v')]);
}

describe('resource types of an ARN', () => {
  it('agree with the former RegExps on every catalogue format', () => {
    let compared = 0;
    for (const entry of Object.values(data.services)) {
      const arns = entry.r.flatMap(([, format]) => samples(format));
      for (const [, format] of entry.r) {
        const re = referenceRegex(format);
        const matches = arnFormatMatcher(format);
        for (const arn of arns) {
          if (matches(arn) !== re.test(arn)) expect({ format, arn, matches: matches(arn) }).toEqual({ format, arn, matches: re.test(arn) });
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(50_000);
  }, 60_000);

  it.each([
    ['apigateway', `arn:aws:apigateway:us-east-1::/restapis/${'x/resources/y/methods/'.repeat(150)}Z`],
    ['s3', `arn:aws:s3:::${'a/'.repeat(1000)}`],
    ['iam', `arn:aws:iam::111122223333:role/${'a/'.repeat(1000)}`],
    ['s3', `arn:aws:s3:::${'a'.repeat(100_000)}`],
  ])('a hostile %s ARN is typed at once', (service, arn) => {
    const started = performance.now();
    catalogue.resourceTypesOf(service, arn);
    catalogue.actionsOn(service, arn);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('expands Action patterns through the same wildcard matcher', () => {
    expect(catalogue.expand('iam:?assRole').map((a) => a.id)).toEqual(['iam:PassRole']);
    expect(catalogue.expand(`s3:${'*a'.repeat(40)}Z`)).toEqual([]);
    expect(catalogue.expand('S?:GetObject').map((a) => a.id)).toContain('s3:GetObject');
  });
});
