// The built-in reaction list and its search (js/emoji-picker.js); the module's DOM part is tested in the browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMOJI, searchEmoji } from '../../WebGateway/wwwroot/js/emoji-picker.js';

test('search finds emoji by any of their names, every word must match', () => {
  assert.deepEqual(searchEmoji('party').map(([e]) => e).sort(), ['🎉', '🥳'].sort());
  assert.deepEqual(searchEmoji('thumbs up').map(([e]) => e), ['👍']);
  assert.equal(searchEmoji('').length, EMOJI.length);
  assert.deepEqual(searchEmoji('zzz-nothing'), []);
});

test('each entry is one emoji and is listed once', () => {
  const seen = new Set();
  for (const [emoji] of EMOJI) {
    assert.equal([...new Intl.Segmenter().segment(emoji)].length, 1, emoji);
    assert.ok(!seen.has(emoji), emoji);
    seen.add(emoji);
  }
});
