/** The HCL subset reader: what policies use, errors by line and column, recovery, no blow-ups. */
import { describe, expect, it } from 'vitest';
import { MAX_HCL_DEPTH, parseHcl } from './hcl';
import { parsePolicyText } from './policy';

describe('HCL subset', () => {
  it('reads blocks, labels, lists, objects, numbers, booleans and escapes', () => {
    const doc = parseHcl('name = "x"\npath "a/\\"b\\"" {\n  capabilities = ["read",]\n  allowed_parameters = { "k" = [] k2 = ["v", 1, true] }\n  min_wrapping_ttl = 1.5e3\n}');
    expect(doc.errors).toEqual([]);
    expect(doc.items.map((i) => i.keys)).toEqual([['name'], ['path', 'a/"b"']]);
    const body = doc.items[1]!.value;
    expect(body.t === 'object' && body.items.map((i) => [i.keys[0], i.value.t, i.line])).toEqual([
      ['capabilities', 'list', 3],
      ['allowed_parameters', 'object', 4],
      ['min_wrapping_ttl', 'number', 5],
    ]);
  });

  it.each<[string, string, string]>([
    ['an unclosed string', 'path "a {\n}', 'line 1, column 6: a string is not closed on its line'],
    ['an unclosed comment', '/* never\npath "a" {}', 'line 1, column 1: a /* comment is never closed'],
    ['a heredoc', 'path "a" {\n  capabilities = <<EOF\nread\nEOF\n}', 'line 2, column 18: heredoc strings (<<EOF) are not read; write the value as a quoted string'],
    ['a missing =', 'path "a" {\n  capabilities ["read"]\n}', 'line 2, column 16: expected "=" or "{" after "capabilities", found "["'],
    ['an unclosed block', 'path "a" {\n  capabilities = ["read"]\n', 'line 1, column 10: a block { is never closed'],
    ['a stray character', 'path "a" { capabilities = ["read"] ; }', 'line 1, column 36: unexpected character ";"'],
  ])('reports %s by line and column', (_what, text, message) => {
    const p = parsePolicyText(text);
    expect(p.warnings[0]).toBe(`${message}; the block there was not read (a block that does not parse is shown nowhere: it may have denied something)`);
    expect(p.incomplete).toBe(true);
  });

  it('resumes at the next path block after an error', () => {
    const p = parsePolicyText('path "a" {\n  capabilities = ["read"\n}\npath "b" {\n  capabilities = ["list"]\n}\npath "c" { capabilities = ["update"] }');
    expect(p.rules.map((r) => [r.path, r.line])).toEqual([['b', 4], ['c', 7]]);
    expect(p.warnings).toHaveLength(1);
  });

  it(`refuses nesting deeper than ${MAX_HCL_DEPTH} levels without overflowing the stack`, () => {
    const deep = `path "a" { x = ${'['.repeat(200_000)} }\npath "b" { capabilities = ["read"] }`;
    const p = parsePolicyText(deep);
    expect(p.warnings[0]).toMatch(/nested more than 32 levels deep/);
    expect(p.rules.map((r) => r.path)).toEqual(['b']);
  });

  it('stays linear: 20,000 blocks and a 2 MB comment', () => {
    const text = `/* ${'x'.repeat(2_000_000)} */\n${Array.from({ length: 20_000 }, (_, i) => `path "p/${i}/*" { capabilities = ["read"] }`).join('\n')}`;
    const p = parsePolicyText(text);
    expect(p.rules).toHaveLength(20_000);
  });

  it('gives up after 20 errors instead of rescanning the text for ever', () => {
    const text = Array.from({ length: 5_000 }, () => 'path "a" {').join('\n');
    const p = parsePolicyText(text);
    expect(p.warnings.length).toBe(20);
  });

  it('warns about what Vault would refuse, and keeps the rest', () => {
    const p = parsePolicyText('path "a" { capabilities = ["read", "admin", 5] }\npath "b+*" { capabilities = ["read"] }\npath "c" { policy = "bogus" }\npath "d" { colour = "red"\n capabilities = ["list"] }\nvariable "x" {}');
    expect(p.warnings).toEqual([
      'line 1: path "a": capabilities holds "admin", not a capability; ignored',
      'line 1: path "a": capabilities holds "5", not a capability; ignored',
      'line 2: path "b+*": \'+*\' is forbidden in a policy path (Vault refuses the policy); ignored',
      'line 3: path "c": policy = "bogus" is not deny, read, write or sudo; ignored',
      'line 3: path "c": no capabilities; the block grants nothing',
      'line 4: path "d": unknown key "colour" (Vault refuses a policy with it); ignored',
      'line 6: unknown top-level key "variable" (Vault refuses a policy with it); ignored',
    ]);
    expect(p.rules.map((r) => [r.path, r.caps])).toEqual([
      ['a', ['read']],
      ['c', []],
      ['d', ['list']],
    ]);
  });
});
