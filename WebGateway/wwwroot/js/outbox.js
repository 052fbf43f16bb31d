import { describeError, isServerError } from './hub.js';

/** Client message ids are UUIDs; randomUUID needs a secure context, so plain-http LAN access gets a fallback. */
export function newClientMsgId() {
  if (globalThis.crypto?.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
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
 * Item status: 'sending' (in flight), 'sent' (acknowledged, event not seen yet),
 * 'waiting' (the connection failed: retried on reconnect), 'failed' (the server refused it).
 */
export class Outbox {
  #items = new Map();
  #send;
  #listener;

  /**
   * @param send (roomId, clientMsgId, text, replyTo) => Promise<PostResult> — replyTo: seq replied to, or null
   * @param listener { changed(item), removed(item), acked(item), refused(item, error) }
   */
  constructor(send, listener) {
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
    this.#attempt(item, true);
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
    if (item && (item.status === 'waiting' || item.status === 'failed')) this.#attempt(item, true);
  }

  /** After a reconnect: resend everything not acknowledged, quietly (errors show on the bubbles). */
  retryAll() {
    for (const item of this.#items.values()) {
      if (item.status === 'waiting' || item.status === 'failed') this.#attempt(item, false);
    }
  }

  /** The room showed the message (or the user gave up on it): drop the pending copy. */
  remove(id) {
    const item = this.#items.get(id);
    if (!item) return;
    this.#items.delete(id);
    this.#listener.removed(item);
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
  }

  async #attempt(item, userInitiated) {
    item.status = 'sending';
    item.error = '';
    this.#listener.changed(item);
    try {
      const result = await this.#send(item.roomId, item.id, item.text, item.replyTo ?? null);
      if (!this.#items.has(item.id)) return; // its event already arrived
      item.status = 'sent';
      item.seq = result.seq;
      this.#listener.changed(item);
      this.#listener.acked(item);
    } catch (error) {
      if (!this.#items.has(item.id)) return;
      item.status = isServerError(error) ? 'failed' : 'waiting';
      item.error = describeError(error);
      this.#listener.changed(item);
      if (userInitiated && item.status === 'failed') this.#listener.refused(item, error);
    }
  }
}
