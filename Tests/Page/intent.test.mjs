// A component's intents (js/components/intent.js): DOM events that bubble, one kind answered through respondWith.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { IntentEvent, request, tell } from '../../WebGateway/wwwroot/js/components/intent.js';

test('tell dispatches a bubbling event with the detail', () => {
  const target = new EventTarget();
  const seen = [];
  target.addEventListener('reply', event => seen.push([event.bubbles, event.detail.message.seq]));
  tell(target, 'reply', { message: { seq: 7 } });
  assert.deepEqual(seen, [[true, 7]]);
});

test('request resolves to what the listener answered with respondWith, awaited', async () => {
  const target = new EventTarget();
  target.addEventListener('edit-message', event => event.respondWith(Promise.resolve(event.detail.text === 'new')));
  assert.equal(await request(target, 'edit-message', { text: 'new' }), true);
  assert.equal(await request(target, 'edit-message', { text: 'other' }), false);
});

test('request resolves to undefined when nobody answers, and a refused answer rejects', async () => {
  const target = new EventTarget();
  assert.equal(await request(target, 'edit-message'), undefined);
  target.addEventListener('save', event => event.respondWith(Promise.reject(new Error('refused'))));
  await assert.rejects(request(target, 'save'), /refused/);
});

test('an intent is a CustomEvent', () => {
  assert.ok(new IntentEvent('pin', { pinned: true }) instanceof CustomEvent);
});
