/**
 * "Delete this message?" (#delete-dialog) with the start of its text; deleting is the page's (deps.remove). A dialog
 * of js/dialogs.js, opened with { roomId, message }; a confirmation for a room no longer open is dropped.
 * @param deps { currentId() — the open room, remove(message) }
 */
export function deleteDialog({ dialog, form, preview }, { currentId, remove }) {
  let deleting = null;
  form.addEventListener('submit', event => {
    event.preventDefault();
    dialog.close();
    const target = deleting;
    deleting = null;
    if (target && target.roomId === currentId()) remove(target.message);
  });
  return {
    open({ roomId, message }) {
      deleting = { roomId, message };
      preview.textContent = message.text.length > 200 ? `${message.text.slice(0, 199)}…` : message.text;
      dialog.showModal();
    },
  };
}
