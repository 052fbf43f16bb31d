// Changes of messages (edit, delete, reaction, pin) applied by the page (docs/protocol.md §2 RoomEvent, guarantee 9).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageIndex, applyChange } from '../../WebGateway/wwwroot/js/message-state.js';
import { Room } from '../../WebGateway/wwwroot/js/room.js';

const message = (seq, text = `m${seq}`, extra = {}) =>
  ({ seq, kind: 'message', authorId: 'a', text, at: `t${seq}`, editedAt: null, deleted: false, reactions: null, pinned: false, ...extra });
const edit = (seq, targetSeq, text) => ({ seq, kind: 'edit', targetSeq, text, at: `t${seq}` });
const del = (seq, targetSeq) => ({ seq, kind: 'delete', targetSeq, text: '', at: `t${seq}` });
const react = (seq, targetSeq, reactions) => ({ seq, kind: 'reaction', targetSeq, text: '👍', reactions, at: `t${seq}` });
const pin = (seq, targetSeq, pinned) => ({ seq, kind: 'pin', targetSeq, pinned, at: `t${seq}` });

test('an edit replaces the text and marks it edited; applying it twice changes nothing', () => {
  const m = message(1);
  assert.equal(applyChange(m, edit(2, 1, 'new')), true);
  assert.equal(m.text, 'new');
  assert.equal(m.editedAt, 't2');
  assert.equal(applyChange(m, edit(2, 1, 'new')), false);
});

test('a delete clears text, reactions and pin; later changes of it are ignored', () => {
  const m = message(1, 'x', { reactions: [{ emoji: '👍', users: ['b'] }], pinned: true });
  assert.equal(applyChange(m, del(2, 1)), true);
  assert.deepEqual([m.deleted, m.text, m.reactions, m.pinned], [true, '', null, false]);
  assert.equal(applyChange(m, del(2, 1)), false);
  assert.equal(applyChange(m, edit(3, 1, 'back')), false);
  assert.equal(applyChange(m, react(4, 1, [{ emoji: '👍', users: ['b'] }])), false);
  assert.equal(m.text, '');
});

test('a reaction replaces the whole list; an empty list means none; pins toggle', () => {
  const m = message(1);
  assert.equal(applyChange(m, react(2, 1, [{ emoji: '👍', users: ['b'] }])), true);
  assert.equal(applyChange(m, react(2, 1, [{ emoji: '👍', users: ['b'] }])), false);
  assert.equal(applyChange(m, react(3, 1, [])), true);
  assert.equal(m.reactions, null);
  assert.equal(applyChange(m, pin(4, 1, true)), true);
  assert.equal(applyChange(m, pin(4, 1, true)), false);
  assert.equal(m.pinned, true);
});

test('the index ignores changes of messages it does not hold, and reports each changed message once', () => {
  const index = new MessageIndex();
  index.add([message(5)]);
  const changed = index.add([edit(6, 5, 'a'), edit(7, 5, 'b'), edit(8, 3, 'unknown'), { seq: 9, kind: 'pin', targetSeq: 99, pinned: true }]);
  assert.equal(changed.length, 1);
  assert.equal(index.get(5).text, 'b');
  assert.equal(index.get(3), null);
});

test('a message read as it is now is not rolled back by older changes met later', () => {
  const index = new MessageIndex();
  // History page (room's newest seq 20): message 5 already shows edit 15's text; edit 6 is older.
  index.add([message(5, 'final', { editedAt: 't15' }), edit(6, 5, 'first')], 20);
  assert.equal(index.get(5).text, 'final');
  index.add([edit(21, 5, 'later')]);
  assert.equal(index.get(5).text, 'later');
});

test('older messages from scrollback get the changes already received after their page', () => {
  const room = new Room('r');
  room.load({ room: { id: 'r', kind: 'room' }, members: [], recent: [message(10)], lastSeq: 10, role: 'member' }, 'a');
  room.receive([edit(11, 3, 'pushed edit of an older message')]);
  assert.deepEqual(room.takeChanged(), []); // message 3 is not loaded: ignored
  // A History page read before edit 11 was stored (its lastSeq is 10): the edit applies on top.
  room.prepend({ events: [message(3, 'old')], lastSeq: 10 });
  assert.equal(room.message(3).text, 'pushed edit of an older message');
  // One read after it already has the text; the same edit met again changes nothing.
  room.receive([edit(11, 3, 'pushed edit of an older message')]);
  assert.deepEqual(room.takeChanged(), []);
});

test('the room applies pushed changes in order and reports the changed messages', () => {
  const room = new Room('r');
  room.load({ room: { id: 'r', kind: 'room' }, members: [], recent: [message(1), message(2)], lastSeq: 2, role: 'member' }, 'a');
  room.receive([react(4, 1, [{ emoji: '🎉', users: ['b'] }]), edit(3, 2, 'fixed')]); // out of order: both wait for 3
  const changed = room.takeChanged();
  assert.deepEqual(changed.map(m => m.seq).sort(), [1, 2]);
  assert.equal(room.message(2).text, 'fixed');
  assert.equal(room.message(1).reactions[0].emoji, '🎉');
  room.receive([react(4, 1, [{ emoji: '🎉', users: ['b'] }])]); // a duplicate push
  assert.deepEqual(room.takeChanged(), []);
});
