import { avatar, updateAvatar } from './avatar.js';
import { el, syncChildren } from './dom.js';
import { othersLabel, pagedMembers } from './member-groups.js';

const ROLE_LABEL = { owner: 'owner', moderator: 'moderator' };

/** A member's state: `online` (an active connection somewhere), `away` (every connection away) or `offline`. */
export function memberState(member) {
  if (!member?.online) return 'offline';
  return member.away ? 'away' : 'online';
}

// Rooms whose "and N others" the user expanded, by id (for this page's lifetime).
const expanded = new Set();

// The end of the list (`sentinel`) scrolling into view loads the next page of members of the room drawn last.
const observed = new WeakSet();
let wantsMore = null; // () => void for the list as drawn last, or null when it wants no more

function watchEnd(sentinel) {
  if (!sentinel || observed.has(sentinel) || typeof IntersectionObserver === 'undefined') return;
  observed.add(sentinel);
  new IntersectionObserver(entries => {
    if (entries.some(entry => entry.isIntersecting)) wantsMore?.();
  }).observe(sentinel);
}

/**
 * The member list (#members): online members first (the active, then the away), then the recently active, then a
 * count of the rest ("and 23 others", the `more` button expands it; member-groups.js). A big room's list comes in
 * pages (Room.membersNext): the next loads when `sentinel`, after the list, scrolls into view (`loadMore(room)`), up
 * to the members not active for a week, which stay a count until expanded. The state is a dot whose shape differs
 * (filled, half, ring) and hidden text, not colour alone; a member's status text is written under the name (as text).
 * Each member is a button that opens the member menu (member-menu.js).
 */
export function renderMembers(list, countLabel, more, room, meId, { sentinel = null, loadMore = null } = {}) {
  const counts = room.counts;
  const open = expanded.has(room.id);
  const filtered = room.filteredMembers;
  const view = filtered
    ? { shown: filtered, othersCount: 0, wantsMore: !!room.memberFilter.next }
    : pagedMembers([...room.members.values()], {
      total: counts.total, complete: room.membersComplete, expanded: open, conversation: room.isConversation,
    });
  const members = view.shown;

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

  countLabel.textContent = filtered && filtered.length === 0 && !room.memberFilter.next
    ? `No member's name contains “${room.memberFilter.text}”.`
    : `${counts.online} online · ${counts.total} total`;

  more.hidden = view.othersCount === 0;
  more.textContent = open ? 'Show fewer' : othersLabel(view.othersCount);
  more.setAttribute('aria-expanded', String(open));
  more.onclick = () => {
    if (open) expanded.delete(room.id);
    else expanded.add(room.id);
    renderMembers(list, countLabel, more, room, meId, { sentinel, loadMore });
  };

  wantsMore = view.wantsMore && (filtered || !room.membersComplete) && loadMore ? () => loadMore(room) : null;
  watchEnd(sentinel);
  // A short page leaves the end in view: the observer fires on changes of visibility only, so ask for the next one now.
  if (wantsMore && sentinel && isInView(sentinel)) wantsMore();
}

function isInView(element) {
  const box = element.getBoundingClientRect();
  const panel = element.closest('.panel')?.getBoundingClientRect();
  return box.height >= 0 && box.top < (panel?.bottom ?? innerHeight) && box.bottom >= (panel?.top ?? 0) && element.offsetParent !== null;
}
