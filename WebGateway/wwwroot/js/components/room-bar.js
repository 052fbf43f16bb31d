import { LOBBY } from '../chat.js';
import { showNotifyButton } from '../notify-settings.js';
import { roomSign, roomTopic } from '../room-bar.js';
import { canEditRoom, canInvite } from '../roles.js';
import { attempt } from '../ui.js';

/**
 * <chat-room-bar>: the bar above the timeline, which it owns: the open room's sign (# public, 🔒 private, @ a person,
 * 👥 a group), name (#room-name) and topic (#room-topic), the 🔔 button naming its notification level, and the actions
 * the user's role allows there — Invite and Settings shown or hidden, Leave (not the lobby, everyone's fallback room,
 * nor a direct conversation) and Hide (a direct conversation, until its next message), which it does itself through
 * the chat. The search, pinned, notification, invite and settings buttons belong to their dialogs (js/dialogs.js).
 * Redraws on the chat's `room-shown` and `room-changed`.
 */
export class RoomBar extends HTMLElement {
  #chat = null;
  #offs = [];

  connect(chat) {
    this.#chat = chat;
    this.#unsubscribe();
    this.#offs = [
      chat.on('room-shown', ({ room }) => this.render(room)),
      chat.on('room-changed', ({ room }) => this.render(room)),
    ];
    this.#part('leave').onclick = () => {
      const id = chat.currentId;
      if (id && id !== LOBBY) attempt(() => chat.leave(id));
    };
    this.#part('room-hide').onclick = () => {
      const id = chat.currentId;
      if (id && chat.current?.isDirect) attempt(() => chat.hide(id));
    };
  }

  disconnectedCallback() {
    this.#unsubscribe();
  }

  render(room) {
    const topic = roomTopic(room);
    this.#part('room-icon').textContent = roomSign(room);
    this.#part('room-name').textContent = this.#chat.roomName(room.id);
    this.#part('room-topic').textContent = topic;
    this.#part('room-topic').hidden = topic === '';
    this.#part('leave').hidden = room.id === LOBBY || room.isDirect;
    this.#part('room-hide').hidden = !room.isDirect;
    this.#part('room-invite').hidden = !room.loaded || !canInvite(room, LOBBY);
    this.#part('room-settings').hidden = !room.loaded || !canEditRoom(room);
    showNotifyButton(this.#part('room-notify'), room);
  }

  #part(id) {
    return this.querySelector(`#${id}`);
  }

  #unsubscribe() {
    for (const off of this.#offs) off();
    this.#offs = [];
  }
}

customElements.define('chat-room-bar', RoomBar);
