'use strict';
// Start-up time: from spawning the all-in-one process (fresh data directory) to its page being served and one chat
// connection being accepted. Bounded: 30 s at most, polled every 10 ms.
//   node bench/startup.js --port 5098 [--rounds 3] [--out FILE]
const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const adapter = require('./adapter');

const argv = process.argv.slice(2);
const arg = (name, fallback) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : fallback; };
const port = Number(arg('port', 5098));
const rounds = Number(arg('rounds', 3));
const out = arg('out', null);
const now = () => { const t = process.hrtime(); return t[0] * 1e3 + t[1] / 1e6; };

async function once() {
  const t0 = now();
  const server = spawn(path.join(__dirname, 'serve.sh'), [String(port)], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  let pageMs = null;
  try {
    while (now() - t0 < 30000) {
      try {
        const res = await fetch(url + '/');
        if (res.ok && (await res.text()).includes('OrleansChat')) { pageMs = now() - t0; break; }
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 10));
    }
    if (pageMs === null) throw new Error('the page was not served within 30 s');
    const conn = await adapter.connect(url);
    const connectedMs = now() - t0;
    await adapter.close(conn);
    return { page_ms: Math.round(pageMs), connected_ms: Math.round(connectedMs) };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => { server.on('exit', r); setTimeout(r, 10000); });
  }
}

(async () => {
  const results = [];
  for (let i = 0; i < rounds; i++) results.push(await once());
  const median = (k) => results.map((r) => r[k]).sort((a, b) => a - b)[Math.floor(results.length / 2)];
  const line = { system: 'orleanschat', scenario: 'startup', rounds: results, page_ms: median('page_ms'), connected_ms: median('connected_ms'), ts: new Date().toISOString() };
  console.log(JSON.stringify(line));
  if (out) fs.appendFileSync(out, JSON.stringify(line) + '\n');
})().catch((e) => { console.error(e); process.exit(2); });
