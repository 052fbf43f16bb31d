import { attentionCount, badgeCount } from './attention.js';

/**
 * Dots where a phone needs them: on ☰ (the room list is a drawer there) when something unread waits in a room not on
 * screen, and on the "Direct messages" heading when a conversation has unread messages. Rooms muted for everything
 * count for neither; a dot is highlighted when what waits is something the user asked to be told of.
 */
export function showUnreadDots({ toggle, directsTitle, directsText }, chat) {
  let elsewhere = 0;
  let elsewhereAttention = 0;
  let directs = 0;
  for (const room of chat.rooms.values()) {
    if (room.id !== chat.currentId) {
      elsewhere += badgeCount(room);
      elsewhereAttention += attentionCount(room);
    }
    if (room.isConversation) directs += badgeCount(room);
  }
  const toggleDot = toggle.querySelector('.unread-dot');
  toggleDot.hidden = elsewhere === 0;
  toggleDot.classList.toggle('mention', elsewhereAttention > 0);
  const label = elsewhere === 0 ? 'Rooms' : elsewhereAttention > 0 ? 'Rooms, new messages for you' : 'Rooms, unread messages';
  if (toggle.getAttribute('aria-label') !== label) toggle.setAttribute('aria-label', label);
  directsTitle.querySelector('.unread-dot').hidden = directs === 0;
  directsText.textContent = directs === 0 ? '' : ', unread';
}
