// The member list's order and its summary of inactive members (js/member-groups.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memberGroups, othersLabel, LIST_ALL_UP_TO } from '../../WebGateway/wwwroot/js/member-groups.js';

const now = Date.parse('2027-01-31T12:00:00Z');
const daysAgo = days => new Date(now - days * 24 * 60 * 60 * 1000).toISOString();
const member = (name, online, lastActive) => ({ userId: name, name, online, lastActive });
const names = list => list.map(m => m.name);

// A lobby as issue 14 saw it: one online, a few recent, many strangers who never came back.
function lobby() {
  const strangers = Array.from({ length: 20 }, (_, i) => member(`Stranger ${String(i).padStart(2, '0')}`, false, daysAgo(20 + i)));
  return [
    ...strangers,
    member('Zed Online', true, daysAgo(0)),
    member('Amy Yesterday', false, daysAgo(1)),
    member('Bob Today', false, daysAgo(0.1)),
    member('Cy Unknown', false, null),
    member('Ann Online', true, daysAgo(3)),
  ];
}

test('online members come first by name, then the recently active, the most recent first', () => {
  const { shown } = memberGroups(lobby(), { now });
  assert.deepEqual(names(shown), ['Ann Online', 'Zed Online', 'Bob Today', 'Amy Yesterday']);
});

test('the rest of a large room is summarised as a count, by name when expanded', () => {
  const { others } = memberGroups(lobby(), { now });
  assert.equal(others.length, 21);
  assert.equal(others[0].name, 'Cy Unknown'); // no activity known: not recent
  assert.equal(others[1].name, 'Stranger 00');
  assert.equal(othersLabel(others.length), 'and 21 others');
  assert.equal(othersLabel(1), 'and 1 other');
});

test('activity exactly seven days old still counts as recent, older does not', () => {
  const members = [...lobby(), member('Edge', false, daysAgo(7)), member('Past', false, daysAgo(7.01))];
  const { shown, others } = memberGroups(members, { now });
  assert.ok(names(shown).includes('Edge'));
  assert.ok(names(others).includes('Past'));
});

test('small rooms and conversations list everyone, in the same order', () => {
  const small = [member('Old', false, daysAgo(90)), member('Here', true, daysAgo(0)), member('Recent', false, daysAgo(2))];
  assert.ok(small.length <= LIST_ALL_UP_TO);
  assert.deepEqual(names(memberGroups(small, { now }).shown), ['Here', 'Recent', 'Old']);
  assert.deepEqual(memberGroups(small, { now }).others, []);

  const group = lobby();
  const { shown, others } = memberGroups(group, { now, conversation: true });
  assert.equal(shown.length, group.length);
  assert.deepEqual(others, []);
});
