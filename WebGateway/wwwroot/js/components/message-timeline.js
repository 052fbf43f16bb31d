import { EmojiPicker } from '../emoji-picker.js';
import { describeError } from '../hub.js';
import { MessageMenu } from '../message-menu.js';
import { MessagesView } from '../messages-view.js';
import { seenPositions } from '../receipts.js';
import { showToast } from '../ui.js';
import { request, tell } from './intent.js';

/**
 * <chat-timeline>: the message pane, which it owns: the log of the open room (#messages, drawn by messages-view.js),
 * the "Jump to latest" button (#jump-latest), a message's action menu (#message-menu) and the emoji picker
 * (#emoji-picker) that reacts from it. It follows the chat — the room shown, events appended and prepended, changed
 * messages, receipts, members and profiles, history — and this tab's pending messages (the outbox's `changed` and
 * `removed`), and reads what it needs from the chat itself: older history when the room opens at a reading position
 * further up, a message a reply quotes.
 *
 * What the user asks of a message leaves it as a DOM event that bubbles (js/components/intent.js), detail in braces:
 * `reply` { message }, `react` { message, emoji, add }, `edit-message` { message, text } (answer with respondWith:
 * true when saved), `delete-message` { message }, `pin` { message, pinned }, `open-file` / `download-file`
 * { attachment }, `load-older` (the reader reached the top), `retry-send` / `discard-send` { clientMsgId }.
 */
export class MessageTimeline extends HTMLElement {
  #chat = null;
  #outbox = null;
  #view = null;
  #menu = null;
  #picker = null;
  #offs = [];

  /**
   * Starts showing this chat's open room; the markup (index.html) is the component's own from here on.
   * @param deps { outbox — its pending messages, files — a FileLoader for the thumbnails }
   */
  connect(chat, { outbox, files }) {
    this.#chat = chat;
    this.#outbox = outbox;
    this.#unsubscribe();
    this.#view ??= this.#createView(files);
    this.#menu ??= this.#createMenu();
    this.#picker ??= new EmojiPicker(this);
    const view = this.#view;
    this.#offs = [
      chat.on('me', ({ me }) => {
        view.meId = me.userId;
        view.meName = me.name;
        view.blocked = me.blocked;
      }),
      chat.on('blocked', () => {
        view.blocked = chat.me?.blocked;
        if (chat.current) this.#show(chat.current);
      }),
      chat.on('room-shown', ({ room }) => this.#show(room)),
      chat.on('room-changed', ({ room }) => view.showHistoryState(room)), // "This is the start of #…" under its new name
      chat.on('events-appended', ({ room, events }) => view.append(room, events)),
      chat.on('events-prepended', ({ room, events }) => {
        view.prepend(room, events);
        this.#showReceipts(room);
      }),
      chat.on('receipts', ({ room }) => this.#showReceipts(room)),
      chat.on('messages-changed', ({ room, messages }) => view.update(room, messages)),
      chat.on('history', ({ room }) => view.showHistoryState(room)),
      chat.on('members', ({ room }) => {
        view.membersChanged(room);
        view.showHistoryState(room); // a group's start line names its current members
      }),
      chat.on('author', ({ room, member }) => view.updateAuthor(room.id, member)),
      outbox.on('changed', ({ item }) => view.upsertPending(item)),
      outbox.on('removed', ({ item }) => view.removePending(item)),
    ];
  }

  disconnectedCallback() {
    this.#unsubscribe();
  }

  /** Shows a message of the open room, loading the history back to it first when it is not loaded. */
  async jumpTo(seq) {
    const chat = this.#chat;
    if (chat.current?.shows(seq) && this.#view.reveal(seq)) return;
    try {
      if (await chat.loadUntil(seq)) this.#view.reveal(seq);
      else showToast('That message is not in this conversation any more.', 'info');
    } catch (error) {
      showToast(describeError(error));
    }
  }

  /** Edits the user's newest message of the open room in place (↑ in an empty composer, as in Slack). */
  editLast() {
    const room = this.#chat.current;
    const meId = this.#chat.me?.userId;
    if (!room?.loaded) return false;
    for (let i = room.events.length - 1; i >= 0; i--) {
      const message = room.message(room.events[i].seq);
      if (message && message.authorId === meId && !message.deleted) return this.#view.startEdit(message);
    }
    return false;
  }

  #show(room) {
    this.#menu.close();
    this.#picker.close();
    this.#view.show(room, this.#outbox.forRoom(room.id));
    this.#showReceipts(room);
  }

  /** "Seen by …" under the newest message each other member has read (js/receipts.js). */
  #showReceipts(room) {
    const seqs = room.events.filter(event => event.kind === 'message').map(event => event.seq);
    const positions = seenPositions(seqs, room.receipts, this.#chat.me?.userId);
    const names = new Map([...positions].map(([seq, ids]) => [seq, ids.map(id => room.members.get(id)?.name ?? 'someone')]));
    this.#view.showReceipts(room, names);
  }

  #createView(files) {
    const chat = () => this.#chat;
    return new MessagesView(this.querySelector('#messages'), {
      files: {
        thumbnail: (attachment, img) => files.url(attachment.id, true).then(url => {
          img.src = url;
        }, () => {
          img.alt = `${attachment.name} (no longer available)`;
        }),
        open: attachment => tell(this, 'open-file', { attachment }),
        download: attachment => tell(this, 'download-file', { attachment }),
      },
      nearTop: () => tell(this, 'load-older'),
      retry: clientMsgId => tell(this, 'retry-send', { clientMsgId }),
      discard: clientMsgId => tell(this, 'discard-send', { clientMsgId }),
      actions: (message, button) => {
        if (chat().current) this.#menu.open(message, button, { room: chat().current, meId: chat().me?.userId });
      },
      react: (message, emoji, add) => tell(this, 'react', { message, emoji, add }),
      jump: seq => this.jumpTo(seq),
      saveEdit: async (message, text) => Boolean(await request(this, 'edit-message', { message, text })),
      quoteMissing: (room, seq) => chat().fetchQuoted(room, seq),
      loadBack: seq => chat().loadUntil(seq),
      startOf: room => (room.isConversation
        ? `This is the start of your conversation with ${chat().roomName(room.id)}.`
        : `This is the start of ${room.isPrivate ? '🔒 ' : '#'}${chat().roomName(room.id)}.`),
    }, this.querySelector('#jump-latest'));
  }

  #createMenu() {
    return new MessageMenu(this, {
      reply: message => tell(this, 'reply', { message }),
      react: (message, button) => this.#picker.open(button, emoji => {
        const mine = message.reactions?.find(r => r.emoji === emoji)?.users.includes(this.#chat.me?.userId) ?? false;
        tell(this, 'react', { message, emoji, add: !mine });
      }),
      edit: message => this.#view.startEdit(message),
      remove: message => tell(this, 'delete-message', { message }),
      pin: (message, pinned) => tell(this, 'pin', { message, pinned }),
      copy: message => copyText(message),
    });
  }

  #unsubscribe() {
    for (const off of this.#offs) off();
    this.#offs = [];
  }
}

async function copyText(message) {
  try {
    await navigator.clipboard.writeText(message.text);
    showToast('Copied the message text.', 'info');
  } catch {
    showToast('This browser did not allow copying here. Select the text and copy it instead.');
  }
}

customElements.define('chat-timeline', MessageTimeline);
