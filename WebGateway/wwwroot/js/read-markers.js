// A read marker moves at most about once a second, however fast messages arrive while the user reads.
const FLUSH_MS = 1000;

/**
 * Sends MarkRead(roomId, seq) for the newest seq the user has seen in each room, throttled: the first mark goes out
 * at once (opening a room, then reloading, must not bring its badge back), later ones are batched.
 */
export class ReadMarkers {
  #send;
  #sent = new Map(); // roomId → newest seq sent
  #pending = new Map(); // roomId → seq to send at the next flush
  #timer = 0;
  #lastFlush = 0;

  /** @param send (roomId, seq) => Promise */
  constructor(send) {
    this.#send = send;
    addEventListener('pagehide', () => this.#flush()); // best effort when the tab goes away
  }

  mark(roomId, seq) {
    if (seq <= Math.max(this.#sent.get(roomId) ?? 0, this.#pending.get(roomId) ?? 0)) return;
    this.#pending.set(roomId, seq);
    if (this.#timer) return;
    const wait = this.#lastFlush + FLUSH_MS - Date.now();
    if (wait <= 0) this.#flush();
    else this.#timer = setTimeout(() => this.#flush(), wait);
  }

  #flush() {
    clearTimeout(this.#timer);
    this.#timer = 0;
    this.#lastFlush = Date.now();
    for (const [roomId, seq] of this.#pending) {
      this.#sent.set(roomId, seq);
      this.#send(roomId, seq).catch(() => {
        // Offline, or no longer a member: forget it, so the next look at the room sends it again.
        if (this.#sent.get(roomId) === seq) this.#sent.delete(roomId);
      });
    }
    this.#pending.clear();
  }
}
