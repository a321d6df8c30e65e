/**
 * The OpenGraph export validates against BloodHound CE's own ingest schemas
 * (../shared/data/bloodhound-opengraph, read in place; skipped with a notice where absent), keeps
 * the graph whole (every node, every edge, the reach steps), and carries hostile names as plain
 * strings without touching any prototype.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { ImportSession } from '../graph/session';
import { analyze, type Analysis } from '../analysis/analysis';
import { demoFiles, repoFile, textFile } from '../test-support/public-corpus';
import { toOpenGraph, type OpenGraph } from './opengraph';
import { edgeType, nodeLabel } from './engine-model';
import { EDGE_KINDS, NODE_KINDS } from '../model/kinds';
import '../providers';

const SCHEMAS = resolve(__dirname, '../../../../shared/data/bloodhound-opengraph');
const hasSchemas = ['node.json', 'edge.json', 'metadata.json'].every((f) => existsSync(resolve(SCHEMAS, f)));
if (!hasSchemas) console.warn(`\n*** NOTICE: BloodHound OpenGraph schemas not found at ${SCHEMAS}; OpenGraph schema validation is SKIPPED ***\n`);

const AS_OF = Date.parse('2026-11-22T08:05:00Z');

async function analysed(files = demoFiles()): Promise<Analysis> {
  const s = new ImportSession();
  s.addFiles(files);
  return analyze(s.graph, { asOf: AS_OF });
}

const schema = (name: string) => JSON.parse(readFileSync(resolve(SCHEMAS, name), 'utf8')) as Record<string, unknown>;

/** The README's rules beyond the schemas: arrays homogeneous and of primitives. */
function flatnessErrors(where: string, props: Record<string, unknown> | null | undefined): string[] {
  const errors: string[] = [];
  for (const [k, v] of Object.entries(props ?? {})) {
    if (Array.isArray(v)) {
      const types = new Set(v.map((x) => (x === null ? 'null' : typeof x)));
      if (types.size > 1 || [...types].some((t) => t !== 'string' && t !== 'number' && t !== 'boolean')) errors.push(`${where}.${k}: array of ${[...types].join('/')}`);
    } else if (typeof v !== 'string' && typeof v !== 'boolean' && !(typeof v === 'number' && Number.isFinite(v))) errors.push(`${where}.${k}: ${typeof v}`);
  }
  return errors;
}

describe('OpenGraph export (BloodHound CE)', () => {
  let demo: Analysis;
  let og: OpenGraph;
  beforeAll(async () => {
    demo = await analysed();
    og = toOpenGraph(demo);
  });

  it.skipIf(!hasSchemas)('every node, every edge and the metadata validate against the BloodHound schemas', async () => {
    // The schemas declare no `$schema`: JSON Schema draft-07 semantics, ajv's default class.
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    const node = ajv.compile(schema('node.json'));
    const edge = ajv.compile(schema('edge.json'));
    const metadata = ajv.compile(schema('metadata.json'));
    // The validators do reject what BloodHound rejects.
    expect(node({ id: 'x', kinds: ['A', 'B', 'C', 'D'] })).toBe(false);
    expect(node({ id: 'x', kinds: ['A'], properties: { nested: { a: 1 } } })).toBe(false);
    expect(node({ id: 'x', kinds: ['A'], properties: { list: [{ a: 1 }] } })).toBe(false);
    expect(edge({ start: { value: 'x' }, kind: 'K' })).toBe(false);
    const hostile = toOpenGraph(await analysed([repoFile('aws/hostile-names.json')]));
    for (const doc of [og, hostile]) {
      // As BloodHound receives it: the JSON text.
      const parsed = JSON.parse(JSON.stringify(doc)) as OpenGraph;
      expect(metadata(parsed.metadata), JSON.stringify(metadata.errors)).toBe(true);
      const errors: string[] = [];
      for (const n of parsed.graph.nodes) if (!node(n as unknown)) errors.push(`node ${n.id}: ${ajv.errorsText(node.errors)}`);
      for (const e of parsed.graph.edges) if (!edge(e as unknown)) errors.push(`edge ${e.start.value} -> ${e.end.value}: ${ajv.errorsText(edge.errors)}`);
      for (const n of parsed.graph.nodes) errors.push(...flatnessErrors(`node ${n.id}`, n.properties));
      for (const e of parsed.graph.edges) errors.push(...flatnessErrors(`edge ${e.properties.key as string}`, e.properties));
      expect(errors).toEqual([]);
    }
  });

  it('holds every node and edge of the graph, edges by node id, plus the reach index implicit steps', () => {
    expect(og.metadata).toEqual({ source_kind: 'Blastmap' });
    expect(og.graph.nodes).toHaveLength(demo.graph.order);
    const ids = new Set(og.graph.nodes.map((n) => n.id));
    expect(ids.size).toBe(demo.graph.order);
    for (const e of og.graph.edges) {
      expect(e.start.match_by).toBe('id');
      expect(ids.has(e.start.value) && ids.has(e.end.value)).toBe(true);
    }
    const real = og.graph.edges.filter((e) => e.properties.kind !== 'admin-of' && e.properties.kind !== 'member-of-set');
    expect(real).toHaveLength(demo.graph.size);
    // Every step of the reach index is one `reach` edge, and nothing else is.
    expect(og.graph.edges.filter((e) => e.properties.reach === true)).toHaveLength(demo.reach.size);
    expect(og.graph.edges.some((e) => e.kind === 'BM_AdminOf')).toBe(true);
    expect(og.graph.edges.some((e) => e.kind === 'BM_StandsFor')).toBe(true);
  });

  it('prefixes every kind (BM_), first the Blastmap kind, then the category', () => {
    for (const n of og.graph.nodes) {
      expect(n.kinds.length).toBeGreaterThanOrEqual(1);
      expect(n.kinds.length).toBeLessThanOrEqual(3);
      for (const k of n.kinds) expect(k).toMatch(/^BM_[A-Za-z0-9_]+$/);
    }
    for (const e of og.graph.edges) expect(e.kind).toMatch(/^BM_[A-Za-z0-9_]+$/);
    const role = og.graph.nodes.find((n) => n.id === 'arn:aws:iam::210987654321:user/service/svc-jenkins-deploy')!;
    expect(role.kinds).toEqual(['BM_AWSUser', 'BM_Identity']);
    expect(og.graph.nodes.find((n) => n.properties.kind === 'k8s.serviceAccount')!.kinds).toEqual(['BM_K8sServiceAccount', 'BM_Identity']);
    expect(og.graph.nodes.find((n) => n.properties.kind === 'adminAccess')!.kinds).toEqual(['BM_AdminAccess', 'BM_Principal']);
    expect(og.graph.edges.some((e) => e.kind === 'BM_EscalatesTo')).toBe(true);
    expect(og.graph.edges.some((e) => e.kind === 'BM_CanAssume')).toBe(true);
  });

  it('gives every registered kind its own label', () => {
    const nodeLabels = Object.keys(NODE_KINDS).map(nodeLabel);
    expect(new Set(nodeLabels).size).toBe(nodeLabels.length);
    const edgeTypes = Object.keys(EDGE_KINDS).map(edgeType);
    expect(new Set(edgeTypes).size).toBe(edgeTypes.length);
    expect(edgeTypes).not.toContain('BM_AdminOf');
    expect(edgeTypes).not.toContain('BM_StandsFor');
  });

  it('summarises evidence as flat strings and keeps technique ids', () => {
    const esc = og.graph.edges.find((e) => e.kind === 'BM_EscalatesTo' && e.start.value === 'arn:aws:iam::210987654321:user/service/svc-jenkins-deploy')!;
    expect(esc).toBeDefined();
    expect(typeof esc.properties.technique).toBe('string');
    const files = esc.properties.evidence_files as string[];
    expect(files.length).toBeGreaterThan(0);
    expect((esc.properties.evidence_locations as string[]).length).toBe(files.length);
    expect(esc.properties.reach).toBe(true);
    // Nested objects (policy documents, trust policies) are not carried.
    for (const n of og.graph.nodes) {
      expect(n.properties).not.toHaveProperty('document');
      expect(n.properties).not.toHaveProperty('trustPolicy');
    }
  });

  it('keeps hostile names as plain strings and pollutes no prototype', async () => {
    const a = await analysed([repoFile('aws/hostile-names.json')]);
    const doc = toOpenGraph(a);
    const text = JSON.stringify(doc);
    const parsed = JSON.parse(text) as OpenGraph;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
    const names = new Map<string, string>();
    a.graph.forEachNode((id, n) => names.set(id, n.name));
    for (const n of [...doc.graph.nodes, ...parsed.graph.nodes]) {
      expect(Object.prototype.hasOwnProperty.call(n.properties, 'name')).toBe(true);
      expect(n.properties.name).toBe(names.get(n.id));
    }
    const img = parsed.graph.nodes.find((n) => n.properties.name === '<img src=x onerror="window.__pwned=1">');
    expect(img).toBeDefined();
    expect(img!.id).toBe('arn:aws:iam::111122223333:user/<img src=x onerror="window.__pwned=1">');
    // A group named `__proto__` is a node like any other, its name a string.
    const proto = parsed.graph.nodes.find((n) => n.properties.name === '__proto__');
    expect(proto).toBeDefined();
    expect(typeof proto!.properties.name).toBe('string');
    // The tag keyed `__proto__` is a `key=value` string, not a property.
    expect(img!.properties.tags).toEqual(['__proto__=<script>window.__pwned=2</script>']);
    for (const n of doc.graph.nodes) expect(Object.getPrototypeOf(n.properties)).toBeNull();
    for (const e of doc.graph.edges) expect(Object.getPrototypeOf(e.properties)).toBeNull();
  });

  it('flattens attributes: scalars, homogeneous arrays, tag pairs; drops objects, odd names and non-finite numbers', async () => {
    const gaad = {
      UserDetailList: [
        {
          Path: '/',
          UserName: 'odd',
          UserId: 'AIDAODD',
          Arn: 'arn:aws:iam::111122223333:user/odd',
          CreateDate: '2024-01-01T00:00:00Z',
          GroupList: [],
          AttachedManagedPolicies: [],
          Tags: [{ Key: 'team', Value: 'a=b' }],
        },
      ],
      RoleDetailList: [],
      GroupDetailList: [],
      Policies: [],
    };
    const a = await analysed([textFile('gaad.json', JSON.stringify(gaad))]);
    // Attributes an importer kept from the export itself (unknown fields): names are the export's.
    const attrs = a.graph.getNodeAttributes('arn:aws:iam::111122223333:user/odd').attributes;
    Object.defineProperty(attrs, '__proto__', { value: 'x', enumerable: true, writable: true, configurable: true });
    Object.assign(attrs, { constructor: 'y', 'a b': 1, 'x:int': 2, nested: { x: 1 }, mixed: [1, 'a'], nums: [1, 2.5], objs: [{}], nan: Number.NaN, inf: Infinity, empty: [], name: 'shadow', attr_kind: 'z' });
    const n = toOpenGraph(a).graph.nodes.find((x) => x.id === 'arn:aws:iam::111122223333:user/odd')!;
    const p = n.properties;
    expect(p.name).toBe('odd');
    expect(p.attr_name).toBe('shadow');
    expect(p.attr_attr_kind).toBe('z');
    expect(p.constructor).toBe('y');
    expect(p.tags).toEqual(['team=a=b']);
    expect(p.mixed).toEqual(['1', 'a']);
    expect(p.nums).toEqual([1, 2.5]);
    for (const k of ['__proto__', 'a b', 'x:int', 'nested', 'objs', 'nan', 'inf', 'empty']) expect(Object.prototype.hasOwnProperty.call(p, k), k).toBe(false);
    expect(Object.getPrototypeOf(p)).toBeNull();
  });
});
