import { renderMembers } from '../members-view.js';

/**
 * <chat-members>: the member panel's content, which it owns: the count (#member-count), the list (#members) and its
 * "and N others" button (#members-more), drawn by members-view.js. Redraws when the chat shows a room or the open
 * room's members change (the chat's `room-shown` and `members` events).
 */
export class MemberList extends HTMLElement {
  #chat = null;
  #offs = [];

  connect(chat) {
    this.#chat = chat;
    this.#unsubscribe();
    this.#offs = [
      chat.on('room-shown', ({ room }) => this.render(room)),
      chat.on('members', ({ room }) => this.render(room)),
    ];
  }

  /** The list element (#members), for the member menu that opens on its entries. */
  get list() {
    return this.querySelector('#members');
  }

  render(room) {
    renderMembers(this.list, this.querySelector('#member-count'), this.querySelector('#members-more'), room, this.#chat?.me?.userId);
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
