import { avatar, updateAvatar } from './avatar.js';
import { el, syncChildren } from './dom.js';
import { memberGroups, othersLabel } from './member-groups.js';

const ROLE_LABEL = { owner: 'owner', moderator: 'moderator' };

/** A member's state: `online` (an active connection somewhere), `away` (every connection away) or `offline`. */
export function memberState(member) {
  if (!member?.online) return 'offline';
  return member.away ? 'away' : 'online';
}

// Rooms whose "and N others" the user expanded, by id (for this page's lifetime).
const expanded = new Set();

/**
 * The member list (#members): online members first (the active, then the away), then the recently active, then a
 * count of the rest ("and 23 others", the `more` button expands it; member-groups.js). The state is a dot whose shape
 * differs (filled, half, ring) and hidden text, not colour alone; a member's status text is written under the name
 * (as text). Each member is a button that opens the member menu (member-menu.js).
 */
export function renderMembers(list, countLabel, more, room, meId) {
  const all = [...room.members.values()];
  const { shown, others } = memberGroups(all, { conversation: room.isConversation });
  const open = expanded.has(room.id);
  const members = open ? [...shown, ...others] : shown;

  syncChildren(list, members, {
    keyAttr: 'data-user-id',
    keyOf: member => member.userId,
    create: member => el('li', { class: 'member' },
      el('button', { type: 'button', class: 'member-button', 'aria-expanded': 'false', 'aria-controls': 'member-menu' },
        avatar(member.userId, member.name, member.avatar),
        el('span', { class: 'dot', 'aria-hidden': 'true' }),
        el('span', { class: 'member-text' },
          el('span', { class: 'member-name' }),
          el('span', { class: 'member-status', dir: 'auto' })),
        el('span', { class: 'member-role' }),
        el('span', { class: 'sr-only member-state' }))),
    update: (item, member) => {
      const state = memberState(member);
      item.classList.toggle('online', state !== 'offline');
      item.classList.toggle('away', state === 'away');
      item.dataset.state = state;
      item.classList.toggle('me', member.userId === meId);
      item.querySelector('.member-name').textContent = member.name; // "(you)" is added by CSS
      const status = item.querySelector('.member-status');
      status.textContent = member.status ?? '';
      status.hidden = !member.status;
      updateAvatar(item.querySelector('.avatar'), member.name, member.avatar);
      item.querySelector('.member-role').textContent = room.isConversation ? '' : (ROLE_LABEL[member.role] ?? '');
      item.querySelector('.member-state').textContent = `, ${state}`;
    },
  });

  const online = all.filter(member => member.online).length;
  countLabel.textContent = `${online} online · ${all.length} total`;

  more.hidden = others.length === 0;
  more.textContent = open ? 'Show fewer' : othersLabel(others.length);
  more.setAttribute('aria-expanded', String(open));
  more.onclick = () => {
    if (open) expanded.delete(room.id);
    else expanded.add(room.id);
    renderMembers(list, countLabel, more, room, meId);
  };
}
