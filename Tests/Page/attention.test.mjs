// Notification levels and what asks for attention (docs/protocol.md, Notifications).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { asksAttention, attentionCount, badgeCount, isForMe, levelOf, mentionsHere } from '../../WebGateway/wwwroot/js/attention.js';

const me = { userId: 'me', name: 'Amber Heron', blocked: new Set(['troll']) };
const message = (text, authorId = 'bob') => ({ kind: 'message', authorId, text });
const room = (notify, isConversation = false) => ({ notify, isConversation, unread: 5, mentions: 2 });

test('until chosen, a direct or group conversation tells of every message and a room of mentions', () => {
  assert.equal(levelOf(room(undefined, true)), 'all');
  assert.equal(levelOf(room(undefined)), 'mentions');
  assert.equal(levelOf(room('nothing', true)), 'nothing');
});

test('@Name, the whole name and @here mention; half a name does not', () => {
  assert.equal(isForMe(message('ping @Amber Heron'), room(), me), true);
  assert.equal(isForMe(message('ping @amberheron!'), room(), me), true);
  assert.equal(isForMe(message('amber heron?'), room(), me), true);
  assert.equal(isForMe(message('@here standup'), room(), me), true);
  assert.equal(isForMe(message('@Amber, hi'), room(), me), false);
  assert.equal(isForMe(message('mail bob@here.org'), room(), me), false);
  assert.equal(mentionsHere('@heresy'), false);
});

test('a mention notifies in a mentions-only room, not in a room muted for everything', () => {
  assert.equal(asksAttention(message('@here look'), room('mentions'), me), true);
  assert.equal(asksAttention(message('just chatting'), room('mentions'), me), false);
  assert.equal(asksAttention(message('just chatting'), room('all'), me), true);
  assert.equal(asksAttention(message('@here look'), room('nothing'), me), false);
  assert.equal(asksAttention(message('hi', 'bob'), room('nothing', true), me), false);
});

test('own messages, blocked authors and events other than messages never notify', () => {
  assert.equal(asksAttention(message('Amber Heron', 'me'), room('all'), me), false);
  assert.equal(asksAttention(message('Amber Heron', 'troll'), room('all'), me), false);
  assert.equal(asksAttention({ kind: 'edit', authorId: 'bob', text: 'Amber Heron' }, room('all'), me), false);
});

test('badges and the title count what the level asks for', () => {
  assert.equal(badgeCount(room('nothing')), 0);
  assert.equal(badgeCount(room('mentions')), 5);
  assert.equal(attentionCount(room('all')), 5);
  assert.equal(attentionCount(room('mentions')), 2);
  assert.equal(attentionCount(room('nothing')), 0);
});
