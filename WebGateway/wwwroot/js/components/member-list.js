import { MemberMenu } from '../member-menu.js';
import { renderMembers } from '../members-view.js';
import { tell } from './intent.js';

// Typing in the filter box asks the room (a paged list) after this pause, not at every key.
const FILTER_PAUSE_MS = 250;

/**
 * <chat-members>: the member panel's content, which it owns: the count (#member-count), the filter box
 * (#members-filter), the list (#members), its "and N others" button (#members-more) and the sentinel after it
 * (#members-end) whose coming into view loads the next page of a paged list; drawn by members-view.js. Redraws when
 * the chat shows a room or the open room's members change (the chat's `room-shown` and `members` events).
 *
 * A click on a member opens their menu (#member-menu, member-menu.js); what the user chooses there leaves as a DOM
 * event that bubbles (js/components/intent.js), detail { member } with the MemberInfo: `message-member`, `kick`,
 * `ban` (also { deleteHours }), `set-role` (also { role }), `block`, `unblock`, and `rename-self` (on oneself).
 */
export class MemberList extends HTMLElement {
  #chat = null;
  #offs = [];
  #filterTimer = null;
  #menu = null;

  connect(chat) {
    this.#chat = chat;
    this.#unsubscribe();
    this.#menu ??= this.#createMenu();
    this.#offs = [
      chat.on('room-shown', ({ room }) => {
        this.#menu.close();
        this.render(room);
      }),
      chat.on('members', ({ room }) => this.render(room)),
    ];
    this.#filter.oninput = () => {
      clearTimeout(this.#filterTimer);
      this.#filterTimer = setTimeout(() => {
        if (chat.current) chat.filterMembers(chat.current, this.#filter.value);
      }, FILTER_PAUSE_MS);
    };
  }

  get #filter() {
    return this.querySelector('#members-filter');
  }

  #createMenu() {
    return new MemberMenu(this.list, userId => {
      const chat = this.#chat;
      const room = chat.current;
      const member = room?.members.get(userId);
      return member ? { room, member, meId: chat.me?.userId, blocked: chat.isBlocked(userId) } : null;
    }, {
      message: member => tell(this, 'message-member', { member }),
      kick: member => tell(this, 'kick', { member }),
      ban: (member, deleteHours) => tell(this, 'ban', { member, deleteHours }),
      setRole: (member, role) => tell(this, 'set-role', { member, role }),
      block: member => tell(this, 'block', { member }),
      unblock: member => tell(this, 'unblock', { member }),
      rename: member => tell(this, 'rename-self', { member }),
    });
  }

  /** The list element (#members). */
  get list() {
    return this.querySelector('#members');
  }

  render(room) {
    const filter = this.#filter;
    if (filter.dataset.roomId !== room.id) { // another room: its own filter (what is being typed stays)
      filter.value = room.memberFilter?.text ?? '';
      filter.dataset.roomId = room.id;
    }
    renderMembers(this.list, this.querySelector('#member-count'), this.querySelector('#members-more'), room, this.#chat?.me?.userId,
      { sentinel: this.querySelector('#members-end'), loadMore: r => this.#chat.loadMoreMembers(r) });
  }

  disconnectedCallback() {
    this.#unsubscribe();
  }

  #unsubscribe() {
    for (const off of this.#offs) off();
    this.#offs = [];
  }
}

customElements.define('chat-members', MemberList);
