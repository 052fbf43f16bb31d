'use strict';
// Upload and download throughput of one file (docs/benchmarks.md, "Files"): a guest creates a room, then uploads a
// file of --size MB --rounds times (POST /api/rooms/{room}/files, raw body) and downloads each back (GET
// /api/files/{id}), one request at a time, timing each request to its last byte; every download is checked byte for
// byte. Prints one JSON line (also appended to --out): median and best MB/s each way.
//
//   node bench/files.js --url http://127.0.0.1:5000 [--size 10] [--rounds 5] [--label sqlite] [--out file.jsonl]
const { createHash, randomBytes } = require('crypto');
const { appendFileSync } = require('fs');
const signalR = require('@microsoft/signalr');
const { uuidv7 } = require('./uuidv7');

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, arg, i, all) =>
  arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs, []));
const url = args.url ?? 'http://127.0.0.1:5000';
const sizeMb = Number(args.size ?? 10);
const rounds = Number(args.rounds ?? 5);
const label = args.label ?? 'orleanschat';

async function main() {
  const session = await (await fetch(`${url}/api/session`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}',
  })).json();
  const hub = new signalR.HubConnectionBuilder()
    .withUrl(`${url}/hubs/chat`, { accessTokenFactory: () => session.token, transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  await hub.start();
  const room = (await hub.invoke('CreateRoom', `Files bench ${Date.now()}`)).room.id;
  const auth = { Authorization: `Bearer ${session.token}` };

  const median = values => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const up = [];
  const down = [];
  const bytes = sizeMb * 1024 * 1024;
  for (let round = 0; round < rounds; round++) {
    const content = randomBytes(bytes);
    const digest = createHash('sha256').update(content).digest('hex');
    let started = performance.now();
    const response = await fetch(`${url}/api/rooms/${room}/files?name=bench-${round}.bin&clientMsgId=${uuidv7()}`, {
      method: 'POST', headers: { ...auth, 'Content-Type': 'application/octet-stream' }, body: content,
    });
    const answer = await response.json();
    if (!response.ok) throw new Error(`upload refused: ${response.status} ${answer.error}`);
    up.push(bytes / 1024 / 1024 / ((performance.now() - started) / 1000));

    started = performance.now();
    const file = await fetch(`${url}/api/files/${answer.attachment.id}`, { headers: auth });
    const back = Buffer.from(await file.arrayBuffer());
    down.push(bytes / 1024 / 1024 / ((performance.now() - started) / 1000));
    if (createHash('sha256').update(back).digest('hex') !== digest) throw new Error('a download differs from its upload');
  }
  await hub.stop();

  const round1 = value => Math.round(value * 10) / 10;
  const result = {
    scenario: 'files', label, sizeMb, rounds,
    uploadMBps: round1(median(up)), uploadBestMBps: round1(Math.max(...up)),
    downloadMBps: round1(median(down)), downloadBestMBps: round1(Math.max(...down)),
  };
  console.log(JSON.stringify(result));
  if (args.out) appendFileSync(args.out, JSON.stringify(result) + '\n');
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
