import { memberState } from '../members-view.js';
import { initProfile, initStatus, showName, showOwnPresence } from '../profile-view.js';
import { attempt } from '../ui.js';

/**
 * <chat-profile>: the user's own corner of the header, which it owns: their avatar with the state the others see
 * (#me-presence), their name (#me) that opens the profile menu (#profile-menu), and the inline forms that take the
 * name's place to rename (#rename-form) or set a status (#status-form) — profile-view.js. The menu's picture,
 * password, log in and log out items open their dialogs (data-opens, js/dialogs.js); "Send read receipts" toggles
 * through the chat. Redraws on the chat's `me`, and on `room-shown` and `members`: the state shown is the one the open
 * room's member list gives the user, i.e. all their tabs and devices together.
 */
export class Profile extends HTMLElement {
  #chat = null;
  #away = null;
  #profile = null;
  #offs = [];

  /** @param deps { away — this tab's AwayDetector: our state until the member list has us } */
  connect(chat, { away }) {
    this.#chat = chat;
    this.#away = away;
    this.#unsubscribe();
    if (!this.#profile) {
      const status = initStatus({
        button: this.#part('me'), form: this.#part('status-form'), input: this.#part('status-input'),
        error: this.#part('status-error'), cancel: this.#part('status-cancel'), clear: this.#part('status-clear'),
      }, () => this.#chat.me, text => this.#chat.setStatus(text));
      this.#profile = initProfile({
        button: this.#part('me'), menu: this.#part('profile-menu'), renameItem: this.#part('profile-rename'),
        statusItem: this.#part('profile-status'), form: this.#part('rename-form'), input: this.#part('rename-input'),
        error: this.#part('rename-error'), cancel: this.#part('rename-cancel'),
      }, name => this.#chat.rename(name), () => status.open());
      this.#part('profile-receipts').addEventListener('click',
        () => attempt(() => this.#chat.setReceipts(this.#chat.me?.receiptsOff ?? false)));
    }
    this.#offs = [
      chat.on('me', ({ me }) => {
        showName(this.#part('me'), me.name, this.#part('profile-password'), me.hasPassword);
        this.#part('profile-receipts').setAttribute('aria-pressed', String(!me.receiptsOff));
        this.showState();
      }),
      chat.on('room-shown', () => this.showState()),
      chat.on('members', () => this.showState()),
    ];
  }

  disconnectedCallback() {
    this.#unsubscribe();
  }

  /** The name before the chat knows who we are (the session's). */
  showName(name) {
    showName(this.#part('me'), name);
  }

  /** The inline rename form in place of the name (the member menu's "Change name" on oneself). */
  openRename() {
    this.#profile.openRename();
  }

  /** Our avatar and state: as the open room's member list shows us; this tab's own until it lists us. */
  showState() {
    const me = this.#chat?.me;
    if (!me) return;
    const shown = memberState(this.#chat.current?.members.get(me.userId));
    const state = shown === 'offline' ? (this.#away.away ? 'away' : 'online') : shown;
    showOwnPresence(this.#part('me-presence'), this.#part('profile-status'), me, state);
  }

  #part(id) {
    return this.querySelector(`#${id}`);
  }

  #unsubscribe() {
    for (const off of this.#offs) off();
    this.#offs = [];
  }
}

customElements.define('chat-profile', Profile);
