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
