// The page's Timeline: each room's events exactly once and in order (docs/protocol.md §4).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Timeline } from '../../WebGateway/wwwroot/js/timeline.js';

const events = (...seqs) => seqs.map(seq => ({ seq, kind: 'message', text: `m${seq}` }));
const seqs = list => list.map(e => e.seq);

test('events are applied in order, duplicates dropped', () => {
  const timeline = new Timeline();
  timeline.start(0);
  assert.deepEqual(seqs(timeline.accept(events(1, 2))), [1, 2]);
  assert.deepEqual(seqs(timeline.accept(events(2, 3))), [3]);
  assert.equal(timeline.lastSeq, 3);
});

test('events after a gap wait, and the gap is reported until catch-up fills it', () => {
  const timeline = new Timeline();
  timeline.start(1);
  assert.deepEqual(seqs(timeline.accept(events(4, 3))), []);
  assert.equal(timeline.hasGap, true);
  assert.deepEqual(seqs(timeline.accept(events(2))), [2, 3, 4]);
  assert.equal(timeline.hasGap, false);
});

test('pushes before the first load are kept and applied after start', () => {
  const timeline = new Timeline();
  assert.deepEqual(timeline.accept(events(6, 7)), []);
  assert.equal(timeline.started, false);
  assert.deepEqual(seqs(timeline.start(5)), [6, 7]);
});

test('an unopened room does not hoard pushes without bound', () => {
  const timeline = new Timeline();
  timeline.accept(events(...Array.from({ length: 501 }, (_, i) => i + 1)));
  assert.deepEqual(timeline.start(0), []);
});

test('a catch-up page moves past numbers a restore never used, and only a page does', () => {
  const timeline = new Timeline();
  timeline.start(120); // the client saw up to 120; the room was restored to 100 and continues above its floor
  assert.deepEqual(seqs(timeline.accept(events(5000001))), []);
  assert.equal(timeline.hasGap, true);
  assert.deepEqual(seqs(timeline.acceptPage(120, events(5000001, 5000002))), [5000001, 5000002]);
  assert.equal(timeline.hasGap, false);
  assert.deepEqual(seqs(timeline.accept(events(5000002, 5000003))), [5000003]);

  const behind = new Timeline();
  behind.start(98);
  assert.deepEqual(seqs(behind.acceptPage(98, events(99, 100, 5000001))), [99, 100, 5000001]);

  const restoredOnly = new Timeline();
  restoredOnly.start(100);
  assert.deepEqual(restoredOnly.acceptPage(100, [], 5000000), []);
  assert.equal(restoredOnly.lastSeq, 5000000);
});
