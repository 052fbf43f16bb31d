// A read marker moves at most once a second per room, however fast messages arrive while the user reads.
const FLUSH_MS = 1000;

/** Sends MarkRead(roomId, seq) for the newest seq the user has seen in each room, throttled. */
export class ReadMarkers {
  #send;
  #sent = new Map(); // roomId → newest seq sent
  #pending = new Map(); // roomId → seq to send at the next flush
  #timer = 0;

  /** @param send (roomId, seq) => Promise */
  constructor(send) {
    this.#send = send;
  }

  mark(roomId, seq) {
    if (seq <= Math.max(this.#sent.get(roomId) ?? 0, this.#pending.get(roomId) ?? 0)) return;
    this.#pending.set(roomId, seq);
    this.#timer ||= setTimeout(() => this.#flush(), FLUSH_MS);
  }

  #flush() {
    this.#timer = 0;
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
