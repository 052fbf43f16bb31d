import { el } from './dom.js';
import { describeError } from './hub.js';
import { Methods } from './methods.js';
import { initUserSearch } from './user-search.js';

/**
 * "People" (#people-dialog): who is online anywhere (OnlineUsers) and a name search (SearchUsers). Choosing someone
 * opens the direct conversation with them.
 * @param deps { invoke(method, ...args), meId(), message(userId) }
 */
export function initPeople({ dialog, open, search, status, results, online, onlineStatus }, { invoke, meId, message }) {
  const person = user => el('li', { class: 'person', dataset: { userId: user.userId } },
    el('button', {
      type: 'button',
      class: 'person-button',
      onclick: () => {
        dialog.close();
        message(user.userId);
      },
    },
    el('span', { class: 'person-name' }, user.name),
    el('span', { class: 'sr-only' }, ': send a message'),
    el('span', { class: 'person-action', 'aria-hidden': 'true' }, 'Message')));
  const others = users => users.filter(user => user.userId !== meId());

  const searchBox = initUserSearch(search, status, prefix => invoke(Methods.SearchUsers, prefix),
    users => results.replaceChildren(...others(users).map(person)));

  const showOnline = async () => {
    onlineStatus.textContent = 'Loading…';
    try {
      const users = others(await invoke(Methods.OnlineUsers));
      online.replaceChildren(...users.map(person));
      onlineStatus.textContent = users.length === 0 ? 'Nobody else is online right now.' : '';
    } catch (error) {
      onlineStatus.textContent = describeError(error);
    }
  };

  open.addEventListener('click', () => {
    searchBox.clear();
    online.replaceChildren();
    dialog.showModal();
    search.focus();
    showOnline();
  });
}
