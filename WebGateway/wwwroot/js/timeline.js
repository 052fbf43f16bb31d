/**
 * Applies one room's events exactly once and in sequence order (protocol §4).
 *
 * Push is best effort, so events can arrive twice, late or out of order. The timeline remembers the
 * newest applied seq; older or repeated events are dropped and events ahead of a gap wait here until
 * catch-up delivers the missing ones.
 */
export class Timeline {
  /** Events ahead of a gap, by seq. Also holds pushes that arrive before the room's first load. */
  #ahead = new Map();

  /** Newest applied seq; null until the room has been loaded (JoinRoom) and the timeline started. */
  lastSeq = null;

  get started() {
    return this.lastSeq !== null;
  }

  /** True when events are waiting for earlier ones: the caller should catch up. */
  get hasGap() {
    return this.started && this.#ahead.size > 0;
  }

  /** Starts the timeline after `seq` (everything up to it is known) and returns the events now in order. */
  start(seq) {
    this.lastSeq = seq;
    return this.#drain();
  }

  /** Takes events in any order; returns the ones that now follow lastSeq, oldest first. */
  accept(events) {
    for (const event of events) {
      if (!this.started || event.seq > this.lastSeq) this.#ahead.set(event.seq, event);
    }
    // Before the first load nothing can be applied; don't let a never-opened room hoard events.
    if (!this.started && this.#ahead.size > 500) this.#ahead.clear();
    return this.started ? this.#drain() : [];
  }

  /**
   * Takes a CatchUp page (or a JoinResult's recent events): every stored event after `after`, oldest first. A number
   * missing inside it was never used (the gap a restore leaves below its sequence floor, protocol §4.1), so the
   * timeline moves past it instead of waiting; so it does past an empty page's `roomLastSeq` (the room's newest seq,
   * as a CatchUp page gives it). Returns the events now in order, like accept.
   */
  acceptPage(after, events, roomLastSeq = null) {
    const ready = this.accept(events);
    if (!this.started || this.lastSeq < after) return ready;
    for (const event of events) {
      if (event.seq <= this.lastSeq) continue;
      this.lastSeq = event.seq - 1;
      ready.push(...this.#drain());
    }
    if (events.length === 0 && roomLastSeq !== null && roomLastSeq > this.lastSeq) this.lastSeq = roomLastSeq;
    return ready;
  }

  #drain() {
    const ready = [];
    for (const seq of this.#ahead.keys()) {
      if (seq <= this.lastSeq) this.#ahead.delete(seq);
    }
    let next;
    while ((next = this.#ahead.get(this.lastSeq + 1))) {
      this.#ahead.delete(next.seq);
      this.lastSeq = next.seq;
      ready.push(next);
    }
    return ready;
  }
}
