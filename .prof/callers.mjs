import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const target = process.argv[3];
const byId = new Map(p.nodes.map(n => [n.id, n])); const parent = new Map();
for (const n of p.nodes) for (const c of n.children || []) parent.set(c, n.id);
const dt = new Map(); for (let i=0;i<p.samples.length;i++) dt.set(p.samples[i], (dt.get(p.samples[i])||0)+(p.timeDeltas[i]||0));
const stacks = new Map();
for (const n of p.nodes) { if (n.callFrame.functionName !== target) continue; const t = dt.get(n.id)||0; if (!t) continue;
  const chain=[]; let id=parent.get(n.id); while(id && chain.length<14){const m=byId.get(id); chain.push(`${m.callFrame.functionName||'anon'}@${m.callFrame.url.replace(/.*node_modules\//,'').replace(/.*wt-perf\//,'')}:${m.callFrame.lineNumber}`); id=parent.get(id);}
  const k=chain.join(' < '); stacks.set(k,(stacks.get(k)||0)+t); }
for (const [k,v] of [...stacks].sort((a,b)=>b[1]-a[1]).slice(0,6)) console.log((v/1000).toFixed(0)+'ms', k, '\n');
