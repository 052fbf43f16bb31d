import { describeError } from './hub.js';
import { logIn, logOut } from './session.js';

// Accounts, three dialogs of js/dialogs.js opened from the profile menu.

/**
 * "Set a password" (#password-dialog, hub SetPassword) keeps a guest's name usable from another browser; changing one
 * asks for the current password too.
 * @param deps { setPassword(currentPassword | null, password) — Promise, me() — { name, hasPassword } }
 */
export function passwordDialog({ dialog, form, title, username, current, currentLabel, input, error }, { setPassword, me }) {
  submitting(form, error, async () => {
    await setPassword(current.hidden ? null : current.value, input.value);
    dialog.close();
  });
  return {
    open() {
      const changing = Boolean(me()?.hasPassword);
      title.textContent = changing ? 'Change your password' : 'Set a password';
      username.value = me()?.name ?? ''; // lets a password manager file the password under the right name
      current.hidden = currentLabel.hidden = !changing;
      current.required = changing;
      current.value = '';
      input.value = '';
      error.textContent = '';
      dialog.showModal();
      (changing ? current : input).focus();
    },
  };
}

/**
 * "Log in" (#login-dialog, POST /api/login) turns this browser into a user who set a password.
 * @param deps { loggedIn(session) }
 */
export function loginDialog({ dialog, form, name, password, error }, { loggedIn }) {
  submitting(form, error, async () => {
    loggedIn(await logIn(name.value.trim(), password.value));
  });
  return {
    open() {
      password.value = '';
      error.textContent = '';
      dialog.showModal();
      name.focus();
    },
  };
}

/**
 * "Log out" (#logout-dialog, POST /api/logout) ends this browser's session or all of them.
 * @param deps { me() — { name, hasPassword }, loggedOut() }
 */
export function logoutDialog({ dialog, form, warning, everywhere, error }, { me, loggedOut }) {
  submitting(form, error, async () => {
    await logOut(everywhere.checked);
    loggedOut();
  });
  return {
    open() {
      const user = me();
      warning.textContent = user?.hasPassword
        ? `You can come back as ${user.name} by logging in with your password.`
        : `${user?.name ?? 'This name'} has no password: after logging out nobody can use this name and its rooms again. Set a password first to keep them.`;
      everywhere.checked = false;
      error.textContent = '';
      dialog.showModal();
      everywhere.focus();
    },
  };
}

/** Runs a form's action on submit: the submit button waits, a refusal is shown in the form's error line. */
function submitting(form, error, action) {
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    error.textContent = '';
    try {
      await action();
    } catch (failure) {
      error.textContent = failure.name === 'LoginError' ? failure.message : describeError(failure);
    } finally {
      button.disabled = false;
    }
  });
}
