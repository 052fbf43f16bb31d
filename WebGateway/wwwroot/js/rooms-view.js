import { attentionCount, badgeCount, levelOf } from './attention.js';
import { el, syncChildren } from './dom.js';

/**
 * The room panel: the user's rooms (#rooms, a lock on private ones) and direct conversations (#directs, named after
 * the other person) with unread badges — highlighted for what the room's notification level asks for, none in a room
 * muted for everything (🔕) — and public rooms not joined
 * yet (#browse). Items are kept across updates (keyed by data-room-id) so keyboard focus survives a new badge.
 */
export class RoomsView {
  #rooms;
  #directs;
  #directsEmpty;
  #browse;
  #browseEmpty;
  #browseMore;

  /** @param open (roomId) => void, for a click on a room of any list */
  constructor({ rooms, directs, directsEmpty, browse, browseEmpty, browseMore }, open) {
    this.#rooms = rooms;
    this.#directs = directs;
    this.#directsEmpty = directsEmpty;
    this.#browse = browse;
    this.#browseEmpty = browseEmpty;
    this.#browseMore = browseMore;
    for (const list of [rooms, directs, browse]) {
      list.addEventListener('click', event => {
        const item = event.target.closest('[data-room-id]');
        if (item) open(item.dataset.roomId);
      });
    }
  }

  render(chat) {
    const mine = chat.roomIds.map(id => {
      const room = chat.rooms.get(id);
      return {
        id,
        name: chat.roomName(id),
        unread: room ? badgeCount(room) : 0,
        mentions: room?.mentions ?? 0,
        attention: room ? attentionCount(room) : 0,
        muted: room ? levelOf(room) === 'nothing' : false,
        current: id === chat.currentId,
        direct: Boolean(room?.isConversation),
        private: Boolean(room?.isPrivate),
        online: Boolean(room?.peer?.online),
        away: Boolean(room?.peer?.online && room?.peer?.away),
      };
    });
    syncChildren(this.#rooms, mine.filter(room => !room.direct), {
      keyAttr: 'data-room-id',
      keyOf: room => room.id,
      create: () => el('li', { class: 'room' },
        el('button', { type: 'button', class: 'room-button' },
          el('span', { class: 'room-hash', 'aria-hidden': 'true' }, '#'),
          el('span', { class: 'room-name' }),
          el('span', { class: 'sr-only room-state' }),
          el('span', { class: 'muted-sign', 'aria-hidden': 'true' }, '🔕'),
          el('span', { class: 'badge' }),
          el('span', { class: 'sr-only room-unread' }))),
      update: updateRoomItem,
    });
    const directs = mine.filter(room => room.direct);
    syncChildren(this.#directs, directs, {
      keyAttr: 'data-room-id',
      keyOf: room => room.id,
      create: () => el('li', { class: 'room direct' },
        el('button', { type: 'button', class: 'room-button' },
          el('span', { class: 'dot', 'aria-hidden': 'true' }),
          el('span', { class: 'room-name' }),
          el('span', { class: 'sr-only room-state' }),
          el('span', { class: 'muted-sign', 'aria-hidden': 'true' }, '🔕'),
          el('span', { class: 'badge' }),
          el('span', { class: 'sr-only room-unread' }))),
      update: updateRoomItem,
    });
    this.#directsEmpty.hidden = directs.length > 0;

    const joinable = chat.publicRooms.filter(room => !chat.roomIds.includes(room.id));
    syncChildren(this.#browse, joinable, {
      keyAttr: 'data-room-id',
      keyOf: room => room.id,
      create: () => el('li', { class: 'room' },
        el('button', { type: 'button', class: 'room-button' },
          el('span', { class: 'sr-only' }, 'Join '),
          el('span', { class: 'room-hash', 'aria-hidden': 'true' }, '#'),
          el('span', { class: 'room-name' }),
          ' ',
          el('span', { class: 'room-count' }))),
      update: updateBrowseItem,
    });
    this.#browseEmpty.hidden = joinable.length > 0 || chat.directory.hasMore;
    this.#browseEmpty.textContent = chat.directory.query ? 'No public room matches.' : 'No other public rooms yet.';
    this.#browseMore.hidden = !chat.directory.hasMore;
  }
}

function updateRoomItem(item, room) {
  const button = item.querySelector('button');
  const badge = item.querySelector('.badge');
  item.classList.toggle('current', room.current);
  item.classList.toggle('has-unread', room.unread > 0);
  item.classList.toggle('private', room.private && !room.direct);
  item.classList.toggle('online', room.direct && room.online);
  item.classList.toggle('away', room.direct && room.away);
  item.querySelector('.room-name').textContent = room.name;
  if (!room.direct) item.querySelector('.room-hash').textContent = room.private ? '🔒' : '#';
  if (room.current) button.setAttribute('aria-current', 'true');
  else button.removeAttribute('aria-current');
  badge.hidden = room.unread === 0;
  badge.classList.toggle('mention', room.attention > 0);
  item.classList.toggle('muted', room.muted);
  badge.textContent = room.unread > 99 ? '99+' : String(room.unread);
  // Read out as "Secret, private 2 unread, 1 mentioning you": hidden text next to what is shown, no aria-label,
  // so the accessible name always contains the visible text (speech input users say what they see).
  const peerState = room.away ? ', away' : room.online ? ', online' : ', offline';
  const state = room.direct ? peerState : room.private ? ', private' : '';
  item.querySelector('.room-state').textContent = `${state}${room.muted ? ', muted' : ''} `;
  const mentioning = room.mentions > 0 && !room.direct ? `, ${room.mentions} mentioning you` : '';
  item.querySelector('.room-unread').textContent = room.unread > 0 ? ` unread${mentioning}` : '';
}

function updateBrowseItem(item, room) {
  const count = room.memberCount === 1 ? '1 member' : `${room.memberCount ?? 0} members`;
  item.querySelector('.room-name').textContent = room.name;
  item.querySelector('.room-count').textContent = count;
  item.querySelector('button').title = room.topic || `Join #${room.name}`;
}
