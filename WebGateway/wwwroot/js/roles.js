// What this user's role in a room lets them do (docs/architecture.md, Authorization). The grains enforce these
// rules; the page only uses them to offer the actions that can succeed.

const RANK = { member: 1, moderator: 2, owner: 3 };

export const rank = role => RANK[role] ?? 0;

/** Kick and ban: moderators and the owner, on someone of a lower role; never in a direct conversation. */
export function canModerate(room, target, meId) {
  return !room.isConversation && target.userId !== meId && rank(room.role) >= rank('moderator') && rank(target.role) < rank(room.role);
}

/** Make moderator / make member: the owner only. */
export function canSetRole(room, target, meId) {
  return !room.isConversation && target.userId !== meId && room.role === 'owner';
}

/** Name, topic, visibility: the owner only. */
export function canEditRoom(room) {
  return !room.isConversation && room.role === 'owner';
}

/** Anyone may invite to a public room (everyone is in the lobby already); to a private one, moderators and the owner. */
export function canInvite(room, lobbyId) {
  if (room.isConversation || room.id === lobbyId) return false;
  return !room.isPrivate || rank(room.role) >= rank('moderator');
}

/** Edit: the author only, while the message exists. */
export function canEditMessage(room, message, meId) {
  return !message.deleted && message.authorId === meId;
}

/** Delete: the author; in a room also moderators and the owner (protocol §2 Delete). */
export function canDeleteMessage(room, message, meId) {
  if (message.deleted) return false;
  return message.authorId === meId || (!room.isConversation && rank(room.role) >= rank('moderator'));
}

/** Pin and unpin: moderators and the owner; anyone in a direct conversation. */
export function canPin(room, message) {
  return !message.deleted && (room.isConversation || rank(room.role) >= rank('moderator'));
}
