// The page's Outbox: a message keeps its clientMsgId for life; refusals and connection failures differ.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { Outbox, TOO_FAST } from '../../WebGateway/wwwroot/js/outbox.js';

function recorder() {
  const seen = { changed: [], removed: [], acked: [], refused: [] };
  return {
    seen,
    listener: {
      changed: item => seen.changed.push(item.status),
      removed: item => seen.removed.push(item.id),
      acked: item => seen.acked.push(item.seq),
      refused: (item, error) => seen.refused.push(error.message),
    },
  };
}

const settle = () => new Promise(resolve => setImmediate(resolve));

test('an acknowledged send is kept until its event arrives, then removed', async () => {
  const { seen, listener } = recorder();
  const outbox = new Outbox(async () => ({ seq: 7 }), listener);
  const item = outbox.add('lobby', 'hello', 'Amber Heron');
  await settle();
  assert.equal(item.status, 'sent');
  assert.deepEqual(seen.acked, [7]);

  outbox.confirm('lobby', [{ kind: 'message', clientMsgId: item.id, seq: 7 }], 7);
  assert.deepEqual(seen.removed, [item.id]);
  assert.equal(outbox.forRoom('lobby').length, 0);
});

test('a failed connection waits and is retried with the same clientMsgId', async () => {
  const ids = [];
  let online = false;
  const { listener } = recorder();
  const outbox = new Outbox(async (roomId, clientMsgId) => {
    ids.push(clientMsgId);
    if (!online) throw new Error('WebSocket closed');
    return { seq: 1 };
  }, listener);
  const item = outbox.add('lobby', 'hello', 'A');
  await settle();
  assert.equal(item.status, 'waiting');

  online = true;
  outbox.retryAll();
  await settle();
  assert.equal(item.status, 'sent');
  assert.deepEqual(ids, [item.id, item.id]);
});

test('a refusal by the server fails the message with the server\'s words', async () => {
  const { seen, listener } = recorder();
  const refusal = new Error("An unexpected error occurred invoking 'Send' on the server. HubException: Only the owner and moderators can use @here.");
  const outbox = new Outbox(async () => { throw refusal; }, listener);
  const item = outbox.add('lobby', 'hello', 'A');
  await settle();
  assert.equal(item.status, 'failed');
  assert.equal(item.error, 'Only the owner and moderators can use @here.');
  assert.equal(seen.refused.length, 1);
});

const tooFast = () => new Error(`An unexpected error occurred invoking 'Send' on the server. HubException: ${TOO_FAST}`);

/** A room that takes `burst` messages, then one per `refillMs` of (fake) time, and remembers what it stored. */
function limitedRoom(burst, refillMs) {
  const stored = [];
  let tokens = burst;
  let last = Date.now();
  const send = async (roomId, clientMsgId, text) => {
    const now = Date.now();
    tokens = Math.min(burst, tokens + Math.floor((now - last) / refillMs));
    if (now - last >= refillMs) last = now;
    if (text.startsWith('@here')) throw new Error("An unexpected error occurred invoking 'Send' on the server. HubException: Only the owner and moderators can use @here.");
    if (tokens <= 0) throw tooFast();
    tokens -= 1;
    stored.push(text);
    return { seq: stored.length };
  };
  return { stored, send };
}

async function advance(ms) {
  for (let i = 0; i < ms / 100; i++) {
    mock.timers.tick(100);
    await settle();
  }
}

test('a burst over the rate limit is paced: sent again by itself, whole and in the typed order, no Retry', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 });
  try {
    const { seen, listener } = recorder();
    const room = limitedRoom(3, 200);
    const outbox = new Outbox(room.send, listener);
    const items = [];
    for (let i = 1; i <= 8; i++) items.push(outbox.add('lobby', `m${i}`, 'A'));
    await settle();
    assert.deepEqual(room.stored, ['m1', 'm2', 'm3']);
    assert.deepEqual(items.slice(3).map(item => item.status), Array(5).fill('paced'));

    // Typed while paced: queued behind, not sent ahead of the earlier ones.
    const late = outbox.add('lobby', 'late', 'A');
    assert.equal(late.status, 'paced');
    await advance(20_000);
    assert.deepEqual(room.stored, ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8', 'late']);
    assert.ok([...items, late].every(item => item.status === 'sent'));
    assert.deepEqual(seen.refused, []); // nothing for the user to do
  } finally {
    mock.timers.reset();
  }
});

/**
 * Like limitedRoom, but as the hub is: it serves one call at a time, each taking `serveMs`, so tokens refill between
 * calls of one burst (a refusal can be followed by an acceptance of a later message).
 */
function servingRoom(burst, refillMs, serveMs) {
  const room = limitedRoom(burst, refillMs);
  let line = Promise.resolve();
  const send = (...args) => {
    const served = line.then(() => new Promise(resolve => setTimeout(resolve, serveMs))).then(() => room.send(...args));
    line = served.catch(() => {});
    return served;
  };
  return { stored: room.stored, send };
}

test('pacing: a message refused for speed is never overtaken by a later one the room accepts once a token is back', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 3_000_000 });
  try {
    const room = servingRoom(5, 200, 60);
    const outbox = new Outbox(room.send, {});
    const items = [];
    for (let i = 1; i <= 20; i++) items.push(outbox.add('lobby', `m${i}`, 'A'));
    await advance(60_000);
    assert.deepEqual(room.stored, items.map(item => item.text));
    assert.deepEqual(items.map(item => item.seq), items.map((_, i) => i + 1));
  } finally {
    mock.timers.reset();
  }
});

test('one message of a room is in flight at a time; other rooms do not wait for it', async () => {
  const calls = [];
  const answers = [];
  const outbox = new Outbox((roomId, clientMsgId, text) => {
    calls.push(text);
    return new Promise(resolve => answers.push(() => resolve({ seq: calls.length })));
  }, {});
  const first = outbox.add('lobby', 'a1', 'A');
  const second = outbox.add('lobby', 'a2', 'A');
  outbox.add('kitchen', 'b1', 'A');
  await settle();
  assert.deepEqual(calls, ['a1', 'b1']);
  assert.equal(second.status, 'sending');

  answers[0]();
  await settle();
  assert.equal(first.status, 'sent');
  assert.deepEqual(calls, ['a1', 'b1', 'a2']);
});

/** A connection that fails every send until `online` is set, and records the texts sent. */
function offlineConnection() {
  const connection = {
    online: false,
    calls: [],
    send: async (roomId, clientMsgId, text) => {
      connection.calls.push(text);
      if (!connection.online) throw new Error('WebSocket closed');
      return { seq: connection.calls.length };
    },
  };
  return connection;
}

test('offline: the messages queued behind one that could not be sent wait with it, and go in order on reconnect', async () => {
  const connection = offlineConnection();
  const { calls } = connection;
  const outbox = new Outbox(connection.send, {});
  const items = ['x', 'y', 'z'].map(text => outbox.add('lobby', text, 'A'));
  await settle();
  assert.deepEqual(items.map(item => item.status), ['waiting', 'waiting', 'waiting']);
  assert.deepEqual(calls, ['x']);

  connection.online = true;
  outbox.retryAll();
  await settle();
  assert.deepEqual(items.map(item => item.status), ['sent', 'sent', 'sent']);
  assert.deepEqual(calls, ['x', 'x', 'y', 'z']);
});

test('a message typed behind a line stopped by a failed connection tries the line again, in order', async () => {
  const connection = offlineConnection();
  const { calls } = connection;
  const outbox = new Outbox(connection.send, {});
  const first = outbox.add('lobby', 'x', 'A');
  await settle();
  assert.equal(first.status, 'waiting');

  connection.online = true;
  const second = outbox.add('lobby', 'y', 'A');
  await settle();
  assert.deepEqual([first.status, second.status], ['sent', 'sent']);
  assert.deepEqual(calls, ['x', 'x', 'y']);
});

test('pacing: a message refused for another reason still fails with its reason, and the queue goes on', async () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 2_000_000 });
  try {
    const { seen, listener } = recorder();
    const room = limitedRoom(1, 300);
    const outbox = new Outbox(room.send, listener);
    const first = outbox.add('lobby', 'one', 'A');
    const here = outbox.add('lobby', '@here everyone', 'A');
    const last = outbox.add('lobby', 'three', 'A');
    await advance(20_000);
    assert.equal(first.status, 'sent');
    assert.equal(here.status, 'failed');
    assert.equal(here.error, 'Only the owner and moderators can use @here.');
    assert.equal(seen.refused.length, 1);
    assert.equal(last.status, 'sent');
    assert.deepEqual(room.stored, ['one', 'three']);
  } finally {
    mock.timers.reset();
  }
});

test('views follow the pending messages through its events: changed for each status, removed when the event arrives', async () => {
  const outbox = new Outbox(async () => ({ seq: 4 }), {});
  const seen = [];
  outbox.on('changed', ({ item }) => seen.push(`changed ${item.status}`));
  outbox.on('removed', ({ item }) => seen.push(`removed ${item.text}`));
  const item = outbox.add('lobby', 'hello', 'A');
  await settle();
  outbox.confirm('lobby', [{ kind: 'message', clientMsgId: item.id }], 4);
  assert.deepEqual(seen, ['changed sending', 'changed sent', 'removed hello']);
  assert.deepEqual(outbox.forRoom('lobby'), []);
});
