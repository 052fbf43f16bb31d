import { describeError } from './hub.js';
import { Popover } from './popover.js';

/**
 * Own name in the header (#me). Clicking it opens the profile menu (#profile-menu): change name (an inline form),
 * change picture, set a password, log in as another user, log out.
 * @param rename (name) => Promise; a refusal (name taken, invalid) is shown under the field.
 * @param account { openPicture(), openPassword(), openLogin(), openLogout() }
 */
export function initProfile({ button, menu, renameItem, pictureItem, passwordItem, loginItem, logoutItem, form, input, error, cancel }, rename, account) {
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
  pictureItem.addEventListener('click', () => {
    popover.close(false);
    account.openPicture();
  });
  passwordItem.addEventListener('click', () => {
    popover.close(true);
    account.openPassword();
  });
  loginItem.addEventListener('click', () => {
    popover.close(true);
    account.openLogin();
  });
  logoutItem.addEventListener('click', () => {
    popover.close(true);
    account.openLogout();
  });

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
