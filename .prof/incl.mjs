import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const byId = new Map(p.nodes.map(n => [n.id, n]));
const dt = new Map(); for (let i=0;i<p.samples.length;i++) dt.set(p.samples[i], (dt.get(p.samples[i])||0)+(p.timeDeltas[i]||0));
const incl = new Map();
function walk(id, seen) { const n = byId.get(id); let t = dt.get(id)||0; for (const c of n.children||[]) t += walk(c, seen); const k = `${n.callFrame.functionName||'anon'} ${n.callFrame.url.replace(/.*node_modules\//,'').replace(/.*wt-perf\//,'')}:${n.callFrame.lineNumber}`; if (!seen.has(k)) { incl.set(k,(incl.get(k)||0)+t); } return t; }
walk(p.nodes[0].id, new Set());
const total = dt.size ? [...dt.values()].reduce((a,b)=>a+b,0) : 1;
for (const [k,v] of [...incl].sort((a,b)=>b[1]-a[1]).slice(0, Number(process.argv[3]||60))) console.log((100*v/total).toFixed(1).padStart(5)+'%', k);
