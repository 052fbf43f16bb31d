// One shape for the dialogs (js/dialogs.js): a dialog's parts are named after their ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { partName } from '../../WebGateway/wwwroot/js/dialogs.js';

test('a part is named by its id without the dialog prefix, in camelCase', () => {
  assert.equal(partName('search-here-label', 'search-'), 'hereLabel');
  assert.equal(partName('search-input', 'search-'), 'input');
  assert.equal(partName('people-group-start', 'people-'), 'groupStart');
});

test('ids of other dialogs, and the prefix alone, are not parts', () => {
  assert.equal(partName('emoji-search', 'search-'), null);
  assert.equal(partName('search-', 'search-'), null);
});
