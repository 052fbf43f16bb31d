import { el } from './dom.js';
import { describeError } from './hub.js';
import { Methods } from './methods.js';
import { initUserSearch } from './user-search.js';

/**
 * "Invite" (#invite-dialog) for the open room: search people by name (SearchUsers) and add them (Invite). Invited
 * people get the room at once (`roomAdded`); the member list shows them through the `joined` change. A dialog of
 * js/dialogs.js.
 * @param deps { invoke(method, ...args), room() — the open Room, roomName(room) }
 */
export function inviteDialog({ dialog, title, search, status, results }, { invoke, room, roomName }) {
  let target = null;

  const invite = async (user, button) => {
    button.disabled = true;
    button.textContent = 'Inviting…';
    try {
      await invoke(Methods.Invite, target.id, user.userId);
      button.textContent = 'Invited';
      status.textContent = `${user.name} is now in ${roomName(target)}.`;
    } catch (error) {
      button.disabled = false;
      button.textContent = 'Invite';
      status.textContent = describeError(error);
    }
  };

  const person = user => {
    const member = target.members.has(user.userId);
    const button = el('button', {
      type: 'button',
      class: 'small-button',
      disabled: member,
      'aria-label': member ? `${user.name} is a member` : `Invite ${user.name}`,
      onclick: () => invite(user, button),
    }, member ? 'Member' : 'Invite');
    return el('li', { class: 'person', dataset: { userId: user.userId } }, el('span', { class: 'person-name' }, user.name), button);
  };

  const searchBox = initUserSearch(search, status, prefix => invoke(Methods.SearchUsers, prefix),
    users => results.replaceChildren(...users.map(person)));

  return {
    open() {
      target = room();
      if (!target) return;
      title.textContent = `Invite people to ${roomName(target)}`;
      searchBox.clear();
      dialog.showModal();
      search.focus();
    },
  };
}
