import { describeError } from './hub.js';
import { el, formatDateTime } from './dom.js';
import { Methods } from './methods.js';
import { snippetParts } from './search-snippet.js';
import { relativeTime } from './when.js';

/**
 * "Search messages" (🔍 in the header, and in the room bar for "in this room"): the hub's Search, newest first, each
 * result with its room, author, time and snippet (matching words in <mark>, built as text nodes); choosing one closes
 * the dialog and opens the room at that message. "More results" asks for the next page with the cursor. A dialog of
 * js/dialogs.js; an opener with data-scope="room" ticks "Only in this room".
 * @param source { invoke(method, ...args), room() → Room, roomLabel(room) → string, show(roomId, seq) }
 */
export function searchDialog({ dialog, form, input, here, hereLabel, status, results, more }, source) {
  let generation = 0; // answers of an older search are dropped
  let next = null;
  let asked = null;

  const run = async (query, roomId, cursor) => {
    const mine = ++generation;
    status.textContent = 'Searching…';
    more.hidden = true;
    try {
      const page = await source.invoke(Methods.Search, query, roomId, cursor);
      if (mine !== generation) return;
      next = page.next;
      if (!cursor) results.replaceChildren();
      results.append(...page.hits.map(hit => resultItem(hit)));
      const count = results.children.length;
      status.textContent = count === 0 ? 'No messages found.' : `${count}${next ? '+' : ''} message${count === 1 ? '' : 's'} found, newest first`;
      more.hidden = !next;
    } catch (error) {
      if (mine === generation) status.textContent = describeError(error);
    }
  };

  const resultItem = hit => el('li', { class: 'search-item', dataset: { room: hit.roomId, seq: hit.seq } },
    el('button', {
      type: 'button', class: 'search-hit',
      onclick: () => {
        dialog.close();
        source.show(hit.roomId, hit.seq);
      },
    },
    el('span', { class: 'meta' },
      el('span', { class: 'search-room' }, hit.roomName), ' · ',
      el('span', { class: 'author' }, hit.authorName), ' · ',
      el('time', { datetime: hit.at, title: formatDateTime(hit.at) }, relativeTime(hit.at))),
    el('span', { class: 'search-snippet', dir: 'auto' },
      snippetParts(hit.snippet, hit.marks).map(part => (part.marked ? el('mark', {}, part.text) : part.text)))));

  form.addEventListener('submit', event => {
    event.preventDefault();
    const room = here.checked ? source.room() : null;
    asked = { query: input.value, roomId: room?.id ?? null };
    results.replaceChildren();
    run(asked.query, asked.roomId, null);
  });
  more.addEventListener('click', () => {
    if (asked && next) run(asked.query, asked.roomId, next);
  });

  return {
    open({ opener } = {}) {
      const room = source.room();
      here.disabled = !room;
      here.checked = opener?.dataset.scope === 'room' && !!room;
      hereLabel.textContent = room ? `Only in ${source.roomLabel(room)}` : 'Only in this room';
      dialog.showModal();
      input.select();
    },
  };
}
