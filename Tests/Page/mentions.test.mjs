// The page's mention rule: the user's whole name, any case, not inside a longer word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentions } from '../../WebGateway/wwwroot/js/format.js';

test('the whole name in any case mentions, with any spacing between its words', () => {
  assert.equal(mentions('hi amber   heron, lunch?', 'Amber Heron'), true);
  assert.equal(mentions('AMBER HERON!', 'Amber Heron'), true);
});

test('a name inside a longer word, or half a name, does not mention', () => {
  assert.equal(mentions('Amber Heronsson', 'Amber Heron'), false);
  assert.equal(mentions('just Amber', 'Amber Heron'), false);
  assert.equal(mentions('', 'Amber Heron'), false);
});

test('names with regular-expression characters are taken literally', () => {
  assert.equal(mentions('ping J.R. Smith', 'J.R. Smith'), true);
  assert.equal(mentions('ping JxRx Smith', 'J.R. Smith'), false);
});
