'use strict';
// Markdown report of one bench/run.sh run: medians per (scenario, system) of the peers' suite, ratios of OrleansChat
// against signalr-bare and socketio, and the acknowledged-send, start-up and connection figures.
//   node bench/report.js results/<stamp>.jsonl [results/<stamp>-connections.jsonl]
const fs = require('fs');

const lines = process.argv.slice(2).filter((f) => fs.existsSync(f))
  .flatMap((f) => fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => ({ ...JSON.parse(l), file: f })));
const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  return v.length ? v[Math.floor((v.length - 1) / 2)] : null;
};
const fmt = (x, d = 1) => (x === null || x === undefined ? '–' : Number(x).toFixed(d));
const ratio = (a, b) => (a === null || b === null || b === 0 ? '–' : (a / b).toFixed(2));

const groups = new Map();
for (const l of lines) {
  if (!l.scenario || !l.system) continue;
  const scenario = l.file.includes('-connections') ? 'connections' : l.scenario;
  const key = `${scenario}|${l.system}`;
  if (!groups.has(key)) groups.set(key, []);
  groups.get(key).push(l);
}
const stat = (scenario, system, field) => median((groups.get(`${scenario}|${system}`) || []).map((l) => l[field]));
const sum = (scenario, system, field) => (groups.get(`${scenario}|${system}`) || []).reduce((a, l) => a + (l[field] || 0), 0);

const out = [];
const peersRan = [...groups.keys()].some((k) => ['fanout', 'rooms', 'ramp', 'connections'].includes(k.split('|')[0]));
if (peersRan) {
out.push('| scenario | system | runs | p50 ms | p99 ms | deliveries/s | server µs/delivery | server peak RSS MB | ramp rate msg/s | lost | dup | reorder |');
out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const scenario of ['fanout', 'rooms', 'ramp', 'connections']) {
  for (const system of ['signalr-bare', 'socketio', 'orleanschat']) {
    const runs = (groups.get(`${scenario}|${system}`) || []).length;
    if (!runs) continue;
    out.push(`| ${scenario} | ${system} | ${runs} | ${fmt(stat(scenario, system, 'p50_ms'), 2)} | ${fmt(stat(scenario, system, 'p99_ms'), 2)} | ${fmt(stat(scenario, system, 'deliveries_per_s'), 0)} | ${fmt(stat(scenario, system, 'server_cpu_us_per_delivery'), 1)} | ${fmt(stat(scenario, system, 'server_rss_peak_mb'), 0)} | ${fmt(stat(scenario, system, 'sustainable_rate'), 0)} | ${sum(scenario, system, 'lost')} | ${sum(scenario, system, 'dup')} | ${sum(scenario, system, 'out_of_order')} |`);
  }
}
out.push('');
out.push('Ratios (OrleansChat ÷ peer, medians):');
out.push('');
out.push('| scenario | figure | ÷ signalr-bare | ÷ socketio |');
out.push('| --- | --- | --- | --- |');
const o = (s, f) => stat(s, 'orleanschat', f);
for (const [scenario, field, label] of [
  ['ramp', 'sustainable_rate', 'sustainable rate'],
  ['fanout', 'p99_ms', 'p99'],
  ['fanout', 'server_cpu_us_per_delivery', 'CPU per delivery'],
  ['rooms', 'p99_ms', 'p99'],
  ['rooms', 'server_cpu_us_per_delivery', 'CPU per delivery'],
  ['connections', 'server_rss_peak_mb', 'peak memory'],
]) {
  out.push(`| ${scenario} | ${label} | ${ratio(o(scenario, field), stat(scenario, 'signalr-bare', field))} | ${ratio(o(scenario, field), stat(scenario, 'socketio', field))} |`);
}
}
const acked = lines.filter((l) => l.scenario === 'acked-sends');
if (acked.length) {
  // Medians per (system, store, connections) over the rounds; errors, gaps and missing acks summed.
  const rows = new Map();
  for (const a of acked) {
    const key = `${a.system}|${a.label}|${a.rooms}|${a.connections}`;
    if (!rows.has(key)) rows.set(key, []);
    rows.get(key).push(a);
  }
  const ceiling = (a) => median((rows.get(`signalr-bare|none|${a.rooms}|${a.connections}`) || []).map((r) => r.acked_per_s));
  out.push('');
  out.push('| acknowledged sends | system | store | runs | acked/s | ÷ bare SignalR | ack p50 ms | ack p99 ms | errors | gaps | acked but missing | server CPU % | server µs/ack |');
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const runs of rows.values()) {
    const a = runs[0];
    const m = (field) => median(runs.map((r) => r[field]));
    const total = (field) => runs.reduce((x, r) => x + (r[field] || 0), 0);
    const perAck = m('server_cpu_pct') !== null && m('acked_per_s') ? (m('server_cpu_pct') / 100) * 1e6 / m('acked_per_s') : null;
    const vsCeiling = a.system === 'signalr-bare' ? '1' : ratio(m('acked_per_s'), ceiling(a));
    out.push(`| ${a.rooms} rooms, ${a.connections} connections × ${a.params.inflight} in flight | ${a.system} | ${a.label} | ${runs.length} | ${fmt(m('acked_per_s'), 0)} | ${vsCeiling} | ${fmt(m('ack_p50_ms'), 2)} | ${fmt(m('ack_p99_ms'), 2)} | ${total('errors')} | ${a.system === 'signalr-bare' ? '–' : total('gaps')} | ${a.system === 'signalr-bare' ? '–' : total('missing_acked')} | ${fmt(m('server_cpu_pct'))} | ${fmt(perAck, 0)} |`);
  }
}
const searches = lines.filter((l) => l.scenario === 'search');
if (searches.length) {
  out.push('');
  out.push('| message search | store | messages | seed s | band | queries | p50 ms | p95 ms | max ms | hits/query | sizes MB |');
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const s of searches) {
    const sizes = Object.entries(s.sizes).map(([k, v]) => `${k.replace(/MB$/, '')} ${v}`).join(', ');
    for (const b of s.bands) {
      out.push(`| user in ${s.MemberRooms} of ${s.Rooms} rooms | ${s.store} | ${s.Messages} | ${s.seedSeconds} | ${b.band} | ${b.queries} | ${fmt(b.p50, 2)} | ${fmt(b.p95, 2)} | ${fmt(b.max, 1)} | ${fmt(b.meanHits, 1)} | ${sizes} |`);
    }
  }
}
const startup = lines.filter((l) => l.scenario === 'startup');
for (const s of startup) {
  out.push('');
  out.push(`Start-up (median of ${s.rounds.length}): page served after ${s.page_ms} ms, first chat connection accepted after ${s.connected_ms} ms.`);
}
const files = lines.filter((l) => l.scenario === 'files');
if (files.length) {
  out.push('');
  out.push('| files | store | rounds | upload MB/s (median) | best | download MB/s (median) | best |');
  out.push('| --- | --- | --- | --- | --- | --- | --- |');
  for (const f of files) out.push(`| ${f.sizeMb} MB file | ${f.label} | ${f.rounds} | ${f.uploadMBps} | ${f.uploadBestMBps} | ${f.downloadMBps} | ${f.downloadBestMBps} |`);
}
const scaleRooms = lines.filter((l) => l.scenario === 'scale-room');
if (scaleRooms.length) {
  const load = (l) => (l.load_avg ? l.load_avg[0].toFixed(1) : '–');
  out.push('');
  out.push('| one room: members | seeded/s | join p50 ms | join p99 ms | join answer bytes (max) | page p50 ms | page p99 ms | filtered page p50 / p99 ms | no-match filter p99 ms | CPU ms per online/offline change | net of a connection\'s own | CPU ms per away change | watcher pushes per change | load avg |');
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const l of scaleRooms) {
    out.push(`| ${l.members_at_measure}${l.seed_incomplete ? ` (of ${l.size}: seeding stopped)` : ''} | ${fmt(l.seed_per_s)} | ${fmt(l.join_p50_ms, 1)} | ${fmt(l.join_p99_ms, 1)} | ${l.join_bytes_max} | ${fmt(l.page_p50_ms, 2)} | ${fmt(l.page_p99_ms, 2)} | ${fmt(l.filter_p50_ms, 2)} / ${fmt(l.filter_p99_ms, 2)} | ${fmt(l.filter_miss_p99_ms, 2)} | ${fmt(l.cpu_ms_per_change, 2)} | ${fmt(l.net_cpu_ms_per_change, 2)} | ${fmt(l.away_cpu_ms_per_change, 2)} | ${fmt(l.watcher_pushes_per_change, 2)} | ${load(l)} |`);
  }
}
const scaleConns = lines.filter((l) => l.scenario === 'scale-connections');
if (scaleConns.length) {
  const bare = (n) => scaleConns.find((l) => l.system === 'signalr-bare' && l.connections_asked === n);
  out.push('');
  out.push('| connections | system | connected | capped by | lost | dup | p99 ms | server idle RSS MB | peak RSS MB | KB per connection | ÷ signalr-bare | settled RSS MB | settled KB per connection | ÷ signalr-bare | load avg |');
  out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const l of scaleConns) {
    const b = l.system === 'orleanschat' ? bare(l.connections_asked) : null;
    out.push(`| ${l.connections_asked} | ${l.system} | ${l.connections ?? '–'} | ${(l.capped_by || []).join(', ') || '–'} | ${l.lost ?? '–'} | ${l.dup ?? '–'} | ${fmt(l.p99_ms, 1)} | ${fmt(l.server_idle_rss_mb, 0)} | ${fmt(l.server_rss_peak_mb, 0)} | ${fmt(l.kb_per_connection, 1)} | ${b ? ratio(l.kb_per_connection, b.kb_per_connection) : '–'} | ${fmt(l.server_settled_rss_mb, 0)} | ${fmt(l.kb_per_connection_settled, 1)} | ${b ? ratio(l.kb_per_connection_settled, b.kb_per_connection_settled) : '–'} | ${l.load_avg ? l.load_avg[0].toFixed(1) : '–'} |`);
  }
  // The same runs by kind of memory (PSS from smaps_rollup at its highest sample): what the connections cost in memory
  // the process allocated (anonymous), apart from its libraries and database map (file) and JIT code (shared memory).
  if (scaleConns.some((l) => l.kb_per_connection_pss != null)) {
    out.push('');
    out.push('| connections | system | idle PSS MB | peak PSS MB | KB per connection (PSS) | ÷ signalr-bare | grown: anonymous / file / shared MB | anonymous KB per connection | ÷ signalr-bare |');
    out.push('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const l of scaleConns.filter((x) => x.kb_per_connection_pss != null)) {
      const b = l.system === 'orleanschat' ? bare(l.connections_asked) : null;
      const g = l.pss_grown_mb || {};
      out.push(`| ${l.connections_asked} | ${l.system} | ${fmt(l.server_idle_pss_mb, 0)} | ${fmt(l.server_peak_pss_mb, 0)} | ${fmt(l.kb_per_connection_pss, 1)} | ${b ? ratio(l.kb_per_connection_pss, b.kb_per_connection_pss) : '–'} | ${fmt(g.anon, 0)} / ${fmt(g.file, 0)} / ${fmt(g.shmem, 0)} | ${fmt(l.kb_per_connection_anon, 1)} | ${b ? ratio(l.kb_per_connection_anon, b.kb_per_connection_anon) : '–'} |`);
    }
  }
  // The slope between two sizes of one system (each its latest run): KB of peak RSS per added connection, which leaves
  // out what a process grows by once whatever the count (JIT code, caches, the silo's own start).
  const slope = (system) => {
    const runs = scaleConns.filter((l) => l.system === system && l.connections && l.server_rss_peak_mb);
    const sizes = [...new Set(runs.map((l) => l.connections))].sort((a, b) => a - b);
    if (sizes.length < 2) return null;
    const at = (n) => runs.filter((l) => l.connections === n).pop();
    const [lo, hi] = [at(sizes[0]), at(sizes[1])];
    return { from: lo.connections, to: hi.connections, kb: ((hi.server_rss_peak_mb - lo.server_rss_peak_mb) * 1024) / (hi.connections - lo.connections) };
  };
  const [sb, so] = [slope('signalr-bare'), slope('orleanschat')];
  if (sb || so) {
    out.push('');
    out.push('| system | peak RSS per added connection (slope) | between | ÷ signalr-bare |');
    out.push('| --- | --- | --- | --- |');
    for (const [name, s] of [['signalr-bare', sb], ['orleanschat', so]]) {
      if (s) out.push(`| ${name} | ${fmt(s.kb, 1)} KB | ${s.from} and ${s.to} | ${name === 'orleanschat' && sb ? ratio(s.kb, sb.kb) : '–'} |`);
    }
  }
}
console.log(out.join('\n'));
