import { loadSession } from '../src/cli/analyze';
import { readFileSync } from 'node:fs';
const paths = process.argv.slice(2);
let ms = 0;
for (const p of paths) { const t = readFileSync(p, 'utf8'); const s = performance.now(); JSON.parse(t); ms += performance.now() - s; }
const t0 = performance.now();
const { session } = loadSession(paths);
const t1 = performance.now();
console.log(JSON.stringify({ parse: Math.round(ms), import: Math.round(t1 - t0), nodes: session.graph.order, edges: session.graph.size, rss: Math.round(process.memoryUsage().rss / 1e6), heap: Math.round(process.memoryUsage().heapUsed / 1e6) }));
