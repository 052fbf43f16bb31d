import { Methods } from './methods.js';

const HISTORY_PAGE = 50;

/**
 * Fills the gap after timeline.lastSeq with CatchUp pages until the room is current (protocol §4.4).
 * One run per room at a time; a gap found meanwhile makes the running one go round again.
 * @param announce (events) => void — events just appended to the room
 */
export async function catchUp(hub, room, announce) {
  if (!room.loaded || !room.beginCatchUp()) return;
  try {
    let roundStart;
    do {
      room.beginCatchUpRound();
      roundStart = room.timeline.lastSeq;
      for (;;) {
        const after = room.timeline.lastSeq;
        const page = await hub.invoke(Methods.CatchUp, room.id, after);
        announce(room.receivePage(after, page.events, page.lastSeq));
        // Stop when current, and also if a page brought nothing new, rather than asking forever.
        if (room.timeline.lastSeq >= page.lastSeq || room.timeline.lastSeq === after) break;
      }
    } while (room.catchUpAgain || (room.timeline.hasGap && room.timeline.lastSeq > roundStart));
  } catch {
    // Offline or no longer a member: the reconnect (resync) or the `left` change takes over.
  } finally {
    room.endCatchUp();
  }
}

/**
 * Scrollback: the page before the oldest loaded event (protocol §4.5).
 * @returns the older events now at the start of room.events, or null when there was nothing to load.
 */
export async function loadOlder(hub, room, changed, limit = HISTORY_PAGE) {
  if (!room?.beginHistory()) return null;
  changed();
  try {
    return room.prepend(await hub.invoke(Methods.History, room.id, room.oldestSeq, limit));
  } catch {
    return null; // Scrolling up again retries; offline, the reconnect banner already says why nothing loads.
  } finally {
    room.endHistory();
    changed();
  }
}
