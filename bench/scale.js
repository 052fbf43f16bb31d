'use strict';
// Issue 16's scale figures, driven through the real protocol (guests from POST /api/session, the hub over WebSockets).
//
// room: one public room grown to each size of --sizes (through the API: guests connect, JoinRoom, disconnect, in
//   bounded concurrent lanes), and at each size:
//   - presence: W watchers (members with the room open) connected; K other members connect and disconnect one after
//     another (a few at once); the server's CPU (utime+stime of --server-pid from /proc) over that window, minus the
//     idle CPU of the same length, ÷ the 2K online/offline changes. The same with K guests who are members of no room
//     (a connection's own cost) gives the net cost of a change in the room. Pushes the watchers got are counted.
//   - member pages: Members(room, after, limit) walking the list from the start (following `next`), then at random
//     positions among those seen; then with name filters (a part of a member's name) following `next` a few pages,
//     and a filter that matches nobody (the scan bound). Latency of each call, the completion's size on the wire.
//   - joins: J new guests (connected beforehand) each call JoinRoom, a few at once; latency and the size of the
//     completion message on the wire (the JSON record of the hub protocol, as received).
//   node bench/scale.js room --url http://127.0.0.1:5000 --server-pid PID --sizes 1000,10000 [--out FILE]
//
// connections: the peers' driver (`rooms` scenario: rooms of --room-size, one sender a room, every delivery counted)
//   with --connections clients, plus the server's RSS before the first connection, so that memory per connection is
//   (peak RSS - idle RSS) / connections, and settled: (RSS at the end of the traffic - idle RSS) / connections (equal
//   to the peak when the runtime keeps what the connect burst used); the same for signalr-bare gives the ratios. Checks the open-file limit of the
//   driver and the server and the ephemeral port range first, and caps the count (saying so) when they cannot hold it.
//   node bench/scale.js connections --system orleanschat --url ... --server-pid PID --connections 10000 --peers DIR
//
// Every loop is bounded in count and time (per-call timeouts, per-phase deadlines, a watchdog for the whole run).
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const signalR = require('@microsoft/signalr');

const mode = process.argv[2];
const args = {};
for (let i = 3; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (!a.startsWith('--')) continue;
  const next = process.argv[i + 1];
  args[a.slice(2)] = next !== undefined && !next.startsWith('--') ? (i++, next) : 'true';
}
const num = (k, d) => (args[k] === undefined ? d : Number(args[k]));
const base = (args.url || 'http://127.0.0.1:5000').replace(/\/$/, '');
const serverPid = args['server-pid'] ? Number(args['server-pid']) : null;
const maxSeconds = num('max-seconds', 3600);
const watchdog = setTimeout(() => { console.error(`scale: --max-seconds ${maxSeconds} exceeded`); process.exit(3); }, maxSeconds * 1000);
watchdog.unref();

const now = () => Number(process.hrtime.bigint()) / 1e6;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...m) => console.error(`[scale ${new Date().toISOString().slice(11, 19)}]`, ...m);
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null);
const r2 = (x) => (x === null || x === undefined ? null : Number(x.toFixed(2)));
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { n: s.length, p50: r2(pct(s, 50)), p99: r2(pct(s, 99)), max: r2(s[s.length - 1] ?? null) };
};
const loadAvg = () => os.loadavg().map((x) => Number(x.toFixed(2)));
function cpuSeconds(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch { return null; }
}
function memMb(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k) => { const m = new RegExp(`${k}:\\s+(\\d+)`).exec(s); return m ? Number(m[1]) / 1024 : null; };
    return { rss: r2(kb('VmRSS')), peak: r2(kb('VmHWM')) };
  } catch { return { rss: null, peak: null }; }
}
// What the process really holds, from /proc/PID/smaps_rollup: PSS counts a page mapped twice once (the JIT's code is
// mapped twice under W^X, writable and executable) and a page shared with other processes (the runtime's libraries) in
// part; by kind: anonymous (heaps, stacks: what the process allocated), file-backed (libraries, SQLite's memory map of
// its database) and shared memory (the JIT's double-mapped code).
function pssMb(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
    const kb = (k) => { const m = new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s); return m ? Number(m[1]) / 1024 : null; };
    return { pss: r2(kb('Pss')), anon: r2(kb('Pss_Anon')), file: r2(kb('Pss_File')), shmem: r2(kb('Pss_Shmem')) };
  } catch { return { pss: null, anon: null, file: null, shmem: null }; }
}
function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms); })])
    .finally(() => clearTimeout(timer));
}
function emit(result) {
  const line = JSON.stringify(result);
  console.log(line);
  if (args.out) fs.appendFileSync(args.out, line + '\n');
}

// ---- the protocol -------------------------------------------------------------------------------------------------
async function newGuest() {
  const response = await withTimeout(fetch(base + '/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }), 10000, 'session');
  if (!response.ok) throw new Error(`session: HTTP ${response.status}`);
  return (await response.json()).token;
}

// A hub connection whose received records are watched: `lastCompletionBytes` is the size (UTF-8 bytes, without the
// record separator) of the newest completion message, i.e. what the server sent as the answer of an invocation.
async function connect(token, counters) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(base + '/hubs/chat', { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true, accessTokenFactory: () => token })
    .configureLogging(signalR.LogLevel.None)
    .build();
  const c = { connection, token, lastCompletionBytes: null, pushes: 0 };
  const transport = connection.connection;
  const inner = transport.onreceive;
  transport.onreceive = (data) => {
    if (typeof data === 'string' && data.includes('"type":3')) {
      for (const record of data.split('\x1e')) if (record.startsWith('{"type":3')) c.lastCompletionBytes = Buffer.byteLength(record);
    }
    inner(data);
  };
  if (counters) {
    for (const name of ['member', 'memberCounts', 'presence', 'events']) connection.on(name, () => { counters[name] = (counters[name] || 0) + 1; });
  }
  await withTimeout(connection.start(), 10000, 'connect');
  return c;
}
const invoke = (c, method, ...a) => withTimeout(c.connection.invoke(method, ...a), 30000, method);
const close = (c) => withTimeout(c.connection.stop(), 5000, 'stop').catch(() => {});

// Runs fn(i) for i in [0, count) with `lanes` at once; stops early at the deadline or after too many errors.
async function lanes(count, width, deadline, fn, maxErrors = 20) {
  let next = 0; let done = 0; const errors = [];
  async function lane() {
    while (next < count && now() < deadline && errors.length < maxErrors) {
      const i = next++;
      try { await fn(i); done += 1; } catch (e) { errors.push(String((e && e.message) || e)); }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(width, count)) }, lane));
  return { done, errors };
}

// ---- room ---------------------------------------------------------------------------------------------------------
async function room() {
  const sizes = String(args.sizes || '1000').split(',').map(Number).filter((n) => n > 0).sort((a, b) => a - b);
  const cfg = {
    sizes,
    seedConcurrency: num('seed-concurrency', 32),
    seedMaxSeconds: num('seed-max-seconds', 3000),
    joiners: num('joiners', 200),
    joinConcurrency: num('join-concurrency', 1),
    pages: num('pages', 500),
    pageLimit: num('page-limit', 100),
    filtered: num('filtered', 100),
    watchers: num('watchers', 50),
    changers: num('changers', 300),
    changeConcurrency: num('change-concurrency', 4),
  };
  const keep = cfg.watchers + cfg.changers;
  const creator = await connect(await newGuest());
  const name = `scale ${Date.now().toString(36)}`;
  const created = await invoke(creator, 'CreateRoom', name);
  const roomId = created.room.roomId || created.room.id;
  log(`room ${roomId} created`);
  await close(creator);
  const kept = []; // tokens of the first seeded members: the watchers and the members who come and go
  let members = 1;
  let seedSeconds = 0;
  const seedSamples = []; // [seconds since the start of seeding, members], every 15 s
  const seedStart = now();
  const seedDeadline = seedStart + cfg.seedMaxSeconds * 1000;

  for (const size of sizes) {
    // Seed up to `size` members (the creator counts; joiners of earlier sizes count too).
    const want = Math.max(0, size - members);
    const t0 = now();
    let lastLog = t0; let lastCount = members; let endRate = null;
    const seeded = await lanes(want, cfg.seedConcurrency, seedDeadline, async () => {
      const token = await newGuest();
      const c = await connect(token);
      try { await invoke(c, 'JoinRoom', roomId); } finally { await close(c); }
      members += 1;
      if (kept.length < keep) kept.push(token);
      if (now() - lastLog > 15000) {
        log(`seeded ${members} members (${((members - lastCount) / ((now() - lastLog) / 1000)).toFixed(1)}/s in the last ${((now() - lastLog) / 1000).toFixed(0)} s)`);
        endRate = (members - lastCount) / ((now() - lastLog) / 1000); seedSamples.push([Math.round((now() - seedStart) / 1000), members]);
        lastLog = now(); lastCount = members;
      }
    });
    const s = (now() - t0) / 1000;
    seedSeconds += s;
    const seedRate = seeded.done / Math.max(s, 0.001);
    log(`size ${size}: ${members} members after seeding ${seeded.done} in ${s.toFixed(1)} s (${seedRate.toFixed(1)}/s), ${seeded.errors.length} errors`);
    const loadBefore = loadAvg();
    const memBefore = serverPid ? memMb(serverPid) : {};

    // Watchers: members with the room open.
    const counters = {};
    const watchers = [];
    await lanes(Math.min(cfg.watchers, kept.length), 8, now() + 120000, async (i) => {
      const c = await connect(kept[i], counters);
      await invoke(c, 'JoinRoom', roomId);
      watchers.push(c);
    });
    await sleep(2000);
    const changerTokens = kept.slice(cfg.watchers, cfg.watchers + cfg.changers);
    const strangers = [];
    await lanes(changerTokens.length + 20, 8, now() + 120000, async () => { strangers.push(await newGuest()); });
    // connect, then disconnect: two presence changes when the user is a member of the room
    const comeAndGo = async (tokens) => {
      for (const k of Object.keys(counters)) counters[k] = 0;
      const c0 = cpuSeconds(serverPid); const t = now();
      const r = await lanes(tokens.length, cfg.changeConcurrency, now() + 300000, async (i) => { const c = await connect(tokens[i]); await sleep(50); await close(c); });
      await sleep(1500); // the counts push is throttled to one a second
      const seconds = (now() - t) / 1000;
      return { cpu: cpuSeconds(serverPid) - c0, seconds, done: r.done, errors: r.errors.length, pushes: { ...counters } };
    };
    // The server settles after seeding (writes, collections): wait (at most 60 s) for 3 quiet seconds in a row.
    for (let i = 0, quiet = 0; i < 60 && quiet < 3; i++) {
      const c0 = cpuSeconds(serverPid); await sleep(1000);
      quiet = cpuSeconds(serverPid) - c0 < 0.05 ? quiet + 1 : 0;
    }
    const idle0 = cpuSeconds(serverPid); const ti = now();
    await sleep(5000);
    const idlePerS = (cpuSeconds(serverPid) - idle0) / ((now() - ti) / 1000);
    await comeAndGo(strangers.splice(0, 20)); // warm-up: the code paths of a connection compiled before measuring
    const strangerRun = await comeAndGo(strangers);
    const memberRun = await comeAndGo(changerTokens);
    const changes = 2 * memberRun.done;
    const busy = (run) => Math.max(0, run.cpu - idlePerS * run.seconds);
    // Away and back: the same kind of change (pushed as a member change) without a connection's own cost. The
    // changers stay connected; each goes away, then (after the hub's 5 s per connection) active again.
    const awayConns = [];
    await lanes(changerTokens.length, 8, now() + 120000, async (i) => { awayConns.push(await connect(changerTokens[i])); });
    await sleep(2000);
    for (const k of Object.keys(counters)) counters[k] = 0;
    const a0 = cpuSeconds(serverPid); const ta = now();
    const away1 = await lanes(awayConns.length, cfg.changeConcurrency, now() + 60000, (i) => invoke(awayConns[i], 'SetAway', true));
    await sleep(Math.max(0, ta + 5200 - now()));
    const away2 = await lanes(awayConns.length, cfg.changeConcurrency, now() + 60000, (i) => invoke(awayConns[i], 'SetAway', false));
    await sleep(1500);
    const awayRun = { cpu: cpuSeconds(serverPid) - a0, seconds: (now() - ta) / 1000, pushes: { ...counters } };
    const awayChanges = away1.done + away2.done;
    await Promise.all(awayConns.map(close));
    const presence = {
      watchers: watchers.length, changes, change_errors: memberRun.errors,
      idle_cpu_pct: r2(idlePerS * 100),
      cpu_ms_per_change: changes ? r2((busy(memberRun) * 1000) / changes) : null,
      cpu_ms_per_connect_disconnect_of_a_stranger: strangerRun.done ? r2((busy(strangerRun) * 1000) / strangerRun.done) : null,
      net_cpu_ms_per_change: changes ? r2(((busy(memberRun) - busy(strangerRun) * (memberRun.done / Math.max(1, strangerRun.done))) * 1000) / changes) : null,
      watcher_pushes: memberRun.pushes,
      watcher_pushes_per_change: changes ? r2(Object.values(memberRun.pushes).reduce((a, b) => a + b, 0) / changes) : null,
      away_changes: awayChanges, away_errors: away1.errors.length + away2.errors.length,
      away_cpu_ms_per_change: awayChanges ? r2((busy(awayRun) * 1000) / awayChanges) : null,
      away_watcher_pushes: awayRun.pushes,
      // the raw figures: CPU seconds of the server over each window and the window's length
      raw: { idle_cpu_s_per_s: r2(idlePerS), member: [r2(memberRun.cpu), r2(memberRun.seconds)], stranger: [r2(strangerRun.cpu), r2(strangerRun.seconds)], away: [r2(awayRun.cpu), r2(awayRun.seconds)] },
    };
    log(`presence at ${members}: ${JSON.stringify(presence)}`);

    // Member pages, read by a watcher.
    const reader = watchers[0];
    const pageTimes = []; const pageBytes = []; const positions = [null]; const names = [];
    let total = null; let online = null;
    const page = async (after, filter, into) => {
      const t = now();
      const p = await invoke(reader, 'Members', roomId, after, cfg.pageLimit, filter);
      into.push(now() - t);
      pageBytes.push(reader.lastCompletionBytes);
      total = p.total; online = p.online;
      return p;
    };
    for (let i = 0; i < 20; i++) await invoke(reader, 'Members', roomId, null, cfg.pageLimit, i % 2 ? 'ab' : null); // warm-up
    let after = null;
    for (let i = 0; i < Math.ceil(cfg.pages / 2); i++) {
      const p = await page(after, null, pageTimes);
      for (const m of p.members) if (names.length < 5000) names.push(m.name);
      if (!p.next) break;
      positions.push(after = p.next);
    }
    const walked = pageTimes.length;
    while (pageTimes.length < cfg.pages) await page(positions[Math.floor(Math.random() * positions.length)], null, pageTimes);
    const filterTimes = []; let filterHits = 0;
    for (let i = 0; i < cfg.filtered && filterTimes.length < cfg.filtered; i++) {
      const words = names[Math.floor(Math.random() * names.length)].split(/\s+/);
      const word = words[Math.floor(Math.random() * words.length)];
      const start = Math.floor(Math.random() * Math.max(1, word.length - 3));
      let at = null;
      for (let k = 0; k < 3 && filterTimes.length < cfg.filtered; k++) {
        const p = await page(at, word.slice(start, start + 4), filterTimes);
        filterHits += p.members.length;
        if (!(at = p.next)) break;
      }
    }
    const missTimes = [];
    for (let i = 0; i < 20; i++) await page(null, 'zqxj', missTimes);
    const pages = {
      limit: cfg.pageLimit, walked, ...prefix('page', stats(pageTimes)), page_bytes_max: Math.max(...pageBytes),
      ...prefix('filter', stats(filterTimes)), filter_hits_per_call: r2(filterHits / Math.max(1, filterTimes.length)),
      ...prefix('filter_miss', stats(missTimes)),
    };
    log(`pages at ${members}: ${JSON.stringify(pages)}`);

    // Joins of new members.
    const joiners = [];
    await lanes(cfg.joiners, 8, now() + 300000, async () => { joiners.push(await connect(await newGuest())); });
    const joinTimes = []; const joinBytes = []; const joinMembers = [];
    const joined = await lanes(joiners.length, cfg.joinConcurrency, now() + 300000, async (i) => {
      const t = now();
      const res = await invoke(joiners[i], 'JoinRoom', roomId);
      joinTimes.push(now() - t);
      joinBytes.push(joiners[i].lastCompletionBytes);
      joinMembers.push(res.members.length);
    });
    members += joined.done;
    await Promise.all(joiners.map(close));
    const join = {
      joiners: joined.done, join_errors: joined.errors.length, ...prefix('join', stats(joinTimes)),
      join_bytes_p50: pct([...joinBytes].sort((a, b) => a - b), 50), join_bytes_max: Math.max(...joinBytes), join_members_in_answer: Math.max(...joinMembers),
    };
    log(`joins at ${members}: ${JSON.stringify(join)}`);
    await Promise.all(watchers.map(close));

    emit({
      system: 'orleanschat', scenario: 'scale-room', label: args.label || '', ts: new Date().toISOString(), params: cfg,
      size, members_at_measure: total, online_at_measure: online, room: roomId,
      seeded: seeded.done, seed_errors: seeded.errors.length, seed_first_errors: seeded.errors.slice(0, 3),
      seed_s: r2(s), seed_per_s: r2(seedRate), seed_per_s_last_15s: r2(endRate), seed_samples: seedSamples.slice(-200), seed_total_s: r2(seedSeconds), seed_incomplete: members < size,
      ...join, ...pages, ...presence,
      server_rss_mb: memBefore.rss ?? null, server_rss_peak_mb: serverPid ? memMb(serverPid).peak : null,
      load_avg: loadBefore, load_avg_after: loadAvg(),
    });
  }
}
function prefix(p, s) { return { [`${p}_calls`]: s.n, [`${p}_p50_ms`]: s.p50, [`${p}_p99_ms`]: s.p99, [`${p}_max_ms`]: s.max }; }

// ---- connections --------------------------------------------------------------------------------------------------
function openFileLimit(pid) {
  try {
    const m = /Max open files\s+(\d+|unlimited)\s+(\d+|unlimited)/.exec(fs.readFileSync(`/proc/${pid}/limits`, 'utf8'));
    return m ? (m[2] === 'unlimited' ? Infinity : Number(m[2])) : Infinity;
  } catch { return Infinity; }
}
/** How many files (sockets among them) the process has open: a connection is one. */
function openFiles(pid) {
  try { return fs.readdirSync(`/proc/${pid}/fd`).length; } catch { return 0; }
}
async function connections() {
  const system = args.system || 'orleanschat';
  const requested = num('connections', 10000);
  const roomSize = num('room-size', 10);
  const peers = args.peers;
  if (!peers || !fs.existsSync(path.join(peers, 'driver/driver.js'))) throw new Error('--peers DIR (the bench-peers folder) is needed');
  // What this machine lets one process hold: every connection is a socket (a file) in the driver and in the server,
  // and a port of the ephemeral range towards the server's one address and port.
  const limits = [];
  const driverFiles = openFileLimit(process.pid); const serverFiles = serverPid ? openFileLimit(serverPid) : Infinity;
  const [lo, hi] = fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
  const margin = 500;
  let n = requested;
  const cap = (bound, why) => { if (n > bound) { n = bound; limits.push(why); } };
  cap(serverFiles - margin, `server open-file limit ${serverFiles}`);
  cap(driverFiles - margin, `driver open-file limit ${driverFiles}`);
  cap(hi - lo + 1 - margin, `ephemeral ports ${lo}-${hi}`);
  n = Math.floor(n / roomSize) * roomSize;
  if (limits.length) log(`${requested} connections asked for; capped to ${n} by ${limits.join(', ')}`);
  const idle = serverPid ? memMb(serverPid) : {};
  const idlePss = serverPid ? pssMb(serverPid) : {};
  const loadBefore = loadAvg();
  const driverArgs = [path.join(peers, 'driver/driver.js'), '--system', system, '--url', base, '--scenario', 'rooms',
    '--rooms', String(n / roomSize), '--room-size', String(roomSize), '--room-rate', String(num('room-rate', 0.2)),
    '--duration', String(num('duration', 20)), '--warmup', String(num('warmup', 3)), '--workers', String(num('workers', 2)),
    '--connect-concurrency', String(num('connect-concurrency', 50)), '--connect-timeout-ms', '30000', '--drain-ms', '10000',
    '--max-seconds', String(num('driver-max-seconds', 1500)), '--label', args.label || ''];
  if (serverPid) driverArgs.push('--server-pid', String(serverPid));
  if (args.adapter) driverArgs.push('--adapter', args.adapter);
  const env = { ...process.env, NODE_PATH: [path.join(__dirname, 'node_modules'), process.env.NODE_PATH].filter(Boolean).join(':') };
  const child = spawn(process.execPath, ['--max-old-space-size=8192', ...driverArgs], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.on('data', (d) => { stdout += d; });
  // The server's RSS and open files every second: the peak as the driver's connections come up (VmHWM covers it too),
  // and the settled RSS, the last sample while (nearly) every connection was still open, at the end of the traffic.
  const samples = [];
  const sampler = setInterval(() => { if (serverPid) samples.push({ rss: memMb(serverPid).rss || 0, files: openFiles(serverPid), ...pssMb(serverPid) }); }, 1000);
  const killer = setTimeout(() => child.kill('SIGKILL'), (num('driver-max-seconds', 1500) + 60) * 1000);
  const code = await new Promise((resolve) => child.on('exit', resolve));
  clearInterval(sampler); clearTimeout(killer);
  const line = stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  const r = line ? JSON.parse(line) : { error: `driver exited ${code} without a result` };
  const peak = r.server_rss_peak_mb ?? null;
  const mostFiles = Math.max(0, ...samples.map((x) => x.files));
  const settled = samples.filter((x) => x.files >= 0.99 * mostFiles).pop()?.rss ?? null;
  const perConnection = (mb, from = idle.rss) => (mb !== null && from !== null && r.connections ? r2(((mb - from) * 1024) / r.connections) : null);
  // The sample with the highest PSS, and what each kind had grown by then.
  const pssPeak = samples.filter((x) => x.pss !== null).reduce((a, x) => (a && a.pss >= x.pss ? a : x), null);
  const grown = (kind) => (pssPeak && idlePss[kind] !== null ? r2(pssPeak[kind] - idlePss[kind]) : null);
  emit({
    ...r, scenario: 'scale-connections', system, label: args.label || '', connections_asked: requested, connections_planned: n,
    capped_by: limits.length ? limits : undefined, driver_exit: code,
    server_idle_rss_mb: idle.rss ?? null, server_sampled_peak_rss_mb: r2(Math.max(0, ...samples.map((x) => x.rss))),
    kb_per_connection: perConnection(peak), server_settled_rss_mb: settled, kb_per_connection_settled: perConnection(settled),
    server_idle_pss_mb: idlePss.pss ?? null, server_peak_pss_mb: pssPeak?.pss ?? null,
    kb_per_connection_pss: pssPeak ? perConnection(pssPeak.pss, idlePss.pss) : null,
    kb_per_connection_anon: pssPeak ? perConnection(pssPeak.anon, idlePss.anon) : null,
    pss_grown_mb: pssPeak ? { anon: grown('anon'), file: grown('file'), shmem: grown('shmem') } : null,
    load_avg: loadBefore, load_avg_after: loadAvg(),
  });
}

const modes = { room, connections };
if (!modes[mode]) { console.error('usage: node bench/scale.js room|connections [--flags]'); process.exit(2); }
modes[mode]().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
