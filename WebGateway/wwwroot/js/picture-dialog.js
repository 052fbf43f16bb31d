import { avatar } from './avatar.js';
import { uploadError } from './files.js';

/**
 * "Change picture…" (#picture-dialog): choose an image (a preview shows it as the round avatar will), save it
 * (`POST /api/avatar`, docs/protocol.md §6), or remove the picture to go back to the generated avatar. The server
 * cuts the image to a centred square; every room of the user shows the change through the `profile` member change.
 * A dialog of js/dialogs.js.
 * @param deps { me() — { userId, name, avatar }, token() — the identity token, saved(profile) — the new profile }
 */
export function pictureDialog({ dialog, preview, input, save, remove, status }, { me, token, saved }) {
  let chosen = null;

  const showCurrent = () => {
    const user = me();
    const node = avatar(user.userId, user.name, user.avatar);
    node.classList.add('avatar-large');
    preview.replaceChildren(node);
    remove.hidden = !user.avatar;
  };

  const choose = () => {
    if (chosen) URL.revokeObjectURL(chosen.url);
    const file = input.files?.[0];
    chosen = file ? { file, url: URL.createObjectURL(file) } : null;
    save.disabled = !chosen;
    status.textContent = '';
    if (!chosen) return showCurrent();
    const node = avatar(me().userId, me().name);
    node.classList.add('avatar-large');
    const img = document.createElement('img');
    img.className = 'avatar-picture';
    img.alt = '';
    img.src = chosen.url;
    node.append(img);
    preview.replaceChildren(node);
  };

  const send = async (method, body) => {
    save.disabled = remove.disabled = true;
    status.textContent = method === 'DELETE' ? 'Removing…' : 'Saving…';
    try {
      const response = await fetch('/api/avatar', {
        method,
        headers: { Authorization: `Bearer ${token()}`, ...(body ? { 'Content-Type': body.type || 'application/octet-stream' } : {}) },
        body,
      });
      const answer = await response.json().catch(() => null);
      if (!response.ok) throw new Error(uploadError(response.status, answer));
      saved(answer);
      input.value = '';
      chosen = null;
      showCurrent();
      status.textContent = method === 'DELETE' ? 'Your picture is removed.' : 'Your picture is saved.';
    } catch (error) {
      status.textContent = error instanceof TypeError ? uploadError(0, null) : error.message;
      save.disabled = !chosen;
    } finally {
      remove.disabled = false;
    }
  };

  input.addEventListener('change', choose);
  save.addEventListener('click', () => chosen && send('POST', chosen.file));
  remove.addEventListener('click', () => send('DELETE', null));
  return {
    open() {
      input.value = '';
      chosen = null;
      save.disabled = true;
      status.textContent = '';
      showCurrent();
      dialog.showModal();
      input.focus();
    },
  };
}
