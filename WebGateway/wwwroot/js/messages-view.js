import { el, formatDateTime, formatTime } from './dom.js';

const NEAR_TOP_PX = 120;
const NEAR_BOTTOM_PX = 120;
// Consecutive messages of one author within this window are drawn as one group.
const GROUP_WINDOW_MS = 5 * 60 * 1000;

const STATUS_TEXT = {
  sending: 'sending…',
  sent: 'sending…', // acknowledged; the bubble stays until the room shows the message
  waiting: 'waiting for connection…',
  failed: 'not sent',
};

function statusText(item) {
  const text = STATUS_TEXT[item.status] ?? '';
  return item.status === 'failed' && item.error ? `${text}: ${item.error}` : text;
}

/**
 * The message pane (#messages, role="log"): confirmed messages in seq order, then this tab's pending
 * bubbles. It is also the scroll container; reaching its top asks for older history.
 */
export class MessagesView {
  #list;
  #status; // first child: "loading older…" / "start of the room"
  #roomId = null;
  #meId = null;
  #handlers;

  /** @param handlers { nearTop(), retry(clientMsgId), discard(clientMsgId) } */
  constructor(list, handlers) {
    this.#list = list;
    this.#handlers = handlers;
    this.#status = el('div', { class: 'history-status', 'aria-hidden': 'true' });
    list.addEventListener('scroll', () => this.#checkNearTop(), { passive: true });
  }

  set meId(value) {
    this.#meId = value;
  }

  /** Renders a room from scratch (room switch or its first load). */
  show(room, pending) {
    this.#roomId = room.id;
    this.#busy(() => {
      this.#list.replaceChildren(
        this.#status,
        ...room.events.filter(isMessage).map(event => this.#messageNode(event)),
        ...pending.map(item => this.#pendingNode(item)),
      );
      for (const node of this.#list.querySelectorAll('.message')) groupWithPrevious(node);
    });
    this.showHistoryState(room);
    this.scrollToBottom();
    this.#checkNearTop();
  }

  /** New events at the bottom, above the pending bubbles. Follows them if the reader was at the bottom. */
  append(room, events) {
    if (room.id !== this.#roomId) return;
    const follow = this.#nearBottom() || events.some(event => event.authorId === this.#meId);
    const firstPending = this.#list.querySelector('.message.pending');
    for (const event of events.filter(isMessage)) {
      const node = this.#messageNode(event);
      this.#list.insertBefore(node, firstPending);
      groupWithPrevious(node);
    }
    if (firstPending) groupWithPrevious(firstPending);
    if (follow) this.scrollToBottom();
  }

  /** Older events at the top, keeping what the reader looks at in place. */
  prepend(room, events) {
    if (room.id !== this.#roomId) return;
    const fromBottom = this.#list.scrollHeight - this.#list.scrollTop;
    const oldFirst = this.#status.nextElementSibling;
    this.#busy(() => {
      const nodes = events.filter(isMessage).map(event => this.#messageNode(event));
      this.#status.after(...nodes);
      for (const node of nodes) groupWithPrevious(node);
      if (oldFirst) groupWithPrevious(oldFirst);
    });
    this.#list.scrollTop = this.#list.scrollHeight - fromBottom;
    this.#checkNearTop();
  }

  showHistoryState(room) {
    if (room.id !== this.#roomId) return;
    const name = room.summary?.name ?? room.id;
    this.#status.textContent = !room.loaded || room.loadingHistory
      ? 'Loading messages…'
      : room.historyComplete ? `This is the start of #${name}.` : '';
  }

  /** Adds or updates the bubble of a message this tab is sending. */
  upsertPending(item) {
    if (item.roomId !== this.#roomId) return;
    const existing = this.#findPending(item.id);
    const node = this.#pendingNode(item);
    if (existing) {
      existing.replaceWith(node);
    } else {
      this.#list.append(node);
      this.scrollToBottom();
    }
    groupWithPrevious(node);
  }

  removePending(item) {
    const node = this.#findPending(item.id);
    if (!node) return;
    const next = node.nextElementSibling;
    node.remove();
    if (next) groupWithPrevious(next);
  }

  scrollToBottom() {
    this.#list.scrollTop = this.#list.scrollHeight;
  }

  #findPending(id) {
    return [...this.#list.querySelectorAll('.message.pending')].find(node => node.dataset.clientMsgId === id);
  }

  #messageNode(event) {
    return el('div', {
      class: event.authorId === this.#meId ? 'message mine' : 'message',
      dataset: { seq: event.seq, authorId: event.authorId, clientMsgId: event.clientMsgId ?? '', at: event.at },
    },
    el('div', { class: 'meta' },
      el('span', { class: 'author' }, event.authorName),
      ' ',
      el('time', { datetime: event.at, title: formatDateTime(event.at) }, formatTime(event.at))),
    el('div', { class: 'text' }, event.text ?? ''));
  }

  #pendingNode(item) {
    const canRetry = item.status === 'waiting' || item.status === 'failed';
    return el('div', {
      class: `message mine pending ${item.status}`,
      dataset: { authorId: this.#meId ?? '', clientMsgId: item.id, at: item.at, status: item.status },
    },
    el('div', { class: 'meta' },
      el('span', { class: 'author' }, item.authorName),
      ' ',
      el('span', { class: 'status' }, statusText(item)),
      canRetry && el('button', { type: 'button', class: 'link-button retry', onclick: () => this.#handlers.retry(item.id) }, 'Retry'),
      item.status === 'failed' && el('button', {
        type: 'button', class: 'link-button discard', 'aria-label': 'Discard this message',
        onclick: () => this.#handlers.discard(item.id),
      }, 'Discard')),
    el('div', { class: 'text' }, item.text));
  }

  #nearBottom() {
    const list = this.#list;
    return list.scrollHeight - list.scrollTop - list.clientHeight < NEAR_BOTTOM_PX;
  }

  // Also true when the messages don't fill the pane yet: there is no scrolling to trigger it then.
  #checkNearTop() {
    if (this.#roomId !== null && this.#list.scrollTop < NEAR_TOP_PX) this.#handlers.nearTop();
  }

  // aria-busy keeps screen readers from announcing a whole re-rendered log as new messages.
  #busy(render) {
    this.#list.setAttribute('aria-busy', 'true');
    render();
    requestAnimationFrame(() => this.#list.removeAttribute('aria-busy'));
  }
}

function isMessage(event) {
  return event.kind === 'message';
}

/** Marks a message as the continuation of the previous one (same author, shortly after): its author is hidden. */
function groupWithPrevious(node) {
  if (!node.classList.contains('message')) return;
  const previous = node.previousElementSibling;
  const continued = previous?.classList.contains('message')
    && previous.dataset.authorId === node.dataset.authorId
    && Date.parse(node.dataset.at) - Date.parse(previous.dataset.at) < GROUP_WINDOW_MS;
  node.classList.toggle('continued', Boolean(continued));
}
