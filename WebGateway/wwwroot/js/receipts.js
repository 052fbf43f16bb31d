// Read receipts (docs/protocol.md §2 Receipts, `receipt`): "Seen by …" under the newest message each member has read.

export const RECEIPTS_MAX_MEMBERS = 50; // Chat:Rooms:ReceiptsMaxMembers: larger rooms refuse Receipts

/**
 * Whether a room shows read receipts: direct conversations, and rooms of up to 50 members (all loaded: a room larger
 * than its first page of members has more than 50).
 */
export function showsReceipts(room) {
  return room.isDirect || (room.members.size > 0 && room.membersComplete !== false && room.members.size <= RECEIPTS_MAX_MEMBERS);
}

/**
 * Where each other member's "seen" mark goes: the newest shown message with seq ≤ how far they read.
 * @param messageSeqs the seqs of the messages shown, ascending
 * @param receipts Map userId → seq
 * @returns Map message seq → userIds, in the order of `receipts`
 */
export function seenPositions(messageSeqs, receipts, meId) {
  const positions = new Map();
  for (const [userId, seq] of receipts) {
    if (userId === meId) continue;
    const at = newestAtOrBefore(messageSeqs, seq);
    if (at === null) continue;
    if (!positions.has(at)) positions.set(at, []);
    positions.get(at).push(userId);
  }
  return positions;
}

function newestAtOrBefore(sorted, seq) {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= seq) {
      found = sorted[mid];
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
