// A member's state in the page: `online`, `away` and `offline` changes (and member lists) give online, away or offline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Room } from '../../WebGateway/wwwroot/js/room.js';
import { memberState } from '../../WebGateway/wwwroot/js/members-view.js';

const alice = { userId: 'a', name: 'Amber Heron', role: 'member', avatar: 0, status: null };

function loadedRoom(members) {
  const room = new Room('lobby');
  room.timeline.start(0);
  room.setMembers(members);
  return room;
}

test('away, online and offline changes set the state, whatever else the change carries', () => {
  const room = loadedRoom([{ ...alice, online: true, away: false }]);

  room.applyMemberChange('away', { ...alice, online: true, away: true });
  assert.equal(memberState(room.members.get('a')), 'away');

  room.applyMemberChange('online', { ...alice, online: true, away: false });
  assert.equal(memberState(room.members.get('a')), 'online');

  room.applyMemberChange('away', { ...alice, online: true, away: true });
  room.applyMemberChange('offline', { ...alice, online: false, away: false });
  assert.equal(memberState(room.members.get('a')), 'offline');
});

test('a profile change carries the status text and keeps the state', () => {
  const room = loadedRoom([{ ...alice, online: true, away: true }]);

  room.applyMemberChange('profile', { ...alice, online: true, away: true, status: 'In a meeting' });

  assert.equal(room.members.get('a').status, 'In a meeting');
  assert.equal(memberState(room.members.get('a')), 'away');
});

test('a member list from an older server (no away field) reads as online or offline', () => {
  assert.equal(memberState({ ...alice, online: true }), 'online');
  assert.equal(memberState({ ...alice, online: false, away: true }), 'offline');
  assert.equal(memberState(undefined), 'offline');
});

test('a direct conversation\'s peer follows the same changes', () => {
  const room = new Room('dm-a-b');
  room.applyListing({ room: { id: room.id, name: 'Alice', kind: 'direct', isPrivate: true }, peer: { ...alice, online: true, away: false } });

  room.applyMemberChange('away', { ...alice, online: true, away: true });

  assert.equal(memberState(room.peer), 'away');
});
