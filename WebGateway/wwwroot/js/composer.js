import { loadDraft, saveDraft } from './drafts.js';

export const MAX_MESSAGE_LENGTH = 4000; // protocol §2: Send refuses longer text
const COUNTER_FROM = 0.875; // the counter shows from this share of the limit on (3,500 of 4,000)

/** "3,612 / 4,000" near the limit, '' below it. */
export function counterText(length, max = MAX_MESSAGE_LENGTH) {
  if (length < max * COUNTER_FROM) return '';
  const format = n => n.toLocaleString('en-US');
  return `${format(length)} / ${format(max)}`;
}

/** What is sent of the text typed: blank lines before it and trailing spaces dropped, indentation kept. */
export function messageBody(text) {
  return text.replace(/^\s*\n/, '').trimEnd();
}

/** Why a text over the limit is not sent (the composer keeps it), or '' when it fits. */
export function tooLongText(length, max = MAX_MESSAGE_LENGTH) {
  if (length <= max) return '';
  const format = n => n.toLocaleString('en-US');
  return `A message can be at most ${format(max)} characters (this one has ${format(length)}). Nothing was sent.`;
}

/** The reply bar's "Replying to <author>: <first line>", the line cut at 80 characters. */
export function replyText(author, target) {
  const line = target.deleted ? 'message deleted' : ((target.text ?? '').split('\n').find(l => l.trim() !== '') ?? '');
  return `Replying to ${author}: ${line.length > 80 ? `${line.slice(0, 79)}…` : line}`;
}

/**
 * The message composer: Enter sends, Shift+Enter adds a line, the textarea grows with its text. Each room has its own
 * draft (kept across room switches and reloads, never carried into another room); near the length limit a counter
 * shows, and a text over it is refused with the reason rather than cut (the textarea has no maxlength).
 */
export class Composer {
  #textarea;
  #counter;
  #onSend;
  #roomId = null;

  /** @param onSend (text) => boolean — false keeps the text (nothing was sent). */
  constructor(form, textarea, counter, onSend) {
    this.#textarea = textarea;
    this.#counter = counter;
    this.#onSend = onSend;
    form.addEventListener('submit', event => {
      event.preventDefault();
      this.#submit();
      textarea.focus();
    });
    textarea.addEventListener('keydown', event => {
      // isComposing: Enter that confirms an IME candidate (Japanese, Chinese, …) must not send.
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.#submit();
      }
    });
    textarea.addEventListener('input', () => {
      this.#changed();
      if (this.#roomId !== null) saveDraft(this.#roomId, textarea.value);
    });
  }

  /** The room shown now: the text typed for the previous one stays its draft; this room's draft comes back. */
  switchTo(roomId) {
    if (roomId === this.#roomId) return;
    if (this.#roomId !== null) saveDraft(this.#roomId, this.#textarea.value);
    this.#roomId = roomId;
    this.#textarea.value = loadDraft(roomId);
    this.#changed();
  }

  #submit() {
    const text = this.#textarea.value;
    if (text.trim() === '') return;
    if (this.#onSend(text) !== false) {
      this.#textarea.value = '';
      if (this.#roomId !== null) saveDraft(this.#roomId, '');
      this.#changed();
    }
  }

  #changed() {
    const textarea = this.#textarea;
    textarea.style.height = 'auto';
    textarea.style.height = `${textarea.scrollHeight}px`; // CSS max-height caps it, then it scrolls
    const length = textarea.value.length;
    this.#counter.textContent = counterText(length);
    this.#counter.hidden = this.#counter.textContent === '';
    this.#counter.classList.toggle('over', length > MAX_MESSAGE_LENGTH);
  }
}
