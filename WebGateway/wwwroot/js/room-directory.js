// The public room list ("Browse rooms"), read a page at a time with hub ListRooms (docs/protocol.md §2).

import { Methods } from './methods.js';

const SEARCH_DELAY_MS = 250;

/**
 * The loaded pages of the public rooms matching the current search: the first page, plus each "more" the user asked
 * for. A newer answer wins over an older one still on its way (a search typed while a page loads).
 */
export class RoomDirectory {
  rooms = []; // RoomSummary[], lobby first, then by id
  hasMore = false;
  query = '';

  #invoke;
  #changed;
  #next = null;
  #generation = 0;
  #loadingMore = false;
  #searchTimer = 0;

  /** @param invoke (method, ...args) => Promise; @param changed () => void, after the list changed */
  constructor(invoke, changed) {
    this.#invoke = invoke;
    this.#changed = changed;
  }

  /** Loads the first page of the current search again (after a join, leave, create or reconnect). */
  async refresh() {
    const generation = ++this.#generation;
    const page = await this.#invoke(Methods.ListRooms, this.query || null, null, 0);
    if (generation !== this.#generation) return;
    this.rooms = page.rooms;
    this.#setNext(page.next);
  }

  /** Appends the next page, if any. */
  async more() {
    if (!this.hasMore || this.#loadingMore) return;
    this.#loadingMore = true;
    const generation = this.#generation;
    try {
      const page = await this.#invoke(Methods.ListRooms, this.query || null, this.#next, 0);
      if (generation !== this.#generation) return;
      const known = new Set(this.rooms.map(room => room.id));
      this.rooms = [...this.rooms, ...page.rooms.filter(room => !known.has(room.id))];
      this.#setNext(page.next);
    } finally {
      this.#loadingMore = false;
    }
  }

  /** A new search text: the first page of its matches, shortly after the typing stops. */
  search(query) {
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => {
      this.query = query.trim();
      this.refresh().catch(() => {});
    }, SEARCH_DELAY_MS);
  }

  #setNext(next) {
    this.#next = next ?? null;
    this.hasMore = next != null;
    this.#changed();
  }
}
