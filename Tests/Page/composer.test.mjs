// The composer's counter: shown only near the length limit, in a format a person reads.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { counterText, MAX_MESSAGE_LENGTH, messageBody, replyText, tooLongText } from '../../WebGateway/wwwroot/js/composer.js';

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

test('what is sent drops blank lines before the text and spaces after it, and keeps its indentation', () => {
  assert.equal(messageBody('\n\n  code\n  more  \n\n'), '  code\n  more');
  assert.equal(messageBody('hello'), 'hello');
});

test('a text over the limit is refused with its length, one at the limit is not', () => {
  assert.equal(tooLongText(MAX_MESSAGE_LENGTH), '');
  assert.equal(tooLongText(4321), 'A message can be at most 4,000 characters (this one has 4,321). Nothing was sent.');
});

test('the reply bar quotes the first non-blank line of the message, cut at 80 characters', () => {
  assert.equal(replyText('Amber', { text: '\n  \nfirst\nsecond' }), 'Replying to Amber: first');
  assert.equal(replyText('Amber', { text: 'x'.repeat(100) }), `Replying to Amber: ${'x'.repeat(79)}…`);
  assert.equal(replyText('Amber', { text: 'gone', deleted: true }), 'Replying to Amber: message deleted');
});
