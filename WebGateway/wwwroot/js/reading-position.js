import { load, remove, save } from './storage.js';

// Where the user was reading in each room, in this browser, so that a reload opens the room there (issue 14).
const PREFIX = 'orleanschat.position.';

// Opening a room loads older history back to its first unread message, or to the saved position, at most this far.
export const MAX_LOAD_BACK = 1000;

/**
 * What was unread when the user opened a room: the events after their read marker up to the newest one then, or null
 * when nothing was (or the room was never read: it opens at its newest messages).
 * @returns {{ after: number, upTo: number } | null}
 */
export function unreadRange(readSeq, lastSeq) {
  return readSeq > 0 && lastSeq > readSeq ? { after: readSeq, upTo: lastSeq } : null;
}

/** The first message of someone else in the unread range — where the "New messages" line goes — or null. */
export function dividerSeq(messages, range, meId) {
  if (!range) return null;
  const first = messages.find(message => message.seq > range.after && message.seq <= range.upTo && message.authorId !== meId);
  return first ? first.seq : null;
}

/**
 * Where opening a room puts the reader, in this order: at the "New messages" line; else at the saved reading
 * position; else at the newest messages (`{}`). `loadBack` is a seq to load older history back to first, when the
 * place is not among the loaded messages (`oldestSeq` is the oldest loaded) and not too far back.
 * @returns {{ divider?: number, position?: number, loadBack?: number }}
 */
export function openingPlace(messages, range, meId, savedSeq, oldestSeq) {
  const divider = dividerSeq(messages, range, meId);
  const unreadBeforeLoaded = range !== null && range.after + 1 < oldestSeq;
  if (unreadBeforeLoaded && range.upTo - range.after <= MAX_LOAD_BACK) return { loadBack: range.after + 1 };
  if (divider !== null) return { divider };
  if (range !== null || savedSeq === null) return {};
  if (savedSeq >= oldestSeq) return { position: savedSeq };
  return messages.length > 0 && messages.at(-1).seq - savedSeq <= MAX_LOAD_BACK ? { loadBack: savedSeq, position: savedSeq } : {};
}

/** The saved position of a room: the seq of the message the user was reading, or null (at the newest). */
export function loadPosition(roomId) {
  const seq = Number(load(PREFIX + roomId));
  return Number.isSafeInteger(seq) && seq > 0 ? seq : null;
}

/** Remembers where the user reads; null (back at the newest messages) forgets it. */
export function savePosition(roomId, seq) {
  if (seq === null) remove(PREFIX + roomId);
  else save(PREFIX + roomId, String(seq));
}
