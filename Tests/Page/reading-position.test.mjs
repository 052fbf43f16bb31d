// Where opening a room puts the reader (js/reading-position.js) and the "Jump to latest" button (js/jump-latest.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';

const stored = new Map();
globalThis.localStorage = {
  getItem: key => stored.get(key) ?? null,
  setItem: (key, value) => stored.set(key, String(value)),
  removeItem: key => stored.delete(key),
};
const { dividerSeq, loadPosition, MAX_LOAD_BACK, openingPlace, savePosition, unreadRange } =
  await import('../../WebGateway/wwwroot/js/reading-position.js');
const { JumpToLatest, jumpLabel } = await import('../../WebGateway/wwwroot/js/jump-latest.js');

const me = 'me';
const other = 'other';
const messages = (from, to, authorOf = () => other) =>
  Array.from({ length: to - from + 1 }, (_, i) => ({ seq: from + i, authorId: authorOf(from + i) }));

test('what was unread at opening: after the read marker up to the newest; nothing for a room never read', () => {
  assert.deepEqual(unreadRange(10, 15), { after: 10, upTo: 15 });
  assert.equal(unreadRange(15, 15), null);
  assert.equal(unreadRange(0, 15), null);
});

test('the "New messages" line goes above the first unread message of someone else, never above one of the user', () => {
  const loaded = messages(1, 20, seq => (seq === 11 ? me : other));
  assert.equal(dividerSeq(loaded, { after: 10, upTo: 20 }, me), 12);
  assert.equal(dividerSeq(loaded, { after: 10, upTo: 11 }, me), null); // only the user's own message was new
  assert.equal(dividerSeq(loaded, null, me), null);
});

test('opening: at the line when there is one; at the saved position when nothing is unread; else at the newest', () => {
  const loaded = messages(51, 100);
  assert.deepEqual(openingPlace(loaded, { after: 90, upTo: 100 }, me, 60, 51), { divider: 91 });
  assert.deepEqual(openingPlace(loaded, null, me, 60, 51), { position: 60 });
  assert.deepEqual(openingPlace(loaded, null, me, null, 51), {});
  // Something unread (of the user's own) beats an old saved position: the newest messages are shown.
  assert.deepEqual(openingPlace(messages(51, 100, () => me), { after: 90, upTo: 100 }, me, 60, 51), {});
});

test('opening: history is loaded back to the first unread or the saved position when they are not loaded, within a bound', () => {
  const loaded = messages(951, 1000);
  assert.deepEqual(openingPlace(loaded, { after: 500, upTo: 1000 }, me, null, 951), { loadBack: 501 });
  assert.deepEqual(openingPlace(loaded, null, me, 700, 951), { loadBack: 700, position: 700 });
  // Too far back: the first loaded unread message, or the newest messages.
  const far = 1000 - MAX_LOAD_BACK - 1;
  assert.deepEqual(openingPlace(loaded, { after: far, upTo: 1000 }, me, null, 951), { divider: 951 });
  assert.deepEqual(openingPlace(loaded, null, me, far, 951), {});
});

test('the saved position survives (storage) and is forgotten back at the newest messages', () => {
  savePosition('lobby', 42);
  assert.equal(loadPosition('lobby'), 42);
  savePosition('lobby', null);
  assert.equal(loadPosition('lobby'), null);
  localStorage.setItem('orleanschat.position.lobby', 'not a number');
  assert.equal(loadPosition('lobby'), null);
});

test('jump to latest: shown a screen above the newest, counts messages that arrive meanwhile, hidden at the bottom', () => {
  const button = { hidden: true, textContent: '', addEventListener: (type, handler) => { button.click = handler; } };
  let jumped = 0;
  const jump = new JumpToLatest(button, () => jumped++);

  jump.scrolled(false, false);
  assert.equal(button.hidden, true); // a little above the bottom: no button
  jump.arrived(2);
  assert.equal(button.hidden, false);
  assert.equal(button.textContent, '2 new messages ↓');
  jump.arrived(1);
  assert.equal(button.textContent, '3 new messages ↓');
  button.click();
  assert.equal(jumped, 1);
  jump.scrolled(true, false);
  assert.equal(button.hidden, true);

  jump.scrolled(false, true);
  assert.equal(button.hidden, false);
  assert.equal(button.textContent, 'Jump to latest ↓');
  jump.reset();
  assert.equal(button.hidden, true);
  assert.equal(jumpLabel(1), '1 new message ↓');
});
