// "Seen by …" positions (js/receipts.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seenPositions, showsReceipts } from '../../WebGateway/wwwroot/js/receipts.js';

test('each other member is placed under the newest message at or before their read seq', () => {
  const receipts = new Map([['me', 9], ['b', 7], ['c', 9], ['d', 2], ['e', 1]]);
  const positions = seenPositions([2, 5, 8], receipts, 'me');
  assert.deepEqual([...positions], [[5, ['b']], [8, ['c']], [2, ['d']]]);
});

test('only direct conversations and rooms of up to 50 members show receipts', () => {
  const members = n => new Map(Array.from({ length: n }, (_, i) => [String(i), {}]));
  assert.equal(showsReceipts({ isDirect: true, members: members(2) }), true);
  assert.equal(showsReceipts({ isDirect: false, members: members(50) }), true);
  assert.equal(showsReceipts({ isDirect: false, members: members(51) }), false);
  // A room of 51: its first page holds 50, and a next page says there are more.
  assert.equal(showsReceipts({ isDirect: false, members: members(50), membersComplete: false }), false);
});
