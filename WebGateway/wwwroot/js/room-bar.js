import { canEditRoom, canInvite } from './roles.js';

const LOBBY = 'lobby';

/**
 * The bar above the messages: the room's sign (# public, 🔒 private, @ a person), name and topic, and the actions
 * the user's role allows there. Also names the composer after the room.
 * @returns the page title for the room, e.g. "#lobby · OrleansChat"
 */
export function showRoomBar({ icon, name, topic, leave, hide, invite, settings, composer }, room, roomName) {
  const sign = room.isDirect ? '@' : room.isGroup ? '👥' : room.isPrivate ? '🔒' : '#';
  const topicText = room.isConversation ? '' : (room.summary?.topic ?? '');
  icon.textContent = sign;
  name.textContent = roomName;
  topic.textContent = topicText;
  topic.hidden = topicText === '';
  // The lobby is everyone's fallback room (startup, after leaving a room), so it cannot be left; nor can a DM.
  leave.hidden = room.id === LOBBY || room.isDirect;
  hide.hidden = !room.isDirect; // a DM is hidden from the list instead, until its next message
  invite.hidden = !room.loaded || !canInvite(room, LOBBY);
  settings.hidden = !room.loaded || !canEditRoom(room);
  const label = room.isConversation ? `Message ${roomName}` : `Message ${sign === '#' ? '#' : ''}${roomName}`;
  composer.placeholder = label;
  composer.setAttribute('aria-label', label);
  return `${room.isDirect ? '@' : sign === '#' ? '#' : ''}${roomName} · OrleansChat`;
}
