import { attentionCount, badgeCount, levelOf } from '../attention.js';
import { el, syncChildren } from '../dom.js';
import { attempt } from '../ui.js';
import { showDirectsDot } from '../unread-dots.js';

/**
 * <chat-room-list>: the room panel's content, which it owns. The user's rooms (#rooms, a lock on private ones) and
 * conversations (#directs, named after the other people) with unread badges — highlighted for what the room's
 * notification level asks for, none in a room muted for everything (🔕) —, the "New room" form, and the public rooms
 * not joined yet (#browse, searched and paged by chat.directory). The "People" button in it belongs to the people
 * dialog (people-dialog.js). Items are kept across updates (keyed by
 * data-room-id) so keyboard focus survives a new badge.
 *
 * Redraws on the chat's `rooms` event. Tells the page what the user chose with DOM events that bubble:
 * `open-room` { roomId } (a click on a room of any list) and `room-created` (after the form created and opened one).
 */
export class RoomList extends HTMLElement {
  #chat = null;
  #off = null;

  /** Starts showing this chat's rooms; the markup (index.html) is the component's own from here on. */
  connect(chat) {
    this.#chat = chat;
    this.#off?.();
    this.#off = chat.on('rooms', () => this.render());
    for (const list of this.querySelectorAll('.room-list')) {
      list.addEventListener('click', event => {
        const item = event.target.closest('[data-room-id]');
        if (item) this.dispatchEvent(new CustomEvent('open-room', { bubbles: true, detail: { roomId: item.dataset.roomId } }));
      });
    }
    this.#part('new-room-form').addEventListener('submit', event => {
      event.preventDefault();
      this.#create();
    });
    this.#part('browse-refresh').addEventListener('click', () => chat.refreshPublicRooms());
    const search = this.#part('browse-search');
    search.addEventListener('input', () => chat.directory.search(search.value));
    this.#part('browse-more').addEventListener('click', () => attempt(() => chat.directory.more()));
    this.render();
  }

  disconnectedCallback() {
    this.#off?.();
    this.#off = null;
  }

  #part(id) {
    return this.querySelector(`#${id}`);
  }

  async #create() {
    const input = this.#part('new-room-name');
    const isPrivate = this.#part('new-room-private');
    const button = this.#part('new-room-create');
    const name = input.value.trim();
    if (name === '') return;
    button.disabled = true;
    await attempt(async () => {
      await this.#chat.create(name, isPrivate.checked);
      input.value = '';
      isPrivate.checked = false;
      this.dispatchEvent(new CustomEvent('room-created', { bubbles: true }));
    });
    button.disabled = false;
  }

  render() {
    const chat = this.#chat;
    if (!chat) return;
    const mine = chat.roomIds.map(id => roomItem(chat, id));
    syncChildren(this.#part('rooms'), mine.filter(room => !room.direct), ROOM_ITEM);
    const directs = mine.filter(room => room.direct);
    syncChildren(this.#part('directs'), directs, ROOM_ITEM);
    this.#part('directs-empty').hidden = directs.length > 0;
    showDirectsDot(this.#part('directs-title'), this.#part('directs-unread'), chat);

    const joinable = chat.publicRooms.filter(room => !chat.roomIds.includes(room.id));
    syncChildren(this.#part('browse'), joinable, BROWSE_ITEM);
    const browseEmpty = this.#part('browse-empty');
    browseEmpty.hidden = joinable.length > 0 || chat.directory.hasMore;
    browseEmpty.textContent = chat.directory.query ? 'No public room matches.' : 'No other public rooms yet.';
    this.#part('browse-more').hidden = !chat.directory.hasMore;
  }
}

/** What an item of #rooms or #directs shows of one of the user's rooms. */
function roomItem(chat, id) {
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
}

// One item for rooms and conversations: a conversation shows the other person's state (a dot) where a room shows # or 🔒.
const ROOM_ITEM = {
  keyAttr: 'data-room-id',
  keyOf: room => room.id,
  create: room => el('li', { class: room.direct ? 'room direct' : 'room' },
    el('button', { type: 'button', class: 'room-button' },
      el('span', { class: room.direct ? 'dot' : 'room-hash', 'aria-hidden': 'true' }),
      el('span', { class: 'room-name' }),
      el('span', { class: 'sr-only room-state' }),
      el('span', { class: 'muted-sign', 'aria-hidden': 'true' }, '🔕'),
      el('span', { class: 'badge' }),
      el('span', { class: 'sr-only room-unread' }))),
  update: updateRoomItem,
};

const BROWSE_ITEM = {
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
};

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

customElements.define('chat-room-list', RoomList);
