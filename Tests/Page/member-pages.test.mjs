// Member pages of big rooms (issue 16): what the list shows of a paged list, and the room's paged state (js/member-groups.js, js/room.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pagedMembers } from '../../WebGateway/wwwroot/js/member-groups.js';
import { Room } from '../../WebGateway/wwwroot/js/room.js';

const now = Date.parse('2027-01-31T12:00:00Z');
const daysAgo = days => new Date(now - days * 24 * 60 * 60 * 1000).toISOString();
const member = (name, online, lastActive, away = false) => ({ userId: name, name, online, away, lastActive });
const names = list => list.map(m => m.name);

// A first page in the server's order: online, away, then the offline by activity.
const firstPage = [member('Ann', true, daysAgo(0)), member('Zed', true, daysAgo(0)), member('Cy', true, daysAgo(0), true),
  member('Bob', false, daysAgo(1)), member('Amy', false, daysAgo(2))];

test('a paged list shows what it loaded in order and wants the next page while every loaded member is recent', () => {
  const view = pagedMembers(firstPage, { total: 100_000, complete: false, now });
  assert.deepEqual(names(view.shown), ['Ann', 'Zed', 'Cy', 'Bob', 'Amy']);
  assert.equal(view.othersCount, 0);
  assert.equal(view.wantsMore, true);
});

test('once a page reaches members not active for a week, the rest is a count and no more pages load until expanded', () => {
  const loaded = [...firstPage, member('Old', false, daysAgo(9)), member('Older', false, daysAgo(30))];
  const view = pagedMembers(loaded, { total: 100_000, complete: false, now });
  assert.deepEqual(names(view.shown), ['Ann', 'Zed', 'Cy', 'Bob', 'Amy']);
  assert.equal(view.othersCount, 100_000 - 5);
  assert.equal(view.wantsMore, false);

  const open = pagedMembers(loaded, { total: 100_000, complete: false, expanded: true, now });
  assert.deepEqual(names(open.shown), ['Ann', 'Zed', 'Cy', 'Bob', 'Amy', 'Old', 'Older']);
  assert.equal(open.wantsMore, true);
});

test('a member pushed online out of the server order is drawn with the online, by name', () => {
  const view = pagedMembers([...firstPage, member('Bea', true, daysAgo(0))], { total: 50_000, complete: false, now });
  assert.deepEqual(names(view.shown), ['Ann', 'Bea', 'Zed', 'Cy', 'Bob', 'Amy']);
});

test('a complete list is grouped as before: "and N others" for the inactive of a room of more than 10', () => {
  const strangers = Array.from({ length: 12 }, (_, i) => member(`Stranger ${i}`, false, daysAgo(20)));
  const view = pagedMembers([...firstPage, ...strangers], { total: 17, complete: true, now });
  assert.equal(view.shown.length, 5);
  assert.equal(view.othersCount, 12);
  assert.equal(view.wantsMore, false);
  assert.equal(pagedMembers([...firstPage, ...strangers], { total: 17, complete: true, expanded: true, now }).shown.length, 17);
});

test('a room keeps the first page, adds further pages without repeats, and counts as the server told while paged', () => {
  const room = new Room('big');
  room.load({ room: { id: 'big', kind: 'room', memberCount: 100_000 }, members: firstPage, membersNext: 'p1', onlineCount: 3,
    recent: [], lastSeq: 0, role: 'member' }, 'Ann');
  assert.equal(room.membersComplete, false);
  assert.deepEqual(room.counts, { total: 100_000, online: 3 });

  room.addMemberPage({ members: [member('Amy', false, daysAgo(2)), member('Old', false, daysAgo(9))], next: null, total: 100_001, online: 4 });
  assert.equal(room.members.size, 6);
  assert.equal(room.membersComplete, true);
  room.applyMemberCounts({ total: 7, online: 1 });
  assert.deepEqual(room.counts, { total: 6, online: 3 }); // a complete list counts itself

  room.setMembers(firstPage, 'p2', { total: 100_002, online: 5 });
  room.applyMemberCounts({ total: 100_003, online: 6 });
  assert.deepEqual(room.counts, { total: 100_003, online: 6 });
  assert.equal(room.membersNext, 'p2');
});

test('a small room answers everyone: its list is complete and counted from the members', () => {
  const room = new Room('small');
  room.load({ room: { id: 'small', kind: 'room', memberCount: 5 }, members: firstPage, membersNext: null, onlineCount: 3,
    recent: [], lastSeq: 0, role: 'member' }, 'Ann');
  assert.equal(room.membersComplete, true);
  assert.deepEqual(room.counts, { total: 5, online: 3 });
});

test('a filter of a complete list matches parts of names ignoring case; a paged one shows what the room answered', () => {
  const room = new Room('small');
  room.load({ room: { id: 'small', kind: 'room', memberCount: 5 }, members: firstPage, membersNext: null, onlineCount: 3,
    recent: [], lastSeq: 0, role: 'member' }, 'Ann');
  assert.equal(room.filteredMembers, null);
  room.setMemberFilter({ text: 'a', members: null, next: null });
  assert.deepEqual(names(room.filteredMembers), ['Ann', 'Amy']);
  room.setMemberFilter({ text: 'ZE', members: null, next: null });
  assert.deepEqual(names(room.filteredMembers), ['Zed']);

  room.setMembers(firstPage, 'p1', { total: 100_000, online: 3 });
  room.setMemberFilter({ text: 'needle', members: [member('Needle', false, daysAgo(40))], next: 'f1' });
  assert.deepEqual(names(room.filteredMembers), ['Needle']);
});
