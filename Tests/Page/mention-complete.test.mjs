// The @-autocomplete's pure parts: what is being typed, and who is suggested.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mentionQuery, suggestMentions } from '../../WebGateway/wwwroot/js/mention-complete.js';

const members = [
  { userId: 'me', name: 'Amber Heron' },
  { userId: 'b', name: 'Bright Ibis' },
  { userId: 'c', name: 'Amber Crane' },
];

test('the @ being typed before the caret is the query, spaces included; an e-mail address is not', () => {
  assert.deepEqual(mentionQuery('hi @', 4), { start: 3, query: '' });
  assert.deepEqual(mentionQuery('hi @amber cr', 12), { start: 3, query: 'amber cr' });
  assert.deepEqual(mentionQuery('@b', 2), { start: 0, query: 'b' });
  assert.equal(mentionQuery('mail bob@example', 16), null);
  assert.equal(mentionQuery('hi @ there', 10), null);
  assert.equal(mentionQuery('hi @b\nthere', 11), null);
});

test('members are found by the start of their name or of a word of it, never the user', () => {
  const names = query => suggestMentions(members, query, { meId: 'me', canHere: false }).map(s => s.name);
  assert.deepEqual(names('am'), ['Amber Crane']);
  assert.deepEqual(names('ibis'), ['Bright Ibis']);
  assert.deepEqual(names(''), ['Bright Ibis', 'Amber Crane']);
  assert.deepEqual(names('zed'), []);
});

test('@here is offered only to those who may use it', () => {
  assert.equal(suggestMentions(members, 'he', { meId: 'me', canHere: true })[0].name, 'here');
  assert.equal(suggestMentions(members, 'he', { meId: 'me', canHere: false }).length, 0);
});
