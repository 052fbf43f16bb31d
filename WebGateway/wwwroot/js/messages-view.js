import { avatar, renameAvatar } from './avatar.js';
import { isForMe } from './attention.js';
import { collapseBlocked } from './blocked-messages.js';
import { el, formatDateTime } from './dom.js';
import { formatMessage, mentionHighlighter } from './format.js';
import { dayKey, dayLabel, relativeTime } from './when.js';

const NEAR_TOP_PX = 120;
const NEAR_BOTTOM_PX = 120;
// Consecutive messages of one author within this window are drawn as one group.
const GROUP_WINDOW_MS = 5 * 60 * 1000;
// "just now" becomes "1 min", "Today" becomes "Yesterday": relabel times that often.
const RELABEL_MS = 30 * 1000;

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
 * bubbles, with a separator at each new day. It is also the scroll container; reaching its top asks for
 * older history.
 */
export class MessagesView {
  #list;
  #status; // first child: "loading older…" / "start of the room"
  #roomId = null;
  #meId = null;
  #meName = '';
  #blocked = new Set();
  #members = new Map(); // userId → MemberInfo of the room shown: authors are shown by their current names
  #mentionsIn = mentionHighlighter([], ''); // highlights the mentions of the room's members (format.js)
  #handlers;
  #atBottom = true;

  /** @param handlers { nearTop(), retry(clientMsgId), discard(clientMsgId) } */
  constructor(list, handlers) {
    this.#list = list;
    this.#handlers = handlers;
    this.#status = el('div', { class: 'history-status', 'aria-hidden': 'true' });
    list.addEventListener('scroll', () => {
      this.#atBottom = this.#nearBottom();
      this.#checkNearTop();
    }, { passive: true });
    // The pane shrinks when the on-screen keyboard opens (or the window gets smaller): keep the newest message in view.
    new ResizeObserver(() => {
      if (this.#atBottom) this.scrollToBottom();
    }).observe(list);
    setInterval(() => this.#relabel(), RELABEL_MS);
  }

  set meId(value) {
    this.#meId = value;
  }

  /** Messages of these user ids are shown collapsed; call show() again to apply a change to what is on screen. */
  set blocked(value) {
    this.#blocked = value ?? new Set();
  }

  /** Messages naming this user are highlighted. */
  set meName(value) {
    this.#meName = value ?? '';
  }

  /** Renders a room from scratch (room switch or its first load). */
  show(room, pending) {
    this.#roomId = room.id;
    this.membersChanged(room);
    this.#busy(() => {
      this.#list.replaceChildren(
        this.#status,
        ...room.events.filter(isMessage).map(event => this.#messageNode(event)),
        ...pending.map(item => this.#pendingNode(item)),
      );
      for (const node of this.#list.querySelectorAll('.message')) decorate(node);
    });
    this.showHistoryState(room);
    this.scrollToBottom();
    this.#checkNearTop();
  }

  /** The room's members changed: authors' names, and the names new messages highlight as mentions. */
  membersChanged(room) {
    if (room.id !== this.#roomId) return;
    this.#members = room.members;
    this.#mentionsIn = mentionHighlighter([...room.members.values()].map(member => member.name), this.#meName);
  }

  /** New events at the bottom, above the pending bubbles. Follows them if the reader was at the bottom. */
  append(room, events) {
    if (room.id !== this.#roomId) return;
    const follow = this.#nearBottom() || events.some(event => event.authorId === this.#meId);
    const firstPending = this.#list.querySelector('.message.pending');
    for (const event of events.filter(isMessage)) {
      const node = this.#messageNode(event);
      this.#list.insertBefore(node, firstPending);
      decorate(node);
    }
    if (firstPending) decorate(firstPending);
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
      for (const node of nodes) decorate(node);
      if (oldFirst?.classList.contains('day-separator')) decorate(oldFirst.nextElementSibling);
      else if (oldFirst) decorate(oldFirst);
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
    decorate(node);
  }

  removePending(item) {
    const node = this.#findPending(item.id);
    if (!node) return;
    const previous = node.previousElementSibling;
    const next = node.nextElementSibling;
    node.remove();
    // A separator that only introduced this bubble goes with it.
    if (previous?.classList.contains('day-separator') && !next) previous.remove();
    if (next) decorate(next);
  }

  scrollToBottom() {
    this.#list.scrollTop = this.#list.scrollHeight;
    this.#atBottom = true;
  }

  /** A member of the room shown was renamed: their messages, earlier ones included, show the new name. */
  renameAuthor(roomId, userId, name) {
    if (roomId !== this.#roomId) return;
    for (const node of this.#list.querySelectorAll('.message[data-author-id]')) {
      const author = node.dataset.authorId === userId ? node.querySelector('.author') : null;
      if (!author) continue;
      author.textContent = name;
      renameAvatar(node.querySelector('.avatar'), name);
    }
  }

  #findPending(id) {
    return [...this.#list.querySelectorAll('.message.pending')].find(node => node.dataset.clientMsgId === id);
  }

  #messageNode(event) {
    const mine = event.authorId === this.#meId;
    const forMe = !mine && isForMe(event, null, { name: this.#meName });
    const classes = ['message', mine && 'mine', forMe && 'mentions-me'];
    const node = el('div', {
      class: classes.filter(Boolean).join(' '),
      dataset: { seq: event.seq, authorId: event.authorId, clientMsgId: event.clientMsgId ?? '', at: event.at },
    },
    el('div', { class: 'meta' },
      avatar(event.authorId, this.#members.get(event.authorId)?.name ?? event.authorName),
      el('span', { class: 'author' }, this.#members.get(event.authorId)?.name ?? event.authorName),
      ' ',
      el('time', { datetime: event.at, title: formatDateTime(event.at) }, relativeTime(event.at))),
    el('div', { class: 'text', dir: 'auto' }, formatMessage(event.text ?? '', this.#mentionsIn)));
    return this.#blocked.has(event.authorId) ? collapseBlocked(node) : node;
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
    el('div', { class: 'text' }, formatMessage(item.text)));
  }

  #relabel() {
    const now = Date.now();
    for (const time of this.#list.querySelectorAll('.message time[datetime]')) {
      const label = relativeTime(time.dateTime, now);
      if (time.textContent !== label) time.textContent = label;
    }
    for (const separator of this.#list.querySelectorAll('.day-separator')) {
      const label = dayLabel(separator.dataset.at);
      if (separator.textContent !== label) separator.firstChild.textContent = label;
    }
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

/**
 * Fits a message to the one before it: a day separator in between when the day changes, else it may continue
 * the previous message's group (same author, shortly after), which hides its author line.
 */
function decorate(node) {
  if (!node?.classList.contains('message')) return;
  let previous = node.previousElementSibling;
  while (previous?.classList.contains('day-separator')) {
    const before = previous.previousElementSibling;
    previous.remove(); // re-added below if still needed: what precedes this message may have changed
    previous = before;
  }
  if (!previous?.classList.contains('message')) previous = null;
  const newDay = !previous || dayKey(previous.dataset.at) !== dayKey(node.dataset.at);
  if (newDay) node.before(daySeparator(node.dataset.at));
  const continued = !newDay
    && previous.dataset.authorId === node.dataset.authorId
    && Date.parse(node.dataset.at) - Date.parse(previous.dataset.at) < GROUP_WINDOW_MS;
  node.classList.toggle('continued', continued);
}

function daySeparator(at) {
  return el('div', { class: 'day-separator', dataset: { at } }, el('span', {}, dayLabel(at)));
}
