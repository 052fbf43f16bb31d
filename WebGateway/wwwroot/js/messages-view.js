import { attachmentNode } from './attachment-view.js';
import { avatar, updateAvatar } from './avatar.js';
import { isForMe } from './attention.js';
import { collapseBlocked } from './blocked-messages.js';
import { el, formatDateTime } from './dom.js';
import { formatMessage, mentionHighlighter } from './format.js';
import { JumpToLatest } from './jump-latest.js';
import { dividerSeq, loadPosition, openingPlace, savePosition } from './reading-position.js';
import { collapsedText, isCollapsible, isSystemLine, lineText } from './system-lines.js';
import { dayKey, dayLabel, relativeTime } from './when.js';

const NEAR_TOP_PX = 120;
const LONG_PRESS_MS = 500;
const HIGHLIGHT_MS = 2500;
const NEAR_BOTTOM_PX = 120;
// Consecutive messages of one author within this window are drawn as one group.
const GROUP_WINDOW_MS = 5 * 60 * 1000;
// "just now" becomes "1 min", "Today" becomes "Yesterday": relabel times that often.
const RELABEL_MS = 30 * 1000;
// The reading position is saved at most this often while the reader scrolls.
const POSITION_MS = 300;

const STATUS_TEXT = {
  sending: 'sending…',
  sent: 'sending…', // acknowledged; the bubble stays until the room shows the message
  waiting: 'waiting for connection…',
  failed: 'not sent',
  paced: 'sending slowly…', // over the rate limit: the outbox sends it again by itself, in order
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
  #room = null; // the Room shown: replies quote its messages as they are now
  #editing = null; // seq of the message being edited in place
  #seen = new Map(); // message seq → names of the members who read up to it ("Seen by …")
  #jump;
  #range = null; // what was unread when the room was opened (reading-position.js): the "New messages" line
  #placed = false; // the room is open where it should be: scrolling now moves the saved reading position
  #positionTimer = 0;
  #lines = new WeakMap(); // system line node → its event

  /**
   * @param handlers { nearTop(), retry(clientMsgId), discard(clientMsgId), actions(message, button),
   *                   react(message, emoji, add), jump(seq), saveEdit(message, text) → Promise<boolean>,
   *                   quoteMissing(room, seq) — a reply quotes a message that is not loaded,
   *                   loadBack(seq) → Promise — load older history of the room shown back to seq,
   *                   startOf(room) → the line above a room's first message,
   *                   files: { thumbnail(attachment, img), open(attachment), download(attachment) } — attachment-view.js }
   * @param jumpButton the "Jump to latest" button (jump-latest.js)
   */
  constructor(list, handlers, jumpButton) {
    this.#list = list;
    this.#handlers = handlers;
    this.#status = el('div', { class: 'history-status', 'aria-hidden': 'true' });
    this.#jump = new JumpToLatest(jumpButton, () => this.scrollToBottom());
    list.addEventListener('scroll', () => {
      this.#atBottom = this.#nearBottom();
      this.#checkNearTop();
      this.#jump.scrolled(this.#atBottom, list.scrollHeight - list.scrollTop > 2 * list.clientHeight);
      this.#notePosition();
    }, { passive: true });
    // The pane shrinks when the on-screen keyboard opens (or the window gets smaller): keep the newest message in view.
    new ResizeObserver(() => {
      if (this.#atBottom) this.scrollToBottom();
    }).observe(list);
    setInterval(() => this.#relabel(), RELABEL_MS);
    list.addEventListener('click', event => this.#click(event));
    this.#longPress(list);
  }

  #click(event) {
    const time = event.target.closest('.message time[datetime]');
    if (time) {
      showExactTime(time, !time.classList.contains('exact')); // a tap on a phone: there is no hover for the title
      return;
    }
    const node = event.target.closest('.message[data-seq]');
    const message = node && this.#room?.message(Number(node.dataset.seq));
    if (!message) return;
    const chip = event.target.closest('.reaction[data-emoji]');
    const quote = event.target.closest('.quote[data-target]');
    const actions = event.target.closest('.message-actions');
    if (chip) this.#handlers.react(message, chip.dataset.emoji, chip.getAttribute('aria-pressed') !== 'true');
    else if (quote) this.#handlers.jump(Number(quote.dataset.target));
    else if (actions) this.#handlers.actions(message, actions);
  }

  /** Phones: a long press on a message opens its action menu (there is no hover to show the button). */
  #longPress(list) {
    let timer = 0;
    let start = null;
    const cancel = () => {
      clearTimeout(timer);
      timer = 0;
    };
    list.addEventListener('pointerdown', event => {
      if (event.pointerType === 'mouse' || event.target.closest('button, a, textarea, summary')) return;
      const node = event.target.closest('.message[data-seq]');
      if (!node) return;
      start = { x: event.clientX, y: event.clientY };
      cancel();
      timer = setTimeout(() => {
        timer = 0;
        const message = this.#room?.message(Number(node.dataset.seq));
        const button = node.querySelector('.message-actions');
        if (message && button && !message.deleted) this.#handlers.actions(message, button);
      }, LONG_PRESS_MS);
    });
    list.addEventListener('pointermove', event => {
      if (timer && start && Math.hypot(event.clientX - start.x, event.clientY - start.y) > 10) cancel();
    });
    for (const type of ['pointerup', 'pointercancel', 'scroll']) list.addEventListener(type, cancel, { passive: true });
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
    this.#room = room;
    this.#editing = null;
    this.#seen = new Map();
    room.takeChanged(); // drawn as they are now
    this.membersChanged(room);
    this.#busy(() => {
      this.#list.replaceChildren(
        this.#status,
        ...room.events.filter(isShown).map(event => this.#eventNode(event)),
        ...pending.map(item => this.#pendingNode(item)),
      );
      for (const node of this.#list.querySelectorAll('.message, .system-line')) decorate(node);
      this.#collapseLines();
    });
    this.#jump.reset();
    this.#range = room.unreadAtOpen;
    this.#placeDivider();
    this.showHistoryState(room);
    this.#openAt(room);
    this.#checkNearTop();
  }

  /**
   * Scrolls a room just shown to where the reader should be (reading-position.js: the "New messages" line, the
   * saved reading position, or the newest messages), loading older history first when that place is not loaded.
   */
  #openAt(room) {
    this.#placed = false;
    if (!room.loaded) return this.scrollToBottom();
    const place = openingPlace(room.events.filter(isMessage), this.#range, this.#meId, loadPosition(room.id), room.oldestSeq ?? 1);
    if (place.loadBack === undefined) {
      if (!this.#scrollToMessage(place.divider ?? place.position)) this.scrollToBottom();
      this.#placed = true;
      return;
    }
    this.scrollToBottom();
    this.#handlers.loadBack(place.loadBack).catch(() => {}).finally(() => {
      if (this.#room !== room) return;
      this.#placeDivider();
      const target = place.position ?? dividerSeq(room.events.filter(isMessage), this.#range, this.#meId);
      if (!this.#scrollToMessage(target)) this.scrollToBottom();
      this.#placed = true;
    });
  }

  /** Scrolls message `seq` (with the "New messages" line above it, if any) to the top of the pane. */
  #scrollToMessage(seq) {
    const node = seq == null ? null : this.#node(seq);
    if (!node) return false;
    const above = node.previousElementSibling;
    const anchor = above?.classList.contains('unread-divider') ? above : node;
    this.#list.scrollTop += anchor.getBoundingClientRect().top - this.#list.getBoundingClientRect().top - 8;
    this.#atBottom = this.#nearBottom();
    this.#jump.scrolled(this.#atBottom, true);
    return true;
  }

  /** The "New messages" line above the first message of others that was unread when the room was opened. */
  #placeDivider() {
    const old = this.#list.querySelector('.unread-divider');
    if (old) {
      const next = old.nextElementSibling;
      old.remove();
      decorate(next);
    }
    const seq = this.#room ? dividerSeq(this.#room.events.filter(isMessage), this.#range, this.#meId) : null;
    const node = seq === null ? null : this.#node(seq);
    if (!node) return;
    node.before(el('div', { class: 'unread-divider', role: 'separator', 'aria-label': 'New messages' }, el('span', {}, 'New messages')));
    decorate(node);
  }

  /** Remembers (throttled) which message the reader looks at, or that they are at the newest (reading-position.js). */
  #notePosition() {
    if (this.#positionTimer || !this.#placed) return;
    this.#positionTimer = setTimeout(() => {
      this.#positionTimer = 0;
      if (this.#placed && this.#roomId !== null) savePosition(this.#roomId, this.#atBottom ? null : this.#topSeq());
    }, POSITION_MS);
  }

  /** The seq of the first message whose bottom is inside the pane. */
  #topSeq() {
    const top = this.#list.getBoundingClientRect().top;
    for (const node of this.#list.querySelectorAll('.message[data-seq]')) {
      if (node.getBoundingClientRect().bottom > top + 4) return Number(node.dataset.seq);
    }
    return null;
  }

  /** The room's members changed: authors' names, and the names new messages highlight as mentions. */
  membersChanged(room) {
    if (room.id !== this.#roomId) return;
    this.#members = room.members;
    this.#mentionsIn = mentionHighlighter([...room.members.values()].map(member => member.name), this.#meName);
    this.#collapseLines(); // lines name members by their current names
  }

  /** New events at the bottom, above the pending bubbles. Follows them if the reader was at the bottom. */
  append(room, events) {
    if (room.id !== this.#roomId) return;
    const follow = this.#nearBottom() || events.some(event => event.authorId === this.#meId);
    const firstPending = this.#list.querySelector('.message.pending');
    for (const event of events.filter(isShown)) {
      const node = this.#eventNode(event);
      this.#list.insertBefore(node, firstPending);
      decorate(node);
    }
    if (firstPending) decorate(firstPending);
    if (events.some(isSystemLine)) this.#collapseLines();
    this.update(room, room.takeChanged());
    if (follow) this.scrollToBottom();
    else this.#jump.arrived(events.filter(event => isMessage(event) && event.authorId !== this.#meId).length);
  }

  /** Messages changed (edit, delete, reactions, pin, receipts): redraw them, and the quotes of them in replies. */
  update(room, messages) {
    if (room.id !== this.#roomId) return;
    for (const message of messages) {
      this.#redraw(this.#node(message.seq));
      for (const quote of this.#list.querySelectorAll(`.quote[data-target="${message.seq}"]`)) {
        this.#redraw(quote.closest('.message[data-seq]'));
      }
    }
  }

  /** "Seen by …": names by message seq (js/receipts.js); replaces the marks shown. */
  showReceipts(room, seen) {
    if (room.id !== this.#roomId) return;
    this.#seen = seen;
    for (const mark of this.#list.querySelectorAll('.seen-by')) mark.remove();
    for (const [seq, names] of seen) {
      const node = this.#node(seq);
      const mark = node && this.#seenBy({ seq });
      if (!mark) continue;
      const actions = node.querySelector(':scope > .message-actions');
      if (actions) actions.before(mark);
      else node.append(mark);
    }
  }

  #node(seq) {
    return this.#list.querySelector(`.message[data-seq="${seq}"]`);
  }

  #redraw(node) {
    if (!node || Number(node.dataset.seq) === this.#editing) return;
    const message = this.#room?.message(Number(node.dataset.seq));
    if (!message) return;
    const focused = node.contains(document.activeElement) ? focusKey(document.activeElement) : null;
    const fresh = this.#messageNode(message);
    fresh.classList.toggle('continued', node.classList.contains('continued'));
    if (node.classList.contains('highlight')) fresh.classList.add('highlight');
    const open = node.querySelector('details[open]');
    node.replaceWith(fresh);
    if (open) fresh.querySelector('details')?.setAttribute('open', '');
    if (focused) fresh.querySelector(focused)?.focus();
  }

  /** Scrolls to a message and highlights it for a moment; false when it is not loaded. */
  reveal(seq) {
    const node = this.#node(seq);
    if (!node) return false;
    node.scrollIntoView({ block: 'center' });
    this.#atBottom = this.#nearBottom();
    for (const other of this.#list.querySelectorAll('.message.highlight')) other.classList.remove('highlight');
    node.classList.add('highlight');
    setTimeout(() => node.classList.remove('highlight'), HIGHLIGHT_MS);
    node.querySelector('.message-actions')?.focus({ preventScroll: true });
    return true;
  }

  /** Edits a message of the user in place: Enter saves, Escape cancels (Shift+Enter adds a line). */
  startEdit(message) {
    const node = this.#node(message.seq);
    if (!node || message.deleted) return false;
    if (this.#editing !== null) this.#stopEdit();
    this.#editing = message.seq;
    node.classList.add('editing');
    const input = el('textarea', { class: 'edit-input', 'aria-label': 'Edit your message', dir: 'auto', rows: 1 });
    input.value = message.text ?? '';
    const hint = el('p', { class: 'edit-hint muted small-text' }, 'Enter to save · Escape to cancel');
    const form = el('div', { class: 'edit-form' }, input, hint);
    const save = async () => {
      const text = input.value.replace(/^\s*\n/, '').trimEnd();
      if (text === (message.text ?? '') || text.trim() === '') return this.#stopEdit(true);
      input.disabled = true;
      const saved = await this.#handlers.saveEdit(message, text);
      if (saved) this.#stopEdit(true);
      else {
        input.disabled = false;
        input.focus();
      }
    };
    input.addEventListener('keydown', event => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        this.#stopEdit(true);
      } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        save();
      }
    });
    input.addEventListener('input', () => grow(input));
    // A file shared without words has no text yet: the edit adds one above the file.
    const text = node.querySelector('.text');
    if (text) text.replaceWith(form);
    else node.querySelector('.file-image, .file-card').before(form);
    grow(input);
    input.focus();
    input.setSelectionRange(input.value.length, input.value.length);
    input.scrollIntoView({ block: 'nearest' });
    return true;
  }

  #stopEdit(focusComposer = false) {
    const seq = this.#editing;
    this.#editing = null;
    this.#redraw(this.#node(seq));
    if (focusComposer) document.getElementById('composer')?.focus();
  }

  /** Older events at the top, keeping what the reader looks at in place. */
  prepend(room, events) {
    if (room.id !== this.#roomId) return;
    const fromBottom = this.#list.scrollHeight - this.#list.scrollTop;
    const oldFirst = this.#status.nextElementSibling;
    this.#busy(() => {
      const nodes = events.filter(isShown).map(event => this.#eventNode(event));
      this.#status.after(...nodes);
      for (const node of nodes) decorate(node);
      if (oldFirst?.classList.contains('day-separator')) decorate(oldFirst.nextElementSibling);
      else if (oldFirst) decorate(oldFirst);
      if (events.some(isSystemLine)) this.#collapseLines();
    });
    if (this.#range && !this.#list.querySelector('.unread-divider')) this.#placeDivider();
    this.#list.scrollTop = this.#list.scrollHeight - fromBottom;
    this.#checkNearTop();
  }

  showHistoryState(room) {
    if (room.id !== this.#roomId) return;
    this.#status.textContent = !room.loaded || room.loadingHistory
      ? 'Loading messages…'
      : room.historyComplete ? this.#handlers.startOf(room) : '';
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
    this.#jump.scrolled(true, false);
  }

  /** A member of the room shown changed name or picture: their messages, earlier ones included, show the new ones. */
  updateAuthor(roomId, { userId, name, avatar: version }) {
    if (roomId !== this.#roomId) return;
    for (const node of this.#list.querySelectorAll('.message[data-author-id]')) {
      const author = node.dataset.authorId === userId ? node.querySelector('.author') : null;
      if (!author) continue;
      author.textContent = name;
      updateAvatar(node.querySelector('.avatar'), name, version);
    }
  }

  #findPending(id) {
    return [...this.#list.querySelectorAll('.message.pending')].find(node => node.dataset.clientMsgId === id);
  }

  #eventNode(event) {
    return isSystemLine(event) ? this.#lineNode(event) : this.#messageNode(event);
  }

  /** A system line: quiet, centered, one text node; no author group, avatar or menu. Its text is set by #collapseLines. */
  #lineNode(event) {
    const node = el('div', {
      class: 'system-line',
      dataset: isCollapsible(event) ? { seq: event.seq, at: event.at, collapsible: 'true' } : { seq: event.seq, at: event.at },
      title: formatDateTime(event.at),
    }, el('span', { class: 'system-text', dir: 'auto' }, this.#lineText(event) ?? ''));
    this.#lines.set(node, event);
    return node;
  }

  #lineText(event) {
    const prefix = this.#room?.isPrivate ? '' : '#';
    return lineText(event, (userId, name) => this.#members.get(userId)?.name ?? name, prefix);
  }

  /**
   * Each run of joins and leaves next to each other (no message, day or "New messages" line between them) shows as one
   * line (system-lines.js, collapsedText): its first node carries the text, the others are hidden.
   */
  #collapseLines() {
    const nameOf = (userId, name) => this.#members.get(userId)?.name ?? name;
    const show = (node, text) => {
      node.hidden = false;
      if (node.firstChild.textContent !== text) node.firstChild.textContent = text;
    };
    let run = [];
    const flush = () => {
      if (run.length > 1) {
        show(run[0], collapsedText(run.map(node => this.#lines.get(node)), nameOf));
        for (const node of run.slice(1)) node.hidden = true;
      } else if (run.length === 1) {
        show(run[0], this.#lineText(this.#lines.get(run[0])) ?? '');
      }
      run = [];
    };
    for (const node of this.#list.children) {
      if (node.matches('.system-line[data-collapsible]')) {
        run.push(node);
        continue;
      }
      flush();
      if (node.classList.contains('system-line')) show(node, this.#lineText(this.#lines.get(node)) ?? '');
    }
    flush();
  }

  #messageNode(event) {
    const mine = event.authorId === this.#meId;
    const forMe = !mine && !event.deleted && isForMe(event, null, { name: this.#meName });
    const classes = ['message', mine && 'mine', forMe && 'mentions-me', event.deleted && 'deleted', event.pinned && 'pinned'];
    const author = this.#members.get(event.authorId);
    const authorName = author?.name ?? event.authorName;
    const node = el('div', {
      class: classes.filter(Boolean).join(' '),
      dataset: { seq: event.seq, authorId: event.authorId, clientMsgId: event.clientMsgId ?? '', at: event.at },
    },
    el('div', { class: 'meta' },
      avatar(event.authorId, authorName, author?.avatar),
      el('span', { class: 'author' }, authorName),
      ' ',
      el('time', { datetime: event.at, title: formatDateTime(event.at) }, relativeTime(event.at)),
      event.editedAt && !event.deleted && el('span', { class: 'edited', title: `Edited ${formatDateTime(event.editedAt)}` }, '(edited)'),
      event.pinned && el('span', { class: 'pin-mark', title: 'Pinned', 'aria-label': 'Pinned' }, '📌')),
    event.targetSeq != null && this.#quote(event.targetSeq),
    event.deleted
      ? el('div', { class: 'text deleted-text' }, 'message deleted')
      : (event.text || !event.attachment) && el('div', { class: 'text', dir: 'auto' }, formatMessage(event.text ?? '', this.#mentionsIn)),
    !event.deleted && event.attachment && attachmentNode(event.attachment, this.#handlers.files),
    !event.deleted && this.#reactions(event),
    this.#seenBy(event),
    !event.deleted && el('button', {
      type: 'button', class: 'message-actions', 'aria-haspopup': 'menu', 'aria-expanded': 'false',
      'aria-label': `Actions for the message of ${authorName}`, title: 'Message actions',
    }, '⋯'));
    return this.#blocked.has(event.authorId) && !event.deleted ? collapseBlocked(node) : node;
  }

  /** The quote of the message replied to: its author and first line as it is now, or "message deleted". */
  #quote(targetSeq) {
    const target = this.#room?.message(targetSeq);
    if (!target && this.#room) this.#handlers.quoteMissing?.(this.#room, targetSeq);
    const author = target ? (this.#members.get(target.authorId)?.name ?? target.authorName) : null;
    const line = !target ? 'an earlier message' : target.deleted ? 'message deleted' : firstLine(target.text) || fileLine(target);
    return el('button', {
      type: 'button', class: 'quote', dataset: { target: targetSeq },
      'aria-label': `Reply to ${author ? `${author}: ` : ''}${line}. Show the original`,
    },
    author && el('span', { class: 'quote-author' }, author),
    el('span', { class: `quote-text${target?.deleted ? ' deleted-text' : ''}`, dir: 'auto' }, line));
  }

  /** Emoji chips with counts; who reacted is in each chip's name and title. Pressed: the user reacted with it. */
  #reactions(event) {
    if (!event.reactions?.length) return null;
    return el('div', { class: 'reactions', role: 'group', 'aria-label': 'Reactions' },
      event.reactions.map(reaction => {
        const names = reaction.users.map(id => (id === this.#meId ? 'you' : this.#members.get(id)?.name ?? 'someone'));
        const who = `${reaction.emoji} ${reaction.users.length}: ${names.join(', ')}`;
        return el('button', {
          type: 'button', class: 'reaction', dataset: { emoji: reaction.emoji },
          'aria-pressed': String(reaction.users.includes(this.#meId)), 'aria-label': who, title: who,
        }, el('span', { class: 'reaction-emoji', 'aria-hidden': 'true' }, reaction.emoji),
        el('span', { class: 'reaction-count', 'aria-hidden': 'true' }, String(reaction.users.length)));
      }));
  }

  #seenBy(event) {
    const names = this.#seen.get(event.seq);
    if (!names?.length) return null;
    return el('div', { class: 'seen-by' }, this.#room?.isDirect ? 'Seen' : `Seen by ${names.join(', ')}`);
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
    for (const time of this.#list.querySelectorAll('.message time[datetime]:not(.exact)')) {
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

/** A message's time as the exact date and time, or back to "5 min" (a tap toggles it). */
function showExactTime(time, exact) {
  time.classList.toggle('exact', exact);
  time.textContent = exact ? formatDateTime(time.dateTime) : relativeTime(time.dateTime);
}

function isMessage(event) {
  return event.kind === 'message';
}

/** What the timeline draws: messages and the system lines it can read (changes apply to messages instead). */
function isShown(event) {
  return isMessage(event) || (isSystemLine(event) && lineText(event) !== null);
}

function fileLine(message) {
  return message.attachment ? `📎 ${message.attachment.name}` : '';
}

function firstLine(text) {
  const line = (text ?? '').split('\n').find(l => l.trim() !== '') ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

function grow(textarea) {
  textarea.style.height = 'auto';
  textarea.style.height = `${textarea.scrollHeight}px`;
}

/** A selector for the same control in a redrawn message, so keyboard focus survives the redraw. */
function focusKey(element) {
  if (element.matches('.reaction[data-emoji]')) return `.reaction[data-emoji="${CSS.escape(element.dataset.emoji)}"]`;
  if (element.matches('.message-actions')) return '.message-actions';
  if (element.matches('.quote')) return '.quote';
  return null;
}

/**
 * Fits a message to the one before it: a day separator in between when the day changes, else it may continue
 * the previous message's group (same author, shortly after), which hides its author line.
 */
function decorate(node) {
  if (!node?.classList.contains('message') && !node?.classList.contains('system-line')) return;
  let previous = node.previousElementSibling;
  let divider = null; // the "New messages" line: the day separator goes above it, and a new group starts below it
  while (previous?.classList.contains('day-separator') || previous?.classList.contains('unread-divider')) {
    const before = previous.previousElementSibling;
    if (previous.classList.contains('unread-divider')) divider = previous;
    else previous.remove(); // re-added below if still needed: what precedes this message may have changed
    previous = before;
  }
  if (!previous?.classList.contains('message') && !previous?.classList.contains('system-line')) previous = null;
  const newDay = !previous || dayKey(previous.dataset.at) !== dayKey(node.dataset.at);
  if (newDay) (divider ?? node).before(daySeparator(node.dataset.at));
  if (!node.classList.contains('message')) return;
  // A system line ends a group: the message after it shows its author again.
  const continued = !newDay && !divider && previous.classList.contains('message')
    && previous.dataset.authorId === node.dataset.authorId
    && Date.parse(node.dataset.at) - Date.parse(previous.dataset.at) < GROUP_WINDOW_MS;
  node.classList.toggle('continued', continued);
}

function daySeparator(at) {
  return el('div', { class: 'day-separator', dataset: { at } }, el('span', {}, dayLabel(at)));
}
