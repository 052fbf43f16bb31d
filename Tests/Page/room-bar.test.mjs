// What the room bar, the page title and the composer call a room (js/room-bar.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { composerLabel, pageTitle, roomSign, roomTopic } from '../../WebGateway/wwwroot/js/room-bar.js';

const publicRoom = { isPrivate: false, summary: { topic: 'Say hi' } };
const privateRoom = { isPrivate: true, summary: { topic: '' } };
const direct = { isDirect: true, isConversation: true, isPrivate: true, summary: { topic: 'ignored' } };
const group = { isGroup: true, isConversation: true, isPrivate: true };

test('each kind of room has its sign', () => {
  assert.deepEqual([publicRoom, privateRoom, direct, group].map(roomSign), ['#', '🔒', '@', '👥']);
});

test('only rooms show a topic, conversations none', () => {
  assert.equal(roomTopic(publicRoom), 'Say hi');
  assert.equal(roomTopic(direct), '');
  assert.equal(roomTopic({ isPrivate: false }), '');
});

test('the page title names the room with # for public rooms and @ for a person', () => {
  assert.equal(pageTitle(publicRoom, 'lobby'), '#lobby · OrleansChat');
  assert.equal(pageTitle(privateRoom, 'Secret'), 'Secret · OrleansChat');
  assert.equal(pageTitle(direct, 'Amber Heron'), '@Amber Heron · OrleansChat');
  assert.equal(pageTitle(group, 'A, B'), 'A, B · OrleansChat');
});

test('the composer is named after the room', () => {
  assert.equal(composerLabel(publicRoom, 'lobby'), 'Message #lobby');
  assert.equal(composerLabel(privateRoom, 'Secret'), 'Message Secret');
  assert.equal(composerLabel(direct, 'Amber Heron'), 'Message Amber Heron');
});
