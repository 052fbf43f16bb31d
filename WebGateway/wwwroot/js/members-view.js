import { avatar, updateAvatar } from './avatar.js';
import { el, syncChildren } from './dom.js';

const ROLE_LABEL = { owner: 'owner', moderator: 'moderator' };

/**
 * The member list (#members): online members first, then by name; a dot and hidden text tell online state.
 * Each member is a button that opens the member menu (member-menu.js).
 */
export function renderMembers(list, countLabel, room, meId) {
  const members = [...room.members.values()].sort((a, b) =>
    Number(b.online) - Number(a.online) || a.name.localeCompare(b.name));

  syncChildren(list, members, {
    keyAttr: 'data-user-id',
    keyOf: member => member.userId,
    create: member => el('li', { class: 'member' },
      el('button', { type: 'button', class: 'member-button', 'aria-expanded': 'false', 'aria-controls': 'member-menu' },
        avatar(member.userId, member.name, member.avatar),
        el('span', { class: 'dot', 'aria-hidden': 'true' }),
        el('span', { class: 'member-name' }),
        el('span', { class: 'member-role' }),
        el('span', { class: 'sr-only member-state' }))),
    update: (item, member) => {
      item.classList.toggle('online', Boolean(member.online));
      item.classList.toggle('me', member.userId === meId);
      item.querySelector('.member-name').textContent = member.name; // "(you)" is added by CSS
      updateAvatar(item.querySelector('.avatar'), member.name, member.avatar);
      item.querySelector('.member-role').textContent = room.isConversation ? '' : (ROLE_LABEL[member.role] ?? '');
      item.querySelector('.member-state').textContent = member.online ? ', online' : ', offline';
    },
  });

  const online = members.filter(member => member.online).length;
  countLabel.textContent = `${online} online · ${members.length} total`;
}
