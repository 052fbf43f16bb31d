// The page's away detector (js/away.js) on fake time: hidden or idle is away, the gateway hears each change once,
// never faster than the hub allows, and a new connection is told the page is away.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { AwayDetector, MIN_INTERVAL_MS } from '../../WebGateway/wwwroot/js/away.js';

const MINUTE = 60_000;
const settle = () => new Promise(resolve => setImmediate(resolve));

async function withFakeTime(body) {
  mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 5_000_000 });
  try {
    await body();
  } finally {
    mock.timers.reset();
  }
}

async function tick(ms) {
  mock.timers.tick(ms);
  await settle();
}

function detector(options = {}) {
  const sent = [];
  const away = new AwayDetector(async state => {
    sent.push(state);
  }, { awayAfterMs: 10 * MINUTE, ...options });
  away.connected();
  return { away, sent };
}

test('no input for the configured time is away, and input is active again', () => withFakeTime(async () => {
  const { away, sent } = detector();
  await tick(10 * MINUTE - 1);
  assert.equal(away.away, false);
  assert.deepEqual(sent, []);

  await tick(1);
  assert.equal(away.away, true);
  assert.deepEqual(sent, [true]);

  away.input();
  await settle();
  assert.equal(away.away, false);
  assert.deepEqual(sent, [true]); // within the interval since the last call: held
  await tick(MIN_INTERVAL_MS);
  assert.deepEqual(sent, [true, false]);
}));

test('input keeps the page active: the idle time counts from the last input', () => withFakeTime(async () => {
  const { away, sent } = detector();
  await tick(9 * MINUTE);
  away.input();
  await tick(9 * MINUTE);
  assert.equal(away.away, false);
  await tick(MINUTE);
  assert.equal(away.away, true);
  assert.deepEqual(sent, [true]);
}));

test('a hidden tab is away at once, and shown again it is active (coming back is input)', () => withFakeTime(async () => {
  const { away, sent } = detector();
  away.setHidden(true);
  await settle();
  assert.deepEqual(sent, [true]);

  await tick(MIN_INTERVAL_MS);
  away.setHidden(false);
  await settle();
  assert.deepEqual(sent, [true, false]);
  await tick(10 * MINUTE - 1);
  assert.equal(away.away, false);
}));

test('changes faster than the interval are held, and only the newest state is sent', () => withFakeTime(async () => {
  const { away, sent } = detector();
  away.setHidden(true);
  await settle();
  away.setHidden(false);
  away.setHidden(true);
  away.setHidden(false);
  await settle();
  assert.deepEqual(sent, [true]);

  await tick(MIN_INTERVAL_MS);
  assert.deepEqual(sent, [true, false]);

  // Hidden and shown again within the interval: the gateway already believes "active", nothing to send.
  away.setHidden(true);
  away.setHidden(false);
  await tick(MIN_INTERVAL_MS);
  assert.deepEqual(sent, [true, false]);
}));

test('the same state is never sent twice', () => withFakeTime(async () => {
  const { away, sent } = detector();
  away.setHidden(true);
  await tick(10 * MINUTE); // idle as well: still just away
  away.setHidden(true);
  await tick(MIN_INTERVAL_MS);
  assert.deepEqual(sent, [true]);
}));

test('a new connection starts active on the server: an away page says so again, an active one says nothing', () => withFakeTime(async () => {
  const { away, sent } = detector();
  away.connected();
  await settle();
  assert.deepEqual(sent, []);

  away.setHidden(true);
  await settle();
  away.disconnected();
  away.connected();
  await settle();
  assert.deepEqual(sent, [true, true]);
}));

test('nothing is sent while disconnected; the state is sent on connecting', () => withFakeTime(async () => {
  const sent = [];
  const away = new AwayDetector(async state => {
    sent.push(state);
  }, { awayAfterMs: MINUTE, hidden: true });
  await tick(2 * MINUTE);
  assert.deepEqual(sent, []);

  away.connected();
  await settle();
  assert.deepEqual(sent, [true]);
}));

test('a failed call is tried again after the interval', () => withFakeTime(async () => {
  const sent = [];
  let fail = true;
  const away = new AwayDetector(async state => {
    sent.push(state);
    if (fail) throw new Error('connection lost');
  }, { awayAfterMs: MINUTE });
  away.connected();
  away.setHidden(true);
  await settle();
  fail = false;
  await tick(MIN_INTERVAL_MS);
  assert.deepEqual(sent, [true, true]);
  await tick(MIN_INTERVAL_MS);
  assert.deepEqual(sent, [true, true]);
}));

test('the gateway\'s setting replaces the default, and a shorter one takes effect at once', () => withFakeTime(async () => {
  const { away, sent } = detector();
  await tick(2 * MINUTE);
  away.setAwayAfter(MINUTE);
  await settle();
  assert.equal(away.away, true);
  assert.deepEqual(sent, [true]);

  away.setAwayAfter(0); // missing: the default of 10 minutes
  away.input();
  await tick(9 * MINUTE);
  assert.equal(away.away, false);
}));

test('changed() reports the page\'s own state', () => withFakeTime(async () => {
  const seen = [];
  const away = new AwayDetector(async () => {}, { awayAfterMs: MINUTE, changed: state => seen.push(state) });
  await tick(MINUTE);
  away.input();
  assert.deepEqual(seen, [true, false]);
}));
