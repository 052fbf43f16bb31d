import { Emitter } from './emitter.js';
import { describeError, isServerError } from './hub.js';

// The room's refusal of a message sent faster than its rate limit (docs/protocol.md §3): the same message succeeds a
// little later, so the outbox sends it again by itself instead of failing it.
export const TOO_FAST = 'You are sending messages too fast. Please slow down.';
// Pacing: the first retry after a refusal for speed, doubled per refusal up to the longest.
export const PACE_FIRST_MS = 500;
export const PACE_LONGEST_MS = 4000;

// The millisecond and the count within it of the last id this page made (RFC 9562 §6.2, method 1: a 12-bit counter in
// rand_a), so that ids of one page never go backwards, not even within a millisecond or when the clock is set back.
let lastMs = -1;
let counter = 0;

/**
 * Client message ids are UUIDv7 (RFC 9562): a 48-bit Unix time in milliseconds, then random bits. The server's unique
 * index of retries leads with the id, so time-ordered ids from every room land on its rightmost pages (docs/architecture.md,
 * "Room event log"). Made from getRandomValues, which plain-http LAN access has too (randomUUID needs a secure context).
 */
export function newClientMsgId(now = Date.now()) {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  if (now > lastMs) {
    lastMs = now;
    counter = ((bytes[6] & 0x07) << 8) | bytes[7]; // a random start in the lower half leaves room to count up
  } else if (++counter > 0xfff) {
    lastMs += 1;
    counter = 0;
  }
  const high = Math.floor(lastMs / 2 ** 32);
  const low = lastMs % 2 ** 32;
  bytes[0] = high >>> 8;
  bytes[1] = high & 0xff;
  bytes[2] = low >>> 24;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | (counter >>> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Messages this tab has sent that the room has not shown back yet.
 *
 * An item keeps its clientMsgId for life: a Send that failed or timed out may still have been stored, and
 * the server de-duplicates a retry by (user, clientMsgId), so retrying can never post a message twice
 * (protocol §4.2, §4.3). An item leaves the outbox when its event arrives in the room (confirm).
 *
 * Item status: 'sending' (in flight, or next in its room's line), 'sent' (acknowledged, event not seen yet),
 * 'waiting' (the connection failed: sent again on reconnect), 'failed' (the server refused it),
 * 'paced' (refused for speed, or in line behind such a message: sent again by itself, in the typed order).
 *
 * Order: a room's messages go one at a time, each once the one before it is acknowledged or refused. The room's
 * order is the order of its acknowledgements, so nothing else keeps what was typed in order: with several in flight,
 * a message refused for speed is overtaken by a later one the room accepts once a token is back.
 *
 * Pacing: a message the room refuses for speed (TOO_FAST) is not failed. It and every later message of the room
 * wait, and are sent again PACE_FIRST_MS after the refusal and twice as long after each further one (at most
 * PACE_LONGEST_MS). So a burst over the limit arrives whole and in order, without a Retry per message; a message
 * refused for any other reason still fails with the server's words, and the line goes on.
 *
 * Views follow the pending messages as an Emitter: `changed` { item } (added, or its status changed) and `removed`
 * { item } (its event arrived, or the user discarded it).
 */
export class Outbox extends Emitter {
  #items = new Map();
  #send;
  #listener;
  #lines = new Map(); // roomId → items not yet acknowledged or refused, in the order typed
  #pumping = new Set(); // roomIds whose line is being sent

  /**
   * @param send (roomId, clientMsgId, text, replyTo) => Promise<PostResult> — replyTo: seq replied to, or null
   * @param listener { acked(item), refused(item, error) } — also changed(item), removed(item), beside the events
   */
  constructor(send, listener = {}) {
    super();
    this.#send = send;
    this.#listener = listener;
  }

  /** @param replyTo the seq of the message this one replies to (hub Reply), or null */
  add(roomId, text, authorName, replyTo = null) {
    const item = {
      id: newClientMsgId(), roomId, text, authorName, replyTo,
      at: new Date().toISOString(), status: 'sending', error: '', seq: null,
    };
    this.#items.set(item.id, item);
    const line = this.#lines.get(roomId) ?? [];
    this.#lines.set(roomId, line);
    line.push(item);
    if (line.length > 1) { // in line: its attempt tells the views when it is sent at once
      if (line[line.length - 2].status === 'paced') item.status = 'paced';
      this.#changed(item);
    }
    this.#pump(roomId, 0); // also tries a line stopped by a failed connection again
    return item;
  }

  forRoom(roomId) {
    return [...this.#items.values()].filter(item => item.roomId === roomId);
  }

  get(id) {
    return this.#items.get(id);
  }

  retry(id) {
    const item = this.#items.get(id);
    if (!item) return;
    if (this.#inLine(item)) this.#pump(item.roomId, 0);
    else if (item.status === 'failed' || item.status === 'waiting') this.#attempt(item, true);
  }

  /** After a reconnect: resend everything not acknowledged, quietly (errors show on the bubbles). */
  retryAll() {
    for (const item of this.#items.values()) {
      if ((item.status === 'waiting' || item.status === 'failed') && !this.#inLine(item)) this.#attempt(item, false);
    }
    for (const roomId of this.#lines.keys()) this.#pump(roomId, 0);
  }

  /** The room showed the message (or the user gave up on it): drop the pending copy. */
  remove(id) {
    const item = this.#items.get(id);
    if (!item) return;
    this.#items.delete(id);
    this.#listener.removed?.(item);
    this.emit('removed', { item });
  }

  /**
   * The room shows these events of ours (up to lastSeq): their pending bubbles go, matched by clientMsgId, or by
   * the acknowledged seq when the event came without it.
   */
  confirm(roomId, ownEvents, lastSeq) {
    for (const event of ownEvents) {
      if (event.kind === 'message' && event.clientMsgId) this.remove(event.clientMsgId);
    }
    for (const item of this.forRoom(roomId)) {
      if (item.seq !== null && item.seq <= lastSeq) this.remove(item.id);
    }
  }

  removeRoom(roomId) {
    for (const item of this.forRoom(roomId)) this.remove(item.id);
    this.#lines.delete(roomId);
  }

  #changed(item) {
    this.#listener.changed?.(item);
    this.emit('changed', { item });
  }

  /** Sends an item once; returns its status after (or 'gone' when its event arrived meanwhile). */
  async #attempt(item, userInitiated) {
    item.status = 'sending';
    item.error = '';
    this.#changed(item);
    try {
      const result = await this.#send(item.roomId, item.id, item.text, item.replyTo ?? null);
      if (!this.#items.has(item.id)) return 'gone'; // its event already arrived
      item.status = 'sent';
      item.seq = result.seq;
      this.#changed(item);
      this.#listener.acked?.(item);
    } catch (error) {
      if (!this.#items.has(item.id)) return 'gone';
      item.error = describeError(error);
      if (item.error === TOO_FAST) {
        item.status = 'paced';
        item.error = '';
      } else {
        item.status = isServerError(error) ? 'failed' : 'waiting';
        if (userInitiated && item.status === 'failed') this.#listener.refused?.(item, error);
      }
      this.#changed(item);
    }
    return item.status;
  }

  #inLine(item) {
    return this.#lines.get(item.roomId)?.includes(item) ?? false;
  }

  /** The messages in line behind the first take its state (paced, waiting), so their bubbles say why they wait. */
  #behind(line, status) {
    for (const item of line.slice(1)) {
      if (item.status !== status && this.#items.has(item.id)) {
        item.status = status;
        this.#changed(item);
      }
    }
  }

  /** Sends a room's line one message at a time, in order, waiting longer after each refusal for speed. */
  async #pump(roomId, firstWait) {
    if (this.#pumping.has(roomId)) return;
    this.#pumping.add(roomId);
    try {
      let wait = firstWait;
      for (let line = this.#lines.get(roomId); line?.length > 0; line = this.#lines.get(roomId)) {
        if (wait > 0) await new Promise(resolve => setTimeout(resolve, wait));
        const item = line[0];
        if (!this.#items.has(item.id)) {
          line.shift();
          continue;
        }
        const status = await this.#attempt(item, true);
        if (status === 'paced') {
          this.#behind(line, 'paced');
          wait = Math.min(Math.max(wait * 2, PACE_FIRST_MS), PACE_LONGEST_MS);
          continue;
        }
        if (status === 'waiting') {
          this.#behind(line, 'waiting');
          return; // offline: retryAll() starts the line again after the reconnect
        }
        line.shift();
        wait = 0;
      }
      this.#lines.delete(roomId);
    } finally {
      this.#pumping.delete(roomId);
    }
  }
}
