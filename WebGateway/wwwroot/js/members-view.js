import { avatar, updateAvatar } from './avatar.js';
import { el, syncChildren } from './dom.js';

const ROLE_LABEL = { owner: 'owner', moderator: 'moderator' };

/** A member's state: `online` (an active connection somewhere), `away` (every connection away) or `offline`. */
export function memberState(member) {
  if (!member?.online) return 'offline';
  return member.away ? 'away' : 'online';
}

const STATE_ORDER = { online: 0, away: 1, offline: 2 };

/**
 * The member list (#members): online members first, then away ones, then offline, each by name. The state is a dot
 * whose shape differs (filled, half, ring) and hidden text, not colour alone; a member's status text is written
 * under the name (as text).
 * Each member is a button that opens the member menu (member-menu.js).
 */
export function renderMembers(list, countLabel, room, meId) {
  const members = [...room.members.values()].sort((a, b) =>
    STATE_ORDER[memberState(a)] - STATE_ORDER[memberState(b)] || a.name.localeCompare(b.name));

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

  const online = members.filter(member => member.online).length;
  countLabel.textContent = `${online} online · ${members.length} total`;
}
