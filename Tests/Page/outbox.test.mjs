// The page's Outbox: a message keeps its clientMsgId for life; refusals and connection failures differ.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Outbox } from '../../WebGateway/wwwroot/js/outbox.js';

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
  const refusal = new Error("An unexpected error occurred invoking 'Send' on the server. HubException: You are sending messages too fast. Please slow down.");
  const outbox = new Outbox(async () => { throw refusal; }, listener);
  const item = outbox.add('lobby', 'hello', 'A');
  await settle();
  assert.equal(item.status, 'failed');
  assert.equal(item.error, 'You are sending messages too fast. Please slow down.');
  assert.equal(seen.refused.length, 1);
});
