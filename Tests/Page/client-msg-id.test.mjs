// The page's client message ids: UUIDv7 (RFC 9562), time-ordered, so the server's index of retries takes them on its
// rightmost pages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newClientMsgId } from '../../WebGateway/wwwroot/js/outbox.js';

const FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const millisecondsOf = id => parseInt(id.replace(/-/g, '').slice(0, 12), 16);

test('an id is a UUID of version 7 and the RFC variant, carrying the time in milliseconds', () => {
  const now = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
  const id = newClientMsgId(now + 1000000);
  assert.match(id, FORMAT);
  assert.equal(id[14], '7');
  assert.equal(millisecondsOf(id), now + 1000000);
});

test('ids sort in the order they were made, across milliseconds and within one', () => {
  const start = Date.UTC(2030, 5, 1);
  const ids = [];
  for (let ms = start; ms < start + 5; ms++) {
    for (let i = 0; i < 3; i++) ids.push(newClientMsgId(ms));
  }
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(new Set(ids).size, ids.length);
  assert.equal(millisecondsOf(ids.at(-1)), start + 4);
  for (const id of ids) assert.match(id, FORMAT);
});

test('a clock set back does not make ids go backwards', () => {
  const later = Date.UTC(2031, 0, 1);
  const first = newClientMsgId(later);
  const second = newClientMsgId(later - 60000);
  assert.ok(second > first, `${second} after ${first}`);
  assert.match(second, FORMAT);
});

test('4,096 ids in one millisecond still sort in order (the count carries into the next millisecond)', () => {
  const ms = Date.UTC(2032, 0, 1);
  const ids = Array.from({ length: 5000 }, () => newClientMsgId(ms));
  assert.deepEqual([...ids].sort(), ids);
  for (const id of ids) assert.match(id, FORMAT);
});

test('without randomUUID (a page on plain http), ids are made all the same', () => {
  const randomUUID = crypto.randomUUID;
  Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true, writable: true });
  try {
    assert.match(newClientMsgId(), FORMAT);
  } finally {
    Object.defineProperty(crypto, 'randomUUID', { value: randomUUID, configurable: true, writable: true });
  }
});
