import { el } from './dom.js';
import { describeError } from './hub.js';
import { Methods } from './methods.js';
import { initUserSearch } from './user-search.js';

/** A group conversation has the user and two to eight others (Chat:Rooms:MaxGroupMembers on the server, 9 people). */
const GROUP_MIN_OTHERS = 2;
const GROUP_MAX_OTHERS = 8;

/**
 * "People" (#people-dialog): who is online anywhere (OnlineUsers) and a name search (SearchUsers). Choosing someone
 * opens the direct conversation with them; ticking two or more starts a group conversation with them. A dialog of
 * js/dialogs.js.
 * @param deps { invoke(method, ...args), meId(), message(userId), startGroup(userIds) → Promise }
 */
export function peopleDialog({ dialog, search, status, results, online, onlineStatus, group, groupStart, groupStatus },
  { invoke, meId, message, startGroup }) {
  const chosen = new Map(); // userId → name: the people ticked for a group conversation

  const showChosen = () => {
    const count = chosen.size;
    groupStart.disabled = count < GROUP_MIN_OTHERS || count > GROUP_MAX_OTHERS;
    groupStart.textContent = count > 0 ? `Start a group conversation (${count + 1} people)` : 'Start a group conversation';
    groupStatus.textContent = count === 0
      ? `Tick ${GROUP_MIN_OTHERS} to ${GROUP_MAX_OTHERS} people to talk with them together.`
      : count < GROUP_MIN_OTHERS ? 'Tick at least one more person.'
        : count > GROUP_MAX_OTHERS ? `At most ${GROUP_MAX_OTHERS + 1} people, you included.` : [...chosen.values()].join(', ');
  };

  const pick = user => el('input', {
    type: 'checkbox',
    class: 'person-pick',
    'aria-label': `Add ${user.name} to a group conversation`,
    checked: chosen.has(user.userId),
    onchange: event => {
      if (event.target.checked) chosen.set(user.userId, user.name);
      else chosen.delete(user.userId);
      // The same person may be listed twice (online and in the results): keep both boxes alike.
      for (const box of dialog.querySelectorAll(`.person[data-user-id="${user.userId}"] .person-pick`)) box.checked = event.target.checked;
      showChosen();
    },
  });

  groupStart.addEventListener('click', async () => {
    groupStart.disabled = true;
    try {
      await startGroup([...chosen.keys()]);
      dialog.close();
    } catch (error) {
      groupStatus.textContent = describeError(error);
    } finally {
      groupStart.disabled = chosen.size < GROUP_MIN_OTHERS || chosen.size > GROUP_MAX_OTHERS;
    }
  });

  const person = user => el('li', { class: 'person', dataset: { userId: user.userId } },
    pick(user),
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

  return {
    open() {
      searchBox.clear();
      chosen.clear();
      showChosen();
      group.hidden = false;
      online.replaceChildren();
      dialog.showModal();
      search.focus();
      showOnline();
    },
  };
}
