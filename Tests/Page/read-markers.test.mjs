// The page's ReadMarkers: the first mark goes out at once, later ones at most about once a second (fake timers).
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';

globalThis.addEventListener ??= () => {}; // the module listens for 'pagehide' in browsers
const { ReadMarkers } = await import('../../WebGateway/wwwroot/js/read-markers.js');

test('the first mark is sent at once, later ones batched to the newest per room', () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 10_000 });
  try {
    const sent = [];
    const markers = new ReadMarkers(async (roomId, seq) => sent.push([roomId, seq]));
    markers.mark('lobby', 3);
    assert.deepEqual(sent, [['lobby', 3]]);

    markers.mark('lobby', 4);
    markers.mark('lobby', 6);
    markers.mark('lobby', 5);
    assert.equal(sent.length, 1);
    mock.timers.tick(1000);
    assert.deepEqual(sent, [['lobby', 3], ['lobby', 6]]);
  } finally {
    mock.timers.reset();
  }
});

test('a mark at or below what was sent is not sent again', () => {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 50_000 });
  try {
    const sent = [];
    const markers = new ReadMarkers(async (roomId, seq) => sent.push(seq));
    markers.mark('r', 9);
    markers.mark('r', 9);
    markers.mark('r', 2);
    mock.timers.tick(5000);
    assert.deepEqual(sent, [9]);
  } finally {
    mock.timers.reset();
  }
});
