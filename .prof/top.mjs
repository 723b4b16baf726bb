import { readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const self = new Map(); const byId = new Map(p.nodes.map(n => [n.id, n]));
const dt = new Map(); for (let i=0;i<p.samples.length;i++){ dt.set(p.samples[i], (dt.get(p.samples[i])||0) + (p.timeDeltas[i]||0)); }
let total=0;
for (const n of p.nodes){ const t=dt.get(n.id)||0; total+=t; const cf=n.callFrame; const key=`${cf.functionName||'(anon)'} ${cf.url.replace(/.*node_modules\//,'nm/').replace(/.*wt-perf\//,'')}:${cf.lineNumber}`; self.set(key,(self.get(key)||0)+t); }
const byFile = new Map();
for (const n of p.nodes){ const t=dt.get(n.id)||0; const u=n.callFrame.url; const m=u.match(/node_modules\/((@[^/]+\/)?[^/]+)/); const k=m?m[1]:(u.includes('wt-perf')?u.replace(/.*wt-perf\//,'').split('/').slice(0,2).join('/'):(u||n.callFrame.functionName)); byFile.set(k,(byFile.get(k)||0)+t); }
console.log('total ms', (total/1000).toFixed(0));
console.log([...byFile].sort((a,b)=>b[1]-a[1]).slice(0,25).map(([k,v])=>`${(100*v/total).toFixed(1).padStart(5)}% ${k}`).join('\n'));
console.log('---');
console.log([...self].sort((a,b)=>b[1]-a[1]).slice(0,30).map(([k,v])=>`${(100*v/total).toFixed(1).padStart(5)}% ${k}`).join('\n'));
