import { describeError } from './hub.js';
import { logIn, logOut } from './session.js';

/**
 * Accounts: "Set a password" (#password-dialog, hub SetPassword) keeps a guest's name usable from another browser;
 * changing one asks for the current password too. "Log in" (#login-dialog, POST /api/login) turns this browser into
 * a user who set one. "Log out" (#logout-dialog, POST /api/logout) ends this browser's session or all of them.
 * @param deps { setPassword(currentPassword | null, password) — Promise, me() — { name, hasPassword }, loggedIn(session),
 *               loggedOut() }
 * @returns { openPassword(), openLogin(), openLogout() }
 */
export function initAccount(elements, { setPassword, me, loggedIn, loggedOut }) {
  const { passwordDialog, passwordForm, passwordTitle, passwordUser, passwordInput, passwordError } = elements;
  const { passwordCurrent, passwordCurrentLabel } = elements;
  const { loginDialog, loginForm, loginName, loginPassword, loginError } = elements;
  const { logoutDialog, logoutForm, logoutWarning, logoutEverywhere, logoutError } = elements;

  submitting(passwordForm, passwordError, async () => {
    await setPassword(passwordCurrent.hidden ? null : passwordCurrent.value, passwordInput.value);
    passwordDialog.close();
  });

  submitting(loginForm, loginError, async () => {
    loggedIn(await logIn(loginName.value.trim(), loginPassword.value));
  });

  submitting(logoutForm, logoutError, async () => {
    await logOut(logoutEverywhere.checked);
    loggedOut();
  });

  return {
    openPassword() {
      const changing = Boolean(me()?.hasPassword);
      passwordTitle.textContent = changing ? 'Change your password' : 'Set a password';
      passwordUser.value = me()?.name ?? ''; // lets a password manager file the password under the right name
      passwordCurrent.hidden = passwordCurrentLabel.hidden = !changing;
      passwordCurrent.required = changing;
      passwordCurrent.value = '';
      passwordInput.value = '';
      passwordError.textContent = '';
      passwordDialog.showModal();
      (changing ? passwordCurrent : passwordInput).focus();
    },
    openLogin() {
      loginPassword.value = '';
      loginError.textContent = '';
      loginDialog.showModal();
      loginName.focus();
    },
    openLogout() {
      const user = me();
      logoutWarning.textContent = user?.hasPassword
        ? `You can come back as ${user.name} by logging in with your password.`
        : `${user?.name ?? 'This name'} has no password: after logging out nobody can use this name and its rooms again. Set a password first to keep them.`;
      logoutEverywhere.checked = false;
      logoutError.textContent = '';
      logoutDialog.showModal();
      logoutEverywhere.focus();
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
