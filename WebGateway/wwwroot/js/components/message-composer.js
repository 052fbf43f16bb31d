import { Composer, messageBody, replyText, tooLongText } from '../composer.js';
import { MentionComplete } from '../mention-complete.js';
import { composerLabel } from '../room-bar.js';
import { typingText } from '../typing.js';
import { showToast } from '../ui.js';
import { Uploads } from '../uploads-view.js';
import { tell } from './intent.js';

/**
 * <chat-composer>: everything below the timeline, which it owns: who is typing in the open room (#typing), the uploads
 * in progress (#uploads), and the form (#composer-form) — the text box with its per-room draft and length counter
 * (composer.js), the `@` completion (#mention-list, mention-complete.js), the reply bar (#reply-bar) while the message
 * answers another, and the attach button (uploads-view.js; files dropped on the chat pane or pasted go there too).
 * It follows the chat (`room-shown`, `room-changed`) and the typing indicator (`changed`).
 *
 * Tells the page with DOM events that bubble (js/components/intent.js): `send-message` { roomId, text, replyTo }
 * (the text checked against the length limit, replyTo the seq answered or null), `typing` { roomId } (a key typed in a
 * non-empty box), and `edit-last` (↑ in an empty box: edit the user's newest message).
 */
export class MessageComposer extends HTMLElement {
  #chat = null;
  #composer = null;
  #mentions = null;
  #replyTo = null; // { roomId, seq } while the message answers another
  #offs = [];
  #wired = false; // the DOM listeners, added once

  /** @param deps { typing — a TypingIndicator, token() — the identity token for uploads } */
  connect(chat, { typing, token }) {
    this.#chat = chat;
    this.#unsubscribe();
    if (!this.#wired) this.#wire(token);
    this.#offs = [
      chat.on('room-shown', ({ room }) => {
        this.#composer.switchTo(room.id);
        this.#label(room);
        this.#showReply();
        this.#showTyping(typing);
      }),
      chat.on('room-changed', ({ room }) => this.#label(room)),
      typing.on('changed', ({ roomId }) => {
        if (roomId === chat.currentId) this.#showTyping(typing);
      }),
    ];
  }

  /** The DOM listeners of the parts, added once; they read the chat connected last. */
  #wire(token) {
    this.#wired = true;
    const chat = () => this.#chat;
    const form = this.#part('composer-form');
    const textarea = this.#textarea;
    this.#composer = new Composer(form, textarea, this.#part('composer-counter'), text => this.#send(text));
    this.#mentions = new MentionComplete(form, textarea, this.#part('mention-list'), {
      members: () => [...(chat().current?.members.values() ?? [])],
      meId: () => chat().me?.userId,
      canHere: () => !chat().current?.isConversation && ['owner', 'moderator'].includes(chat().current?.role),
    });
    new Uploads({
      list: this.#part('uploads'), button: this.#part('attach'), input: this.#part('attach-input'),
      dropZone: this.closest('.chat') ?? this, textarea,
    }, () => chat().current?.id ?? null, token);
    textarea.addEventListener('keydown', event => this.#key(event));
    textarea.addEventListener('input', () => {
      if (textarea.value.trim() !== '') tell(this, 'typing', { roomId: chat().currentId });
    });
    this.#part('reply-cancel').addEventListener('click', () => this.cancelReply());
  }

  disconnectedCallback() {
    this.#unsubscribe();
  }

  focus() {
    this.#textarea.focus();
  }

  /** The next message answers this one (of the open room); the reply bar says so. */
  replyTo(message) {
    this.#replyTo = { roomId: this.#chat.currentId, seq: message.seq };
    this.#showReply();
    this.focus();
  }

  cancelReply(focus = true) {
    this.#replyTo = null;
    this.#showReply();
    if (focus) this.focus();
  }

  get #textarea() {
    return this.#part('composer');
  }

  #part(id) {
    return this.querySelector(`#${id}`);
  }

  #key(event) {
    if (event.defaultPrevented || event.isComposing || this.#mentions.open) return;
    if (event.key === 'ArrowUp' && this.#textarea.value === '') {
      const asked = new CustomEvent('edit-last', { bubbles: true, cancelable: true });
      // The page cancels the event when it started an edit: then ↑ does not also move the caret.
      if (!this.dispatchEvent(asked)) event.preventDefault();
    } else if (event.key === 'Escape' && !this.#part('reply-bar').hidden) {
      event.stopPropagation();
      this.cancelReply();
    }
  }

  /** @returns false when nothing was sent (the text stays in the box) */
  #send(text) {
    const room = this.#chat.current;
    if (!room) return false;
    const body = messageBody(text);
    const refusal = tooLongText(body.length);
    if (refusal) {
      showToast(refusal);
      return false;
    }
    const replyTo = this.#replyTo?.roomId === room.id ? this.#replyTo.seq : null;
    tell(this, 'send-message', { roomId: room.id, text: body, replyTo });
    if (replyTo !== null) this.cancelReply(false);
    return true;
  }

  /** "Replying to <author>: <first line>" above the box, in the room the reply belongs to. */
  #showReply() {
    const room = this.#chat.current;
    const target = this.#replyTo && this.#replyTo.roomId === room?.id ? room.message(this.#replyTo.seq) : null;
    this.#part('reply-bar').hidden = !target;
    if (!target) return;
    this.#part('reply-text').textContent = replyText(room.members.get(target.authorId)?.name ?? target.authorName, target);
  }

  #label(room) {
    const label = composerLabel(room, this.#chat.roomName(room.id));
    this.#textarea.placeholder = label;
    this.#textarea.setAttribute('aria-label', label);
  }

  #showTyping(typing) {
    const node = this.#part('typing');
    const text = this.#chat.currentId ? typingText(typing.names(this.#chat.currentId)) : '';
    if (node.textContent !== text) node.textContent = text;
  }

  #unsubscribe() {
    for (const off of this.#offs) off();
    this.#offs = [];
  }
}

customElements.define('chat-composer', MessageComposer);
