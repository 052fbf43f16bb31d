import { describeError } from './hub.js';
import { el, formatDateTime } from './dom.js';
import { Methods } from './methods.js';
import { relativeTime } from './when.js';

/**
 * "Pinned messages" (📌 in the room bar): the room's pinned messages as they are now (hub Pinned), oldest first, each
 * with a button that closes the dialog and shows the message in the conversation. A dialog of js/dialogs.js.
 * @param source { invoke(method, ...args), room() → Room, authorName(userId, fallback), jump(seq) }
 */
export function pinnedDialog({ dialog, status, list }, source) {
  const open = async () => {
    const room = source.room();
    if (!room) return;
    list.replaceChildren();
    status.textContent = 'Loading…';
    dialog.showModal();
    try {
      const pinned = await source.invoke(Methods.Pinned, room.id);
      if (source.room() !== room) return;
      status.textContent = pinned.length === 0 ? 'Nothing is pinned here yet.' : `${pinned.length} pinned`;
      list.replaceChildren(...pinned.map(message => {
        const author = source.authorName(message.authorId, message.authorName);
        return el('li', { class: 'pinned-item', dataset: { seq: message.seq } },
          el('div', { class: 'meta' },
            el('span', { class: 'author' }, author), ' ',
            el('time', { datetime: message.at, title: formatDateTime(message.at) }, relativeTime(message.at))),
          el('p', { class: 'pinned-text', dir: 'auto' }, message.text),
          el('button', {
            type: 'button', class: 'secondary small-button', 'aria-label': `Show the message of ${author} in the conversation`,
            onclick: () => {
              dialog.close();
              source.jump(message.seq);
            },
          }, 'Show'));
      }));
    } catch (error) {
      status.textContent = describeError(error);
    }
  };
  return { open };
}
