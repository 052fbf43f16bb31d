import { describeError } from './hub.js';
import { Methods } from './methods.js';

/**
 * "Room settings" (#settings-dialog), for the owner: name, topic and visibility (UpdateRoom; `null` keeps a field).
 * A dialog of js/dialogs.js.
 * @param deps { invoke(method, ...args), room() — the open Room, updated(roomId, summary) }
 */
export function settingsDialog({ dialog, form, name, topic, public: isPublic, error, save }, { invoke, room, updated }) {
  let target = null;

  form.addEventListener('submit', async event => {
    event.preventDefault();
    const before = target.summary;
    const newName = name.value.trim();
    const newTopic = topic.value.trim();
    save.disabled = true;
    error.textContent = '';
    try {
      const summary = await invoke(Methods.UpdateRoom, target.id,
        newName === before.name ? null : newName,
        newTopic === (before.topic ?? '') ? null : newTopic,
        isPublic.checked === !before.isPrivate ? null : isPublic.checked);
      updated(target.id, summary);
      dialog.close();
    } catch (failure) {
      error.textContent = describeError(failure);
    } finally {
      save.disabled = false;
    }
  });

  return {
    open() {
      target = room();
      if (!target?.summary) return;
      name.value = target.summary.name;
      topic.value = target.summary.topic ?? '';
      isPublic.checked = !target.summary.isPrivate;
      isPublic.disabled = target.id === 'lobby';
      error.textContent = '';
      dialog.showModal();
      name.focus();
    },
  };
}
