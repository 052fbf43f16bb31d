// System lines (js/system-lines.js): their text, the collapsing of joins and leaves, and that they never count as
// unread (js/unread.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';

globalThis.addEventListener ??= () => {}; // read-markers.js listens for pagehide
const { collapsedText, isCollapsible, isSystemLine, lineOf, lineText, nameList } =
  await import('../../WebGateway/wwwroot/js/system-lines.js');
const { Unread } = await import('../../WebGateway/wwwroot/js/unread.js');
const { Room } = await import('../../WebGateway/wwwroot/js/room.js');

const owner = { id: 'u-owner', name: 'Olga' };
let seq = 0;
const member = (change, who, actor = who) => ({
  seq: ++seq, kind: 'member', authorId: actor.id, authorName: actor.name,
  text: JSON.stringify({ change, userId: who.id, name: who.name }), at: '2027-01-05T10:00:00.000Z',
});
const roomLine = line => ({ seq: ++seq, kind: 'room', authorId: owner.id, authorName: owner.name, text: JSON.stringify(line) });
const message = (authorId, text = 'hi') => ({ seq: ++seq, kind: 'message', authorId, authorName: 'x', text });
const people = ['Ana', 'Bo', 'Cy', 'Dee', 'Eve'].map(name => ({ id: `u-${name}`, name }));
const [ana, bo, cy] = people;

test('each kind of line says who did what to whom', () => {
  assert.equal(lineText(member('joined', ana)), 'Ana joined');
  assert.equal(lineText(member('added', bo, owner)), 'Olga added Bo');
  assert.equal(lineText(member('left', cy)), 'Cy left');
  assert.equal(lineText(member('kicked', ana, owner)), 'Olga removed Ana');
  assert.equal(lineText(member('banned', bo, owner)), 'Olga banned Bo');
  assert.equal(lineText(roomLine({ change: 'renamed', oldName: 'general', name: 'Friday plans' })), 'Olga renamed the room from #general to #Friday plans');
  assert.equal(lineText(roomLine({ change: 'renamed', oldName: 'a', name: 'b' }), undefined, ''), 'Olga renamed the room from a to b');
  assert.equal(lineText(roomLine({ change: 'topic', topic: 'pizza at 8' })), 'Olga changed the topic to “pizza at 8”');
  assert.equal(lineText(roomLine({ change: 'topic', topic: '' })), 'Olga cleared the topic');
});

test('a line names members by their current names, and by the name it carries once they are gone', () => {
  const current = new Map([[ana.id, 'Ana Renamed']]);
  const nameOf = (id, name) => current.get(id) ?? name;
  assert.equal(lineText(member('kicked', bo, ana), nameOf), 'Ana Renamed removed Bo');
});

test('text that is markup stays text, and a line that cannot be read is not drawn', () => {
  const evil = { id: 'u-evil', name: '<img src=x onerror=alert(1)>' };
  assert.equal(lineText(member('joined', evil)), '<img src=x onerror=alert(1)> joined');
  assert.equal(lineText({ kind: 'member', text: 'not json' }), null);
  assert.equal(lineText({ kind: 'member', text: '{"change":"exploded"}' }), null);
  assert.equal(lineOf(message('a')), null);
  assert.equal(lineText(message('a')), null);
});

test('only system lines are system lines, and only joins and leaves collapse', () => {
  assert.ok(isSystemLine(member('joined', ana)));
  assert.ok(isSystemLine(roomLine({ change: 'topic', topic: '' })));
  assert.ok(!isSystemLine(message('a')));
  assert.ok(!isSystemLine({ kind: 'edit' }));
  assert.deepEqual(
    [member('joined', ana), member('left', ana), member('added', bo, owner), member('kicked', bo, owner), member('banned', bo, owner),
      roomLine({ change: 'topic', topic: 'x' })].map(isCollapsible),
    [true, true, false, false, false, false]);
});

test('a run of joins and leaves reads as one line, with at most three names', () => {
  assert.equal(nameList(['Ana']), 'Ana');
  assert.equal(nameList(['Ana', 'Bo']), 'Ana and Bo');
  assert.equal(nameList(['Ana', 'Bo', 'Cy']), 'Ana, Bo and Cy');
  assert.equal(nameList(['Ana', 'Bo', 'Cy', 'Dee', 'Eve']), 'Ana, Bo and 3 others');
  assert.equal(collapsedText(people.map(p => member('joined', p))), 'Ana, Bo and 3 others joined');
  assert.equal(collapsedText([member('joined', ana), member('joined', bo), member('left', cy)]), 'Ana and Bo joined; Cy left');
  // Someone who joins twice in a run is named once.
  assert.equal(collapsedText([member('joined', ana), member('left', ana), member('joined', ana)]), 'Ana joined; Ana left');
});

test('system lines never count as unread, never ask for attention; messages of others do', () => {
  const room = new Room('lobby');
  room.setNotify('all');
  let arrived = [];
  const unread = new Unread(async () => {}, () => ({ userId: 'me', name: 'Me' }), () => {}, (_, events) => { arrived = events; });

  unread.count(room, [member('joined', ana), member('left', bo), roomLine({ change: 'topic', topic: 'x' })]);
  assert.equal(room.unread, 0);
  assert.deepEqual(arrived, []);

  const hello = message(ana.id, 'hello');
  unread.count(room, [member('joined', cy), hello]);
  assert.equal(room.unread, 1);
  assert.deepEqual(arrived, [hello]);
});

test('the room list takes unread from the listing, not from lastSeq - readSeq (which counts system lines)', () => {
  const room = new Room('general');
  const unread = new Unread(async () => {}, () => null, () => {});
  unread.fromListing(room, { room: { id: 'general' }, lastSeq: 40, readSeq: 10, unread: 3 });
  assert.equal(room.unread, 3);
  unread.fromListing(room, { room: { id: 'general' }, lastSeq: 41, readSeq: 41, unread: 0 });
  assert.equal(room.unread, 0);
});
