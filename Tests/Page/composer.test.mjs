// The composer's counter: shown only near the length limit, in a format a person reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counterText, MAX_MESSAGE_LENGTH } from '../../WebGateway/wwwroot/js/composer.js';

test('no counter well below the limit', () => {
  assert.equal(counterText(0), '');
  assert.equal(counterText(3499), '');
});

test('near and over the limit the counter shows the length against the maximum', () => {
  assert.equal(counterText(3500), `3,500 / ${MAX_MESSAGE_LENGTH.toLocaleString('en-US')}`);
  assert.equal(counterText(4100), '4,100 / 4,000');
});

test('the counter starts at the same share of any maximum', () => {
  assert.equal(counterText(8, 10), '');
  assert.equal(counterText(9, 10), '9 / 10');
});
