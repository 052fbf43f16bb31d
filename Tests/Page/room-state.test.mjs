// Room's state changes only through its own methods (js/room.js), and Chat tells views through an Emitter (js/emitter.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Emitter } from '../../WebGateway/wwwroot/js/emitter.js';
import { Room } from '../../WebGateway/wwwroot/js/room.js';
import { catchUp, loadOlder } from '../../WebGateway/wwwroot/js/catch-up.js';

const message = (seq, authorId = 'b') => ({ seq, kind: 'message', authorId, authorName: 'B', text: `m${seq}` });
const loaded = (id = 'r', lastSeq = 3) => {
  const room = new Room(id);
  room.load({ room: { id, name: id, kind: 'room', isPrivate: false }, role: 'member', members: [], recent: [message(lastSeq)], lastSeq }, 'me');
  return room;
};

test('an emitter passes the detail to each listener in order, and on() returns the unsubscribe', () => {
  const emitter = new Emitter();
  const seen = [];
  const off = emitter.on('rooms', detail => seen.push(['first', detail.n]));
  emitter.on('rooms', detail => seen.push(['second', detail.n]));
  emitter.emit('rooms', { n: 1 });
  off();
  emitter.emit('rooms', { n: 2 });
  emitter.emit('other', { n: 3 });
  assert.deepEqual(seen, [['first', 1], ['second', 1], ['second', 2]]);
});

test('its state is read-only from outside: assigning a field throws', () => {
  const room = new Room('r');
  assert.throws(() => { room.unread = 3; }, TypeError);
  assert.throws(() => { room.notify = 'all'; }, TypeError);
  assert.throws(() => { room.summary = {}; }, TypeError);
});

test('unread: a listing sets the count, arrivals add to it, looking clears it', () => {
  const room = new Room('r');
  room.unreadFromListing({ unread: 4, lastSeq: 9 });
  assert.equal(room.unread, 4);
  assert.equal(room.mentions, 0); // a room: mentions only as many as counted
  assert.equal(room.seenSeq, 9);
  room.addUnread(2, 1);
  assert.deepEqual([room.unread, room.mentions], [6, 1]);
  room.markSeen();
  assert.deepEqual([room.unread, room.mentions], [0, 0]);

  const dm = new Room('dm-a-b');
  dm.unreadFromListing({ unread: 3, lastSeq: 5 });
  assert.equal(dm.mentions, 3); // every message of a conversation is for the user
});

test('the notification level, summary and role change through methods that say what changed', () => {
  const room = new Room('p-0123456789abcdef0123');
  assert.equal(room.setNotify('all'), true);
  assert.equal(room.setNotify('all'), false);
  assert.equal(room.notify, 'all');
  assert.equal(room.applySummary({ id: room.id, name: 'Secret', isPrivate: true }), false); // the first one changes nothing
  assert.equal(room.applySummary({ topic: 'plans' }), false);
  assert.deepEqual([room.summary.name, room.summary.topic], ['Secret', 'plans']);
  assert.equal(room.applySummary({ isPrivate: false }), true);
  room.setRole('moderator');
  assert.equal(room.role, 'moderator');
});

test('receipts only move forward', () => {
  const room = new Room('r');
  room.setReceipts([{ userId: 'b', seq: 5 }]);
  assert.equal(room.addReceipt('b', 4), false);
  assert.equal(room.addReceipt('b', 5), false);
  assert.equal(room.addReceipt('b', 7), true);
  assert.equal(room.addReceipt('c', 1), true);
  assert.deepEqual([...room.receipts], [['b', 7], ['c', 1]]);
});

test('pushes before the first load are kept by receive() and applied by the load', () => {
  const room = new Room('r');
  assert.deepEqual(room.receive([message(4)]), []);
  room.load({ room: { id: 'r', name: 'r' }, members: [], recent: [message(3)], lastSeq: 3 }, 'me');
  assert.deepEqual(room.events.map(e => e.seq), [3, 4]);
});

test('one catch-up runs at a time; one asked for meanwhile makes it go round again', async () => {
  const room = loaded('r', 3);
  let release;
  const calls = [];
  const hub = {
    invoke: async (method, roomId, after) => {
      calls.push(after);
      if (calls.length === 1) await new Promise(resolve => { release = resolve; });
      return { events: [message(after + 1)], lastSeq: after + 1 };
    },
  };
  const appended = [];
  const first = catchUp(hub, room, events => appended.push(...events.map(e => e.seq)));
  await catchUp(hub, room, () => assert.fail('a second run'));
  release();
  await first;
  assert.deepEqual(calls, [3, 4]); // the second round asked again after the first
  assert.deepEqual(appended, [4, 5]);
});

test('scrollback loads one page at a time and says so (loadingHistory) while it loads', async () => {
  const room = loaded('r', 10);
  let release;
  const states = [];
  const hub = { invoke: () => new Promise(resolve => { release = () => resolve({ events: [message(8), message(9)], lastSeq: 10 }); }) };
  const first = loadOlder(hub, room, () => states.push(room.loadingHistory));
  assert.equal(await loadOlder(hub, room, () => {}), null);
  release();
  assert.deepEqual((await first).map(e => e.seq), [8, 9]);
  assert.deepEqual(states, [true, false]);
});
