import { el } from './dom.js';

const MAX_SUGGESTIONS = 8;

/**
 * The `@…` being typed just before the caret, if any: `{ start, query }` (start: the index of the @). A name may have
 * spaces, so the query may too ("@amber he"); it ends at a line break or another @.
 */
export function mentionQuery(text, caret) {
  const match = /(?:^|[\s(])@([^\s@][^@\n]{0,31}|)$/u.exec(text.slice(0, caret));
  return match ? { start: caret - match[1].length - 1, query: match[1] } : null;
}

/**
 * Members whose name, or a word of it, starts with the query (ignoring case), the user excluded; `@here` first when
 * the user may use it (owner, moderator: the room refuses it from others).
 */
export function suggestMentions(members, query, { meId, canHere }) {
  const q = query.toLocaleLowerCase();
  const found = [];
  if (canHere && 'here'.startsWith(q)) found.push({ id: 'here', name: 'here', note: 'everyone online here' });
  for (const member of members) {
    if (member.userId === meId) continue;
    const name = member.name.toLocaleLowerCase();
    if (name.startsWith(q) || name.split(/\s+/).some(word => word.startsWith(q))) found.push({ id: member.userId, name: member.name, note: '' });
  }
  return found.slice(0, MAX_SUGGESTIONS);
}

/**
 * Typing `@` in the composer opens a list of the room's members (an ARIA listbox the textarea points at with
 * aria-activedescendant): ↑/↓ choose, Enter or Tab inserts "@Name ", Escape closes. Its keydown listener runs in the
 * capture phase of the form, so Enter picks a name instead of sending while the list is open.
 */
export class MentionComplete {
  #textarea;
  #list;
  #source;
  #items = [];
  #active = 0;
  #query = null;

  /** @param source { members() → MemberInfo[], meId() , canHere() → bool } */
  constructor(form, textarea, list, source) {
    this.#textarea = textarea;
    this.#list = list;
    this.#source = source;
    textarea.setAttribute('aria-autocomplete', 'list');
    textarea.setAttribute('aria-controls', list.id);
    textarea.addEventListener('input', () => this.#update());
    textarea.addEventListener('click', () => this.#update());
    textarea.addEventListener('blur', () => this.close());
    form.addEventListener('keydown', event => this.#key(event), { capture: true });
    // mousedown, not click: the textarea keeps its focus (and caret).
    list.addEventListener('mousedown', event => {
      const option = event.target.closest('[role="option"]');
      if (!option) return;
      event.preventDefault();
      this.#choose(Number(option.dataset.index));
    });
  }

  get open() {
    return !this.#list.hidden;
  }

  close() {
    this.#list.hidden = true;
    this.#items = [];
    this.#textarea.removeAttribute('aria-activedescendant');
  }

  #update() {
    const textarea = this.#textarea;
    this.#query = textarea.selectionStart === textarea.selectionEnd ? mentionQuery(textarea.value, textarea.selectionStart) : null;
    if (!this.#query) {
      this.close();
      return;
    }
    this.#items = suggestMentions(this.#source.members(), this.#query.query, { meId: this.#source.meId(), canHere: this.#source.canHere() });
    if (this.#items.length === 0) {
      this.close();
      return;
    }
    this.#active = Math.min(this.#active, this.#items.length - 1);
    this.#render();
  }

  #render() {
    this.#list.replaceChildren(...this.#items.map((item, index) => el('li', {
      id: `mention-option-${index}`, role: 'option', class: 'mention-option', 'aria-selected': String(index === this.#active),
      dataset: { index },
    }, `@${item.name}`, item.note && el('span', { class: 'muted small-text' }, ` ${item.note}`))));
    this.#list.hidden = false;
    this.#textarea.setAttribute('aria-activedescendant', `mention-option-${this.#active}`);
  }

  #key(event) {
    if (!this.open || event.target !== this.#textarea || event.isComposing) return;
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step) {
      this.#active = (this.#active + step + this.#items.length) % this.#items.length;
      this.#render();
    } else if ((event.key === 'Enter' && !event.shiftKey) || event.key === 'Tab') {
      this.#choose(this.#active);
    } else if (event.key === 'Escape') {
      this.close();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  }

  #choose(index) {
    const item = this.#items[index];
    if (!item || !this.#query) return;
    const textarea = this.#textarea;
    const end = textarea.selectionStart;
    const inserted = `@${item.name} `;
    textarea.value = textarea.value.slice(0, this.#query.start) + inserted + textarea.value.slice(end);
    const caret = this.#query.start + inserted.length;
    textarea.setSelectionRange(caret, caret);
    this.close();
    textarea.dispatchEvent(new Event('input', { bubbles: true })); // the draft and the height follow
  }
}
