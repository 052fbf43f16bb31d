import { mentions } from './format.js';

// What the user chose to be told of, per room (hub SetNotify, RoomListing.notify; docs/protocol.md, Notifications):
// 'all' — every message; 'mentions' — direct messages, the user's name and @here; 'nothing' — no count, no notification.
export const LEVELS = ['all', 'mentions', 'nothing'];

/** The room's level: the user's choice, else every message of a direct conversation and mentions in a room. */
export function levelOf(room) {
  return LEVELS.includes(room?.notify) ? room.notify : room?.isConversation ? 'all' : 'mentions';
}

const HERE = /(?<![\p{L}\p{N}_@])@here(?![\p{L}\p{N}_])/iu;

/** `@here` as a word: the room lets only its owner and moderators post it (the grain checks it). */
export function mentionsHere(text) {
  return HERE.test(text ?? '');
}

/**
 * A message meant for the user whatever the room's level (short of 'nothing'): any in a direct conversation, the
 * user's whole name (with or without @, any case), @ and the name without its spaces ("@AmberHeron"), or @here.
 */
export function isForMe(event, room, me) {
  if (room?.isConversation) return true;
  const text = event.text ?? '';
  if (!me?.name) return mentionsHere(text);
  const handle = `@${me.name.replace(/\s+/g, '')}`;
  return mentions(text, me.name) || mentions(text, handle) || mentionsHere(text);
}

/** True when a new message of someone else should notify the user, given the room's level. */
export function asksAttention(event, room, me) {
  if (event.kind !== 'message' || event.authorId === me?.userId || me?.blocked?.has(event.authorId)) return false;
  const level = levelOf(room);
  if (level === 'nothing') return false;
  return level === 'all' || isForMe(event, room, me);
}

/** The number the room's badge shows: its unread messages, none in a room muted for everything. */
export function badgeCount(room) {
  return levelOf(room) === 'nothing' ? 0 : room.unread;
}

/** What of the room counts in the tab title and highlights its badge: all unread, the mentions, or nothing. */
export function attentionCount(room) {
  const level = levelOf(room);
  return level === 'all' ? room.unread : level === 'mentions' ? room.mentions : 0;
}
