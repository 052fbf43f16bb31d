// Search snippets: the matching words as marked parts, whatever ranges arrive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { snippetParts } from '../../WebGateway/wwwroot/js/search-snippet.js';

test('the marked ranges become marked parts between plain ones', () => {
  assert.deepEqual(snippetParts('Exam in room 4.12', [{ start: 0, length: 4 }, { start: 8, length: 4 }]), [
    { text: 'Exam', marked: true },
    { text: ' in ', marked: false },
    { text: 'room', marked: true },
    { text: ' 4.12', marked: false },
  ]);
  assert.deepEqual(snippetParts('私は東京に', [{ start: 2, length: 2 }]), [
    { text: '私は', marked: false },
    { text: '東京', marked: true },
    { text: 'に', marked: false },
  ]);
});

test('no marks, unsorted, overlapping or out-of-range marks still give the text exactly once', () => {
  assert.deepEqual(snippetParts('plain', []), [{ text: 'plain', marked: false }]);
  assert.deepEqual(snippetParts('plain', undefined), [{ text: 'plain', marked: false }]);
  const parts = snippetParts('abcdefgh', [{ start: 5, length: 10 }, { start: 1, length: 3 }, { start: 2, length: 3 }, { start: -4, length: 2 }]);
  assert.equal(parts.map(p => p.text).join(''), 'abcdefgh');
  assert.deepEqual(parts.filter(p => p.marked).map(p => p.text), ['bcd', 'e', 'fgh']);
});

test('text that looks like markup stays text', () => {
  assert.deepEqual(snippetParts('<b>x</b>', [{ start: 3, length: 1 }]).map(p => p.text), ['<b>', 'x', '</b>']);
});
