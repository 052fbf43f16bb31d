import { avatar, updateAvatar } from './avatar.js';
import { el, syncChildren } from './dom.js';
import { memberGroups, othersLabel } from './member-groups.js';

const ROLE_LABEL = { owner: 'owner', moderator: 'moderator' };

// Rooms whose "and N others" the user expanded, by id (for this page's lifetime).
const expanded = new Set();

/**
 * The member list (#members): online members first, then the recently active, then a count of the rest ("and 23
 * others", the `more` button expands it; member-groups.js); a dot and hidden text tell online state.
 * Each member is a button that opens the member menu (member-menu.js).
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
