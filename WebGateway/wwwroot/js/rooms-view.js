import { el, syncChildren } from './dom.js';

/**
 * The room panel: the user's rooms (#rooms) with unread badges, and public rooms not joined yet (#browse).
 * Items are kept across updates (keyed by data-room-id) so keyboard focus survives a new badge.
 */
export class RoomsView {
  #rooms;
  #browse;
  #browseEmpty;

  /** @param open (roomId) => void, for a click on a room of either list */
  constructor({ rooms, browse, browseEmpty }, open) {
    this.#rooms = rooms;
    this.#browse = browse;
    this.#browseEmpty = browseEmpty;
    for (const list of [rooms, browse]) {
      list.addEventListener('click', event => {
        const item = event.target.closest('[data-room-id]');
        if (item) open(item.dataset.roomId);
      });
    }
  }

  render(chat) {
    const mine = chat.roomIds.map(id => ({
      id,
      name: chat.roomName(id),
      unread: chat.rooms.get(id)?.unread ?? 0,
      current: id === chat.currentId,
    }));
    syncChildren(this.#rooms, mine, {
      keyAttr: 'data-room-id',
      keyOf: room => room.id,
      create: () => el('li', { class: 'room' },
        el('button', { type: 'button', class: 'room-button' },
          el('span', { class: 'room-hash', 'aria-hidden': 'true' }, '#'),
          el('span', { class: 'room-name' }),
          el('span', { class: 'badge' }))),
      update: updateRoomItem,
    });

    const joinable = chat.publicRooms.filter(room => !chat.roomIds.includes(room.id));
    syncChildren(this.#browse, joinable, {
      keyAttr: 'data-room-id',
      keyOf: room => room.id,
      create: () => el('li', { class: 'room' },
        el('button', { type: 'button', class: 'room-button' },
          el('span', { class: 'room-hash', 'aria-hidden': 'true' }, '#'),
          el('span', { class: 'room-name' }),
          el('span', { class: 'room-count' }))),
      update: updateBrowseItem,
    });
    this.#browseEmpty.hidden = joinable.length > 0;
  }
}

function updateRoomItem(item, room) {
  const button = item.querySelector('button');
  const badge = item.querySelector('.badge');
  item.classList.toggle('current', room.current);
  item.classList.toggle('has-unread', room.unread > 0);
  item.querySelector('.room-name').textContent = room.name;
  if (room.current) button.setAttribute('aria-current', 'true');
  else button.removeAttribute('aria-current');
  badge.hidden = room.unread === 0;
  badge.textContent = room.unread > 99 ? '99+' : String(room.unread);
  button.setAttribute('aria-label', room.unread > 0 ? `${room.name}, ${room.unread} unread` : room.name);
}

function updateBrowseItem(item, room) {
  const count = room.memberCount === 1 ? '1 member' : `${room.memberCount ?? 0} members`;
  item.querySelector('.room-name').textContent = room.name;
  item.querySelector('.room-count').textContent = count;
  item.querySelector('button').title = room.topic || `Join #${room.name}`;
  item.querySelector('button').setAttribute('aria-label', `Join ${room.name}, ${count}`);
}
