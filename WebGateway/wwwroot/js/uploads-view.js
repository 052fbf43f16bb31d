import { el } from './dom.js';
import { formatSize, upload } from './files.js';
import { newClientMsgId } from './outbox.js';

/**
 * Sharing files from the composer: the attach button (a file picker), files dropped on the chat, and images pasted
 * into the message box (a screenshot). Each upload shows in the list above the composer with its progress and a
 * cancel button; a refused one stays there with the server's reason until dismissed. The message carrying the file
 * arrives like any message (the server posts it).
 */
export class Uploads {
  #list;
  #room;
  #token;

  /**
   * @param parts { list, button, input, dropZone, textarea }
   * @param room () => id of the room shown (null: none)
   * @param token () => the identity token
   */
  constructor({ list, button, input, dropZone, textarea }, room, token) {
    this.#list = list;
    this.#room = room;
    this.#token = token;
    button.addEventListener('click', () => input.click());
    input.addEventListener('change', () => {
      this.start([...input.files]);
      input.value = '';
    });
    textarea.addEventListener('paste', event => {
      const files = [...(event.clipboardData?.files ?? [])];
      if (files.length === 0) return; // text: pasted as usual
      event.preventDefault();
      this.start(files);
    });
    let depth = 0; // dragenter/dragleave fire for every child crossed
    const hasFiles = event => [...(event.dataTransfer?.types ?? [])].includes('Files');
    dropZone.addEventListener('dragenter', event => {
      if (!hasFiles(event)) return;
      depth++;
      dropZone.classList.add('dropping');
    });
    dropZone.addEventListener('dragleave', () => {
      if (depth > 0 && --depth === 0) dropZone.classList.remove('dropping');
    });
    dropZone.addEventListener('dragover', event => {
      if (hasFiles(event)) event.preventDefault(); // allows the drop
    });
    dropZone.addEventListener('drop', event => {
      depth = 0;
      dropZone.classList.remove('dropping');
      if (!hasFiles(event)) return;
      event.preventDefault();
      this.start([...event.dataTransfer.files]);
    });
  }

  /** Uploads each file to the room shown now. */
  start(files) {
    const roomId = this.#room();
    if (roomId == null) return;
    for (const file of files) this.#upload(roomId, file);
  }

  #upload(roomId, file) {
    const bar = el('progress', { max: 1, value: 0, 'aria-label': `Uploading ${file.name || 'a file'}` });
    const status = el('span', { class: 'upload-status', role: 'status' }, formatSize(file.size));
    const cancelButton = el('button', { type: 'button', class: 'icon-button small upload-cancel', 'aria-label': 'Cancel the upload', title: 'Cancel' }, '×');
    const item = el('li', { class: 'upload' }, el('span', { class: 'upload-name', dir: 'auto' }, file.name || 'pasted image'), bar, status, cancelButton);
    this.#list.append(item);
    this.#list.hidden = false;
    const { done, cancel } = upload(roomId, file, this.#token(), newClientMsgId(), fraction => {
      bar.value = fraction;
    });
    cancelButton.addEventListener('click', cancel);
    done.then(() => this.#remove(item), error => {
      if (error.cancelled) {
        this.#remove(item);
        return;
      }
      item.classList.add('failed');
      bar.remove();
      status.setAttribute('role', 'alert');
      status.textContent = error.message;
      cancelButton.setAttribute('aria-label', 'Dismiss');
      cancelButton.title = 'Dismiss';
      cancelButton.removeEventListener('click', cancel);
      cancelButton.addEventListener('click', () => this.#remove(item));
    });
  }

  #remove(item) {
    item.remove();
    this.#list.hidden = this.#list.children.length === 0;
  }
}
