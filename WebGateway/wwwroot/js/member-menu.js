import { el } from './dom.js';
import { Popover } from './popover.js';
import { canModerate, canSetRole } from './roles.js';

/**
 * The menu of a member in the member list: message them, and what the user's role allows (kick, ban, change role).
 * One menu element (#member-menu) moves into the member's list item while it is open.
 */
export class MemberMenu {
  #menu = el('div', { id: 'member-menu', class: 'menu member-menu', role: 'group', hidden: true });
  #popover = new Popover(this.#menu);

  /**
   * @param context (userId) => { room, member, meId, blocked } | null
   * @param actions { message(member), kick(member), ban(member, deleteHours), setRole(member, role), rename(),
   *                 block(member), unblock(member) } — may be async
   */
  constructor(list, context, actions) {
    list.addEventListener('click', event => {
      const button = event.target.closest('.member-button');
      if (!button) return;
      if (this.#popover.isOpenFor(button)) this.#popover.close(true);
      else this.#open(button.closest('li'), button, context(button.closest('li').dataset.userId), actions);
    });
  }

  close() {
    this.#popover.close(false);
  }

  #open(item, button, found, actions) {
    if (!found) return;
    const { room, member, meId, blocked } = found;
    const act = action => () => {
      this.#popover.close(true);
      action(member);
    };
    const items = [el('p', { class: 'menu-title' }, member.name)];
    if (member.userId === meId) {
      items.push(menuItem('Change your name', act(actions.rename)));
    } else {
      items.push(menuItem('Message', act(actions.message)));
      if (canModerate(room, member, meId)) {
        items.push(menuItem('Kick', act(actions.kick), 'danger'));
        items.push(...this.#banItems(member, hours => {
          this.#popover.close(true);
          actions.ban(member, hours);
        }));
      }
      if (canSetRole(room, member, meId)) {
        items.push(member.role === 'moderator'
          ? menuItem('Make member', act(m => actions.setRole(m, 'member')))
          : menuItem('Make moderator', act(m => actions.setRole(m, 'moderator'))));
      }
      items.push(blocked ? menuItem('Unblock', act(actions.unblock)) : menuItem('Block', act(actions.block), 'danger'));
    }
    this.#menu.setAttribute('aria-label', `Actions for ${member.name}`);
    this.#menu.replaceChildren(...items);
    item.append(this.#menu);
    this.#popover.open(button);
  }

  /**
   * Banning is not undone by an invitation, so it takes a second click; before it, the moderator may choose to delete
   * the member's recent messages too (a spammer's), as Discord's ban dialog offers.
   */
  #banItems(member, ban) {
    const erase = el('select', { class: 'menu-select', 'aria-label': 'Also delete their messages', hidden: true },
      ...BAN_DELETE_CHOICES.map(([hours, label]) => el('option', { value: String(hours) }, label)));
    const button = menuItem('Ban', () => {
      if (button.dataset.confirm) return ban(Number(erase.value));
      button.dataset.confirm = '1';
      button.textContent = `Ban ${member.name} for good?`;
      erase.hidden = false;
    }, 'danger');
    return [button, erase];
  }
}

/** What "ban" may also delete: hours back (the server allows up to Chat:Rooms:MaxBanDeleteHours, 168). */
const BAN_DELETE_CHOICES = [[0, 'Keep their messages'], [1, 'Delete their messages of the last hour'],
  [24, 'Delete their messages of the last 24 hours'], [168, 'Delete their messages of the last 7 days']];

function menuItem(label, onclick, kind = '') {
  return el('button', { type: 'button', class: `menu-item ${kind}`.trim(), onclick }, label);
}
