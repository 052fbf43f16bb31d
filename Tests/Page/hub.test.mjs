// How the page tells a refused token (start a new session) from other connection failures (retry).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isUnauthorized, describeError } from '../../WebGateway/wwwroot/js/hub.js';

test('a refused negotiation is recognised whether or not it carries a status code', () => {
  assert.equal(isUnauthorized({ statusCode: 401, message: 'Unauthorized' }), true);
  assert.equal(isUnauthorized(new Error("Failed to complete negotiation with the server: Error: Unauthorized: Status code '401'")), true);
});

test('other failures are not a refused token', () => {
  assert.equal(isUnauthorized(new Error('WebSocket closed with status code: 1006 ().')), false);
  assert.equal(isUnauthorized({ statusCode: 500, message: 'Internal Server Error' }), false);
  assert.equal(isUnauthorized(undefined), false);
});

test('a refusal by the server is shown in its own words, anything else as a generic message', () => {
  const refusal = new Error("An unexpected error occurred invoking 'Send' on the server. HubException: You are not a member of this room.");
  assert.equal(describeError(refusal), 'You are not a member of this room.');
  assert.equal(describeError(new Error("An unexpected error occurred invoking 'Send' on the server.")),
    'The server could not complete the request. Please try again.');
});
