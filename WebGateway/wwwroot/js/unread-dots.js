import { attentionCount, badgeCount } from './attention.js';

/**
 * The dot on ☰ where a phone needs it (the room list is a drawer there): something unread waits in a room not on
 * screen. Rooms muted for everything do not count; the dot is highlighted when what waits is something the user asked
 * to be told of.
 */
export function showRoomsToggleDot(toggle, chat) {
  let elsewhere = 0;
  let elsewhereAttention = 0;
  for (const room of chat.rooms.values()) {
    if (room.id !== chat.currentId) {
      elsewhere += badgeCount(room);
      elsewhereAttention += attentionCount(room);
    }
  }
  const toggleDot = toggle.querySelector('.unread-dot');
  toggleDot.hidden = elsewhere === 0;
  toggleDot.classList.toggle('mention', elsewhereAttention > 0);
  const label = elsewhere === 0 ? 'Rooms' : elsewhereAttention > 0 ? 'Rooms, new messages for you' : 'Rooms, unread messages';
  if (toggle.getAttribute('aria-label') !== label) toggle.setAttribute('aria-label', label);
}

/** The dot on the "Direct messages" heading when a conversation has unread messages (muted ones do not count). */
export function showDirectsDot(title, text, chat) {
  let directs = 0;
  for (const room of chat.rooms.values()) {
    if (room.isConversation) directs += badgeCount(room);
  }
  title.querySelector('.unread-dot').hidden = directs === 0;
  text.textContent = directs === 0 ? '' : ', unread';
}
