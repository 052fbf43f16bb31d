import { Emitter } from './emitter.js';

// Typing notices (hub `Typing`, event `typing`). The server passes on at most one notice per user per 2 s, so a
// notice is sent at most that often, and someone counts as typing until 4 s after their last notice.
const SEND_EVERY_MS = 2000;
const SHOWN_FOR_MS = 4000;

/** Sends Typing(roomId) while the user composes, at most once per SEND_EVERY_MS per room. */
export class TypingNotifier {
  #send;
  #lastSent = new Map(); // roomId → time

  /** @param send (roomId) => Promise */
  constructor(send) {
    this.#send = send;
  }

  typed(roomId) {
    const now = Date.now();
    if (!roomId || now - (this.#lastSent.get(roomId) ?? 0) < SEND_EVERY_MS) return;
    this.#lastSent.set(roomId, now);
    this.#send(roomId).catch(() => {}); // a lost notice only means nobody sees "… is typing"
  }

  /** After sending, the next keystroke starts a new notice at once. */
  sent(roomId) {
    this.#lastSent.delete(roomId);
  }
}

/** Who is typing in each room, expiring SHOWN_FOR_MS after their last notice; emits `changed` { roomId }. */
export class TypingIndicator extends Emitter {
  #typists = new Map(); // roomId → Map(userId → { name, until })
  #timer = 0;

  add(roomId, member) {
    if (!this.#typists.has(roomId)) this.#typists.set(roomId, new Map());
    this.#typists.get(roomId).set(member.userId, { name: member.name, until: Date.now() + SHOWN_FOR_MS });
    this.#schedule();
    this.emit('changed', { roomId });
  }

  /** Their message arrived: they stopped typing it. */
  remove(roomId, userId) {
    if (this.#typists.get(roomId)?.delete(userId)) this.emit('changed', { roomId });
  }

  names(roomId) {
    return [...(this.#typists.get(roomId)?.values() ?? [])].map(typist => typist.name);
  }

  #schedule() {
    clearTimeout(this.#timer);
    let next = Infinity;
    for (const typists of this.#typists.values()) {
      for (const typist of typists.values()) next = Math.min(next, typist.until);
    }
    if (next !== Infinity) this.#timer = setTimeout(() => this.#expire(), Math.max(0, next - Date.now()));
  }

  #expire() {
    const now = Date.now();
    for (const [roomId, typists] of this.#typists) {
      let changed = false;
      for (const [userId, typist] of typists) {
        if (typist.until <= now) changed = typists.delete(userId);
      }
      if (typists.size === 0) this.#typists.delete(roomId);
      if (changed) this.emit('changed', { roomId });
    }
    this.#schedule();
  }
}

/** "Amber Heron is typing…", "A and B are typing…", "A, B and C are typing…", "Several people are typing…". */
export function typingText(names) {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are typing…`;
  return 'Several people are typing…';
}
