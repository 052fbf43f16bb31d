// Shared files on the page: sizes and refusals in words a person reads, names of pasted screenshots, and the message
// state after a delete (the file goes with the message).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileName, formatSize, uploadError } from '../../WebGateway/wwwroot/js/files.js';
import { applyChange } from '../../WebGateway/wwwroot/js/message-state.js';

test('sizes are written as the server writes them in its errors', () => {
  assert.equal(formatSize(812), '812 bytes');
  assert.equal(formatSize(3482), '3.4 KB');
  assert.equal(formatSize(25 * 1024 * 1024), '25 MB');
  assert.equal(formatSize(1024 ** 3), '1 GB');
});

test('a refused upload shows the server\'s reason, or one for its status', () => {
  assert.equal(uploadError(413, { error: 'The file is too large: at most 25 MB.' }), 'The file is too large: at most 25 MB.');
  assert.equal(uploadError(413, null), 'The file is too large.');
  assert.equal(uploadError(415, null), 'This kind of file is not allowed.');
  assert.equal(uploadError(0, null), 'The server cannot be reached. Please try again.');
  assert.equal(uploadError(502, null), 'The upload failed (HTTP 502).');
});

test('a pasted screenshot gets a name with its time; a named file keeps its name', () => {
  const at = new Date('2026-03-14T15:09:26Z');
  assert.equal(fileName({ name: 'image.png', type: 'image/png' }, at), 'screenshot-2026-03-14-15-09-26.png');
  assert.equal(fileName({ name: '', type: 'image/jpeg' }, at), 'screenshot-2026-03-14-15-09-26.jpg');
  assert.equal(fileName({ name: 'Lecture 4.pdf', type: 'application/pdf' }, at), 'Lecture 4.pdf');
});

test('deleting a message removes its file from what the page shows', () => {
  const message = { seq: 1, kind: 'message', text: '', attachment: { id: 'a'.repeat(32), name: 'plan.pdf', size: 10 } };
  assert.equal(applyChange(message, { kind: 'delete', targetSeq: 1 }), true);
  assert.equal(message.attachment, null);
  assert.equal(message.deleted, true);
});
