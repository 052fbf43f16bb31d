import { el } from './dom.js';
import { Popover } from './popover.js';
import { canDeleteMessage, canEditMessage, canPin } from './roles.js';

/**
 * The action menu of a message (role="menu"): Reply, React, Edit, Delete, Pin/Unpin, Copy text — what the user's role
 * allows. Opened by the message's "⋯" button (shown on hover and keyboard focus) or a long press on phones; ↑/↓, Home
 * and End move between items, Escape closes it and returns to the button. It lives outside the message log, placed
 * next to the button, so opening it announces nothing to screen readers following the log.
 */
export class MessageMenu {
  #menu = el('div', { id: 'message-menu', class: 'menu message-menu', role: 'menu', hidden: true });
  #popover = new Popover(this.#menu);
  #actions;

  /** @param actions { reply(m), react(m, button), edit(m), remove(m), pin(m, pinned), copy(m) } */
  constructor(host, actions) {
    this.#actions = actions;
    host.append(this.#menu);
    this.#menu.addEventListener('keydown', event => this.#key(event));
  }

  get isOpen() {
    return this.#popover.isOpen;
  }

  close() {
    this.#popover.close(false);
  }

  /** @param context { room, meId } */
  open(message, button, { room, meId }) {
    if (this.#popover.isOpenFor(button)) {
      this.#popover.close(true);
      return;
    }
    const act = (action, keepFocus = false) => () => {
      this.#popover.close(!keepFocus);
      action();
    };
    const a = this.#actions;
    const items = [
      item('Reply', act(() => a.reply(message), true)),
      item('React', act(() => a.react(message, button), true)),
      canEditMessage(room, message, meId) && item('Edit', act(() => a.edit(message), true)),
      canPin(room, message) && (message.pinned ? item('Unpin', act(() => a.pin(message, false))) : item('Pin', act(() => a.pin(message, true)))),
      item('Copy text', act(() => a.copy(message))),
      canDeleteMessage(room, message, meId) && item('Delete', act(() => a.remove(message), true), 'danger'),
    ].filter(Boolean);
    this.#menu.setAttribute('aria-label', 'Message actions');
    this.#menu.replaceChildren(...items);
    this.#popover.open(button);
    place(this.#menu, button);
  }

  #key(event) {
    const items = [...this.#menu.querySelectorAll('[role="menuitem"]')];
    const index = items.indexOf(document.activeElement);
    let next = null;
    if (event.key === 'ArrowDown') next = items[(index + 1) % items.length];
    else if (event.key === 'ArrowUp') next = items[(index - 1 + items.length) % items.length];
    else if (event.key === 'Home') next = items[0];
    else if (event.key === 'End') next = items.at(-1);
    else if (event.key === 'Tab') this.#popover.close(false);
    if (next) {
      event.preventDefault();
      next.focus();
    }
  }
}

function item(label, onclick, kind = '') {
  return el('button', { type: 'button', role: 'menuitem', class: `menu-item ${kind}`.trim(), onclick }, label);
}

/** Places a fixed-position popup next to its button, inside the window (above it when there is no room below). */
export function place(popup, button) {
  popup.style.visibility = 'hidden';
  const anchor = button.getBoundingClientRect();
  const box = popup.getBoundingClientRect();
  const margin = 8;
  const left = Math.min(Math.max(margin, anchor.right - box.width), innerWidth - box.width - margin);
  const below = anchor.bottom + 4;
  const top = below + box.height <= innerHeight - margin ? below : Math.max(margin, anchor.top - box.height - 4);
  popup.style.left = `${left}px`;
  popup.style.top = `${top}px`;
  popup.style.visibility = '';
}
