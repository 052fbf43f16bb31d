import { avatar, updateAvatar } from './avatar.js';
import { el } from './dom.js';
import { describeError } from './hub.js';
import { Popover } from './popover.js';

/**
 * Own name in the header (#me). Clicking it opens the profile menu (#profile-menu): change name (an inline form),
 * set a status (an inline form), and the items that open dialogs (picture, password, log in as another user, log
 * out: their data-opens, js/dialogs.js), which close the menu first.
 * @param rename (name) => Promise; a refusal (name taken, invalid) is shown under the field.
 * @param openStatus () => void — the status form
 */
export function initProfile({ button, menu, renameItem, statusItem, form, input, error, cancel }, rename, openStatus) {
  const popover = new Popover(menu);

  const close = () => {
    form.hidden = true;
    button.hidden = false;
    error.textContent = '';
    button.focus();
  };

  const openRename = () => {
    popover.close(false);
    input.value = button.textContent;
    error.textContent = '';
    button.hidden = true;
    form.hidden = false;
    input.focus();
    input.select();
  };

  button.addEventListener('click', () => (popover.isOpen ? popover.close(true) : popover.open(button)));
  renameItem.addEventListener('click', openRename);
  statusItem.addEventListener('click', () => {
    popover.close(false);
    openStatus();
  });
  // The dialog opens after this (its data-opens, on the click's way up): focus goes back to the name, and the dialog
  // returns it there when it closes.
  for (const item of menu.querySelectorAll('[data-opens]')) item.addEventListener('click', () => popover.close(true));

  cancel.addEventListener('click', close);
  form.addEventListener('keydown', event => {
    if (event.key === 'Escape') {
      event.stopPropagation(); // don't also close a drawer
      close();
    }
  });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const name = input.value.trim();
    if (name === button.textContent) return close();
    const submit = form.querySelector('button[type="submit"]');
    submit.disabled = true;
    try {
      await rename(name);
      close();
    } catch (failure) {
      error.textContent = describeError(failure);
      input.focus();
    } finally {
      submit.disabled = false;
    }
  });

  return { openRename };
}

/** Shows the user's name, and whether a password keeps it ("Set a password" or "Change password"). */
export function showName(button, name, passwordItem, hasPassword) {
  button.textContent = name;
  button.title = `${name}: your profile`;
  if (passwordItem) passwordItem.textContent = hasPassword ? 'Change password' : 'Set a password';
}

/**
 * The status form (#status-form) in place of the name: save a status text, clear it, or cancel. A refusal (too long,
 * a control character) is shown under the field in the server's words.
 * @param me () => our profile
 * @param setStatus (text | null) => Promise
 */
export function initStatus({ button, form, input, error, cancel, clear }, me, setStatus) {
  const close = () => {
    form.hidden = true;
    button.hidden = false;
    error.textContent = '';
    button.focus();
  };

  const save = async text => {
    for (const control of form.querySelectorAll('button')) control.disabled = true;
    try {
      await setStatus(text);
      close();
    } catch (failure) {
      error.textContent = describeError(failure);
      input.focus();
    } finally {
      for (const control of form.querySelectorAll('button')) control.disabled = false;
    }
  };

  cancel.addEventListener('click', close);
  clear.addEventListener('click', () => save(null));
  form.addEventListener('keydown', event => {
    if (event.key === 'Escape') {
      event.stopPropagation(); // don't also close a drawer
      close();
    }
  });
  form.addEventListener('submit', event => {
    event.preventDefault();
    save(input.value);
  });

  return {
    open() {
      input.value = me()?.status ?? '';
      error.textContent = '';
      button.hidden = true;
      form.hidden = false;
      input.focus();
      input.select();
    },
  };
}

/**
 * Our own avatar in the header (#me-presence) with our state as the others see it: a dot of the member list's shapes
 * and the words for screen readers. The status menu item says whether a status is set.
 * @param state 'online' | 'away'
 */
export function showOwnPresence(slot, statusItem, me, state) {
  if (!me) return;
  const shown = slot.querySelector('.avatar');
  if (shown?.dataset.userId === me.userId) {
    updateAvatar(shown, me.name, me.avatar);
  } else {
    slot.replaceChildren(
      avatar(me.userId, me.name, me.avatar),
      el('span', { class: 'dot', 'aria-hidden': 'true' }),
      el('span', { class: 'sr-only me-state' }));
  }
  slot.dataset.state = state;
  const words = me.status ? `You appear ${state}: ${me.status}` : `You appear ${state}`;
  slot.querySelector('.me-state').textContent = words;
  slot.title = words;
  statusItem.textContent = me.status ? 'Change status…' : 'Set a status…';
}
