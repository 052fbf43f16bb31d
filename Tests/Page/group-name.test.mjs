// A group conversation is shown by its members' current names (js/chat.js groupName) and behaves like a DM (js/room.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.addEventListener ??= () => {};
const { groupName } = await import('../../WebGateway/wwwroot/js/chat.js');
const { Room } = await import('../../WebGateway/wwwroot/js/room.js');

const me = { userId: 'a', name: 'Amber Heron' };

test('a loaded group is named by its other members, current names, alphabetically', () => {
  const room = new Room('g-0123456789abcdef0123');
  room.setMembers([{ userId: 'a', name: 'Amber Heron' }, { userId: 'c', name: 'Cold Owl' }, { userId: 'b', name: 'Blue Fox' }]);
  assert.equal(groupName(room, me), 'Blue Fox, Cold Owl');
  room.setMembers([{ userId: 'a', name: 'Amber Heron' }, { userId: 'c', name: 'Calm Owl' }, { userId: 'b', name: 'Blue Fox' }]);
  assert.equal(groupName(room, me), 'Blue Fox, Calm Owl');
});

test('before it is loaded, the names it was created with, without the user\'s own', () => {
  const room = new Room('g-0123456789abcdef0123');
  room.applySummary({ id: room.id, name: 'Amber Heron, Blue Fox, Cold Owl', kind: 'group', isPrivate: true });
  assert.equal(groupName(room, me), 'Blue Fox, Cold Owl');
});

test('a group is a conversation: private, not direct, listed and notified like one', () => {
  const room = new Room('g-0123456789abcdef0123');
  assert.equal(room.isGroup, true);
  assert.equal(room.isDirect, false);
  assert.equal(room.isConversation, true);
  assert.equal(room.isPrivate, true);
  assert.equal(new Room('p-0123456789abcdef0123').isConversation, false);
});
