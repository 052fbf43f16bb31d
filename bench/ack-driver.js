'use strict';
// Acknowledged sends: what the peers' driver lacks. Every send is an invocation of Send whose completion is the
// server's acknowledgement (after the durable commit), carrying the message's sequence number. Reports acknowledged
// sends per second and ack latency, then checks that every room's log is gap-free and holds exactly the acked sends.
//
//   node bench/ack-driver.js --url http://127.0.0.1:5000 --rooms 1000 --connections 1000 --inflight 1 --duration 20
// A connection may have up to 16 invocations running (the server pipelines a sender's sends and keeps their order);
// the published runs use one in flight per connection, every connection a user of its own.
//
// --system signalr-bare drives the peers' bare SignalR hub the same way (SendMessage awaited with invoke: its
// completion comes after the group send, nothing is stored): the ceiling of an acknowledged send through SignalR
// and this driver on this machine, measured in the same run. It has no log, so nothing is verified.
//
// Bounded: connect and join phases have timeouts, the measured phase a hard deadline, the drain a timeout.
const fs = require('fs');
const { uuidv7 } = require('./uuidv7');

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith('--') ? all[i + 1] : 'true']);
  return acc;
}, []));
const cfg = {
  url: args.url || 'http://127.0.0.1:5000',
  rooms: Number(args.rooms || 1000),
  connections: Math.min(Number(args.connections || 200), Number(args.rooms || 1000)),
  inflight: Number(args.inflight || 8),
  duration: Number(args.duration || 20),
  warmup: Number(args.warmup || 3),
  // One pid or several (a silo and a gateway): their CPU is summed. --also-user adds every process of that user
  // (PostgreSQL's backends) that runs through the whole measured window.
  serverPids: args['server-pid'] ? String(args['server-pid']).split(',').map(Number) : [],
  alsoUser: args['also-user'] || null,
  label: args.label || '',
  out: args.out || null,
  verifyRooms: Number(args['verify-rooms'] || 100),
  system: args.system || 'orleanschat',
};

// The acknowledged send of each system; resolves to the message's sequence number (null: the system has none).
const systems = {
  orleanschat: {
    adapter: require('./adapter'),
    send: async (c, room, id) => (await c.connection.invoke('Send', room, id, `ack ${id}`)).seq,
    verifiable: true,
  },
  'signalr-bare': {
    adapter: require('./signalr-bare-adapter'),
    send: async (c, room, id) => { await c.connection.invoke('SendMessage', room, `ack ${id}`, 0); return null; },
    verifiable: false,
  },
};
const system = systems[cfg.system];
if (!system) { console.error(`unknown --system ${cfg.system}`); process.exit(2); }
const adapter = system.adapter;

const now = () => { const t = process.hrtime(); return t[0] * 1e3 + t[1] / 1e6; };
const percentile = (sorted, p) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null;
function cpuTicks(pid) {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch { return null; }
}
function uidOf(user) {
  const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${user}:`));
  return line ? Number(line.split(':')[2]) : null;
}
// pid -> CPU ticks of the server processes (and of --also-user's processes) now.
function serverTicks() {
  const ticks = new Map();
  for (const pid of cfg.serverPids) ticks.set(pid, cpuTicks(pid));
  const uid = cfg.alsoUser ? uidOf(cfg.alsoUser) : null;
  if (uid !== null) {
    for (const entry of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const m = /^Uid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${entry}/status`, 'utf8'));
        if (m && Number(m[1]) === uid) ticks.set(Number(entry), cpuTicks(Number(entry)));
      } catch { /* exited */ }
    }
  }
  return ticks;
}
function cpuPercent(before, after, seconds) {
  let sum = 0; let any = false;
  for (const [pid, t0] of before) {
    const t1 = after.get(pid);
    if (t0 === null || t1 === null || t1 === undefined) continue;
    sum += t1 - t0; any = true;
  }
  return any ? Number((sum / 100 / seconds * 100).toFixed(1)) : null;
}
function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : null;
  } catch { return null; }
}

async function main() {
  const t0 = now();
  const conns = [];
  for (let i = 0; i < cfg.connections; i += 25) {
    const batch = await Promise.all(Array.from({ length: Math.min(25, cfg.connections - i) }, () => adapter.connect(cfg.url)));
    conns.push(...batch);
  }
  // Room k belongs to connection k % connections; every connection sends to its own rooms in turn.
  const roomsOf = conns.map(() => []);
  for (let k = 0; k < cfg.rooms; k++) roomsOf[k % conns.length].push(`ack-${k}`);
  for (let i = 0; i < conns.length; i += 25) {
    await Promise.all(conns.slice(i, i + 25).map(async (c, j) => { for (const r of roomsOf[i + j]) await adapter.join(c, r); }));
  }
  const setupS = (now() - t0) / 1000;

  const latencies = [];
  const acks = new Map(); // room -> Set(seq)
  let errors = 0;
  let recording = false;
  let stopAt = 0;

  async function lane(c, rooms, lanes) {
    let next = 0;
    while (now() < stopAt) {
      const room = rooms[next++ % rooms.length];
      const id = uuidv7();
      const start = now();
      try {
        const seq = await system.send(c, room, id);
        if (recording) latencies.push(now() - start);
        let set = acks.get(room);
        if (!set) acks.set(room, set = new Set());
        set.add(seq);
      } catch {
        errors += 1;
      }
    }
    lanes.count -= 1;
  }

  async function phase(seconds, record) {
    recording = record;
    stopAt = now() + seconds * 1000;
    const lanes = { count: 0 };
    const all = [];
    for (let i = 0; i < conns.length; i++) for (let j = 0; j < cfg.inflight; j++) { lanes.count += 1; all.push(lane(conns[i], roomsOf[i], lanes)); }
    const hard = new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 15000));
    await Promise.race([Promise.all(all), hard]);
  }

  await phase(cfg.warmup, false);
  const cpu0 = serverTicks();
  const m0 = now();
  await phase(cfg.duration, true);
  const windowS = (now() - m0) / 1000;
  const cpu1 = serverTicks();

  // Every room's log must be gap-free and contain every acknowledged sequence number (sampled rooms).
  let gaps = 0; let missingAcked = 0; let verified = 0;
  const sample = system.verifiable ? [...acks.keys()].slice(0, cfg.verifyRooms) : [];
  for (const room of sample) {
    const owner = conns[Number(room.slice(4)) % conns.length];
    const seen = [];
    let after = 0;
    for (let page = 0; page < 1000; page++) {
      const res = await owner.connection.invoke('CatchUp', room, after);
      if (res.events.length === 0) break;
      for (const e of res.events) seen.push(e.seq);
      after = res.events[res.events.length - 1].seq;
    }
    seen.forEach((s, i) => { if (s !== i + 1) gaps += 1; });
    const have = new Set(seen);
    for (const s of acks.get(room)) if (!have.has(s)) missingAcked += 1;
    verified += 1;
  }

  latencies.sort((a, b) => a - b);
  const result = {
    system: cfg.system, scenario: 'acked-sends', label: cfg.label, params: cfg, ts: new Date().toISOString(),
    connections: conns.length, rooms: cfg.rooms, setup_s: Number(setupS.toFixed(1)),
    acked: latencies.length, acked_per_s: Math.round(latencies.length / windowS), errors,
    ack_p50_ms: percentile(latencies, 50), ack_p99_ms: percentile(latencies, 99), ack_max_ms: latencies[latencies.length - 1] ?? null,
    server_cpu_pct: cpuPercent(cpu0, cpu1, windowS),
    server_rss_mb: cfg.serverPids.length ? Number(cfg.serverPids.reduce((sum, pid) => sum + (rssMb(pid) || 0), 0).toFixed(1)) : null,
    verified_rooms: verified, gaps, missing_acked: missingAcked, window_s: Number(windowS.toFixed(2)),
  };
  for (const k of ['ack_p50_ms', 'ack_p99_ms', 'ack_max_ms']) if (result[k] !== null) result[k] = Number(result[k].toFixed(2));
  console.log(JSON.stringify(result));
  if (cfg.out) fs.appendFileSync(cfg.out, JSON.stringify(result) + '\n');
  await Promise.all(conns.map((c) => adapter.close(c).catch(() => {})));
  process.exit(gaps || missingAcked ? 1 : 0);
}

const watchdog = setTimeout(() => { console.error('ack-driver: watchdog expired'); process.exit(3); }, (cfg.duration + cfg.warmup + 240) * 1000);
watchdog.unref();
main().catch((e) => { console.error(e); process.exit(2); });
