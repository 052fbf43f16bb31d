import { showToast } from './ui.js';

/**
 * An image of the timeline in full (#image-dialog), with a download button; fetched with the token through the
 * FileLoader (docs/protocol.md §5). A dialog of js/dialogs.js, opened with { attachment }.
 * @param deps { files — a FileLoader }
 */
export function imageDialog({ dialog, title, full, download }, { files }) {
  let shown = null;
  download.addEventListener('click', () => fileAction(() => files.download(shown)));
  return {
    async open({ attachment }) {
      shown = attachment;
      title.textContent = attachment.name;
      full.alt = attachment.name;
      full.removeAttribute('src');
      dialog.showModal();
      await fileAction(async () => {
        const url = await files.url(attachment.id);
        if (shown === attachment) full.src = url;
      });
    },
  };
}

/** A file fetch or download; a failure (gone, no connection) becomes a toast. */
export async function fileAction(action) {
  try {
    await action();
  } catch (error) {
    showToast(error.message);
  }
}
