import { attentionCount, isForMe } from './attention.js';
import { isMessage } from './room.js';
import { ReadMarkers } from './read-markers.js';

/**
 * Unread counts and read markers. The room the user is looking at (open, tab visible) is read as messages arrive;
 * elsewhere messages of others count as unread, and what the room's notification level asks for (attention.js: every
 * message, or direct messages and mentions) highlights its badge and counts in the page title.
 */
export class Unread {
  #readMarkers;
  #me;
  #changed;
  #arrived;

  /**
   * @param markRead (roomId, seq) => Promise — hub MarkRead
   * @param me () => { userId, name } | null
   * @param changed () => void — a badge changed
   * @param arrived (room, events) => void — messages of others that nobody is looking at arrived (to notify of)
   */
  constructor(markRead, me, changed, arrived = () => {}) {
    this.#readMarkers = new ReadMarkers(markRead);
    this.#me = me;
    this.#changed = changed;
    this.#arrived = arrived;
  }

  /**
   * A RoomListing (MyRooms) of a room not loaded in this tab: the server's count of the messages of others after the
   * read marker (system lines and changes are events of the sequence, not unread: lastSeq - readSeq would count them).
   */
  fromListing(room, listing) {
    room.unreadFromListing(listing);
  }

  /** The user sees the room's newest messages: clear its badge and move the read marker (throttled). */
  seen(room) {
    room.markSeen();
    if (room.loaded && room.timeline.lastSeq > 0) this.#readMarkers.mark(room.id, room.timeline.lastSeq);
    this.#changed();
  }

  /** Counts the messages of others among `events` that were not counted yet. */
  count(room, events) {
    const me = this.#me();
    const fresh = room.takeUnseen(events)
      .filter(event => isMessage(event) && event.authorId !== me?.userId && !me?.blocked?.has(event.authorId));
    if (fresh.length === 0) return;
    room.addUnread(fresh.length, fresh.filter(event => isForMe(event, room, me)).length);
    this.#changed();
    this.#arrived(room, fresh);
  }

  /** What the user chose to be told of (attentionCount) over all rooms: the number in the page title. */
  static attention(rooms) {
    let count = 0;
    for (const room of rooms) count += attentionCount(room);
    return count;
  }
}
