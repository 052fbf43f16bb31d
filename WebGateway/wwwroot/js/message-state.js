// Messages people can change (docs/protocol.md §2 RoomEvent, guarantee 9): the `edit`, `delete`, `reaction` and `pin`
// events of a room change the message with their `targetSeq`. Pure functions and a small index, no DOM.

export const CHANGE_KINDS = new Set(['edit', 'delete', 'reaction', 'pin']);

export const isChange = event => CHANGE_KINDS.has(event.kind);

/**
 * Applies one change event to its message (mutating it). Idempotent: applying it again changes nothing.
 * @returns true when the message changed (the view should redraw it)
 */
export function applyChange(message, change) {
  switch (change.kind) {
    case 'edit':
      if (message.deleted || (message.text === change.text && message.editedAt === change.at)) return false;
      message.text = change.text ?? '';
      message.editedAt = change.at;
      return true;
    case 'delete':
      if (message.deleted) return false;
      message.deleted = true;
      message.text = '';
      message.reactions = null;
      message.pinned = false;
      message.attachment = null; // the file's bytes are deleted with the message
      return true;
    case 'reaction': {
      if (message.deleted) return false;
      const reactions = change.reactions?.length ? change.reactions : null;
      if (sameReactions(message.reactions, reactions)) return false;
      message.reactions = reactions;
      return true;
    }
    case 'pin':
      if (message.deleted || Boolean(message.pinned) === Boolean(change.pinned)) return false;
      message.pinned = Boolean(change.pinned);
      return true;
    default:
      return false;
  }
}

function sameReactions(a, b) {
  if (!a?.length && !b?.length) return true;
  if (!a || !b || a.length !== b.length) return false;
  return a.every((r, i) => r.emoji === b[i].emoji && r.users.length === b[i].users.length
    && r.users.every((user, j) => user === b[i].users[j]));
}

/**
 * The messages a room shows, by seq, and the changes applied to them. A message read through History or JoinRoom is
 * "as it is now" (as of that page's lastSeq): changes up to that seq are already in it and are not applied again, so
 * an older change met later in scrollback cannot undo a newer one.
 */
export class MessageIndex {
  #bySeq = new Map(); // seq → message event
  #asOf = new Map(); // seq → the newest seq already reflected in that message

  get(seq) {
    return this.#bySeq.get(seq) ?? null;
  }

  get size() {
    return this.#bySeq.size;
  }

  messages() {
    return this.#bySeq.values();
  }

  /**
   * Takes events (messages and changes) in seq order. Messages are indexed as of `asOf` (their own seq when pushed
   * live); a change applies to the message it targets when that message is older than the change.
   * @returns the messages that changed, each once
   */
  add(events, asOf = null) {
    const changed = new Set();
    for (const event of events) {
      if (event.kind === 'message') {
        if (!this.#bySeq.has(event.seq)) {
          this.#bySeq.set(event.seq, event);
          this.#asOf.set(event.seq, Math.max(event.seq, asOf ?? event.seq));
        }
      } else if (isChange(event)) {
        const message = this.#bySeq.get(event.targetSeq);
        if (!message || event.seq <= this.#asOf.get(event.targetSeq)) continue; // not shown, or already in it
        if (applyChange(message, event)) changed.add(message);
      }
    }
    return [...changed];
  }

  /**
   * Older messages (a History page read when the room's newest seq was `asOf`): indexed as of `asOf`, then the
   * changes already held (`later`, in seq order) that are newer than the page are applied to them.
   */
  addOlder(events, asOf, later) {
    const older = events.filter(event => event.kind === 'message' && !this.#bySeq.has(event.seq));
    this.add(older, asOf);
    const seqs = new Set(older.map(event => event.seq));
    for (const change of later) {
      if (isChange(change) && seqs.has(change.targetSeq) && change.seq > asOf) {
        applyChange(this.#bySeq.get(change.targetSeq), change);
      }
    }
  }
}
