import { el } from './dom.js';
import { place } from './message-menu.js';
import { Popover } from './popover.js';

// The common reactions, with names to search by. A built-in list rather than an npm picker: the maintained ones are
// large web components with their own data downloads (or CDN fetches) and styling; reactions need a few dozen emoji.
export const EMOJI = [
  ['👍', 'thumbs up yes like +1'], ['👎', 'thumbs down no dislike -1'], ['❤️', 'red heart love'], ['😂', 'joy laughing tears'],
  ['😄', 'smile happy grin'], ['😊', 'blush smiling'], ['😉', 'wink'], ['😍', 'heart eyes love'], ['🤔', 'thinking hmm'],
  ['😮', 'open mouth surprised wow'], ['😢', 'cry sad tear'], ['😭', 'sob crying'], ['😡', 'angry rage'], ['😅', 'sweat smile relief'],
  ['🙄', 'eye roll'], ['😬', 'grimace awkward'], ['😎', 'cool sunglasses'], ['🤯', 'mind blown exploding head'], ['🥳', 'party celebrate'],
  ['😴', 'sleeping tired'], ['🤝', 'handshake deal'], ['🙏', 'pray please thanks folded hands'], ['👏', 'clap applause'],
  ['🙌', 'raised hands hooray'], ['👀', 'eyes looking'], ['💯', 'hundred perfect'], ['🔥', 'fire lit hot'], ['🎉', 'tada party popper celebrate'],
  ['✅', 'check mark done yes'], ['❌', 'cross no wrong'], ['⚠️', 'warning caution'], ['❓', 'question'], ['❗', 'exclamation'],
  ['💡', 'idea light bulb'], ['🚀', 'rocket ship launch'], ['⭐', 'star'], ['✨', 'sparkles'], ['👋', 'wave hello bye'],
  ['👌', 'ok hand'], ['✌️', 'victory peace'], ['🤞', 'fingers crossed luck'], ['💪', 'muscle strong'], ['🫡', 'salute'],
  ['🤷', 'shrug dunno'], ['🤦', 'facepalm'], ['💔', 'broken heart'], ['💙', 'blue heart'], ['💚', 'green heart'],
  ['☕', 'coffee tea hot beverage'], ['🍕', 'pizza'], ['🍺', 'beer'], ['🎂', 'birthday cake'], ['🐛', 'bug'], ['📌', 'pin pushpin'],
  ['📝', 'memo note'], ['📅', 'calendar date'], ['⏰', 'alarm clock time'], ['🔒', 'lock secure'], ['🏆', 'trophy win'], ['🎯', 'target bullseye'],
  ['➕', 'plus add'], ['➖', 'minus'], ['🆗', 'ok button'], ['🌈', 'rainbow'], ['☀️', 'sun sunny'], ['🌧️', 'rain cloud'],
];

/** The emoji whose names contain every word of `query` (all of them for an empty query). */
export function searchEmoji(query, list = EMOJI) {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter(([emoji, names]) => words.every(word => names.includes(word) || emoji === word));
}

/**
 * A small popup to react with: a search box over a grid of common emoji. Escape closes it and returns to the button
 * that opened it; Enter in the search box picks the first match.
 */
export class EmojiPicker {
  #search = el('input', { type: 'search', id: 'emoji-search', class: 'emoji-search', placeholder: 'Search emoji', autocomplete: 'off', maxlength: 40 });
  #grid = el('div', { class: 'emoji-grid', role: 'group', 'aria-label': 'Emoji' });
  #empty = el('p', { class: 'muted small-text', hidden: true }, 'No emoji found.');
  #picker = el('div', { id: 'emoji-picker', class: 'menu emoji-picker', role: 'dialog', 'aria-label': 'Add a reaction', hidden: true },
    el('label', { class: 'sr-only', for: 'emoji-search' }, 'Search emoji'), this.#search, this.#grid, this.#empty);
  #popover = new Popover(this.#picker);
  #pick = null;

  constructor(host) {
    host.append(this.#picker);
    this.#search.addEventListener('input', () => this.#render());
    this.#search.addEventListener('keydown', event => {
      if (event.key !== 'Enter') return;
      event.preventDefault();
      this.#grid.querySelector('button')?.click();
    });
    this.#grid.addEventListener('click', event => {
      const button = event.target.closest('button[data-emoji]');
      if (!button) return;
      const pick = this.#pick;
      this.#popover.close(true);
      pick?.(button.dataset.emoji);
    });
  }

  /** Opens next to `button`; `pick(emoji)` is called with the choice. */
  open(button, pick) {
    this.#pick = pick;
    this.#search.value = '';
    this.#render();
    this.#popover.open(button);
    place(this.#picker, button);
    this.#search.focus();
  }

  close() {
    this.#popover.close(false);
  }

  #render() {
    const found = searchEmoji(this.#search.value);
    // The button's text is the emoji, which screen readers name themselves; the title shows the search words.
    this.#grid.replaceChildren(...found.map(([emoji, names]) =>
      el('button', { type: 'button', class: 'emoji-choice', dataset: { emoji }, title: names }, emoji)));
    this.#empty.hidden = found.length > 0;
  }
}
