import { MessageIndex } from './message-state.js';
import { unreadRange } from './reading-position.js';
import { Timeline } from './timeline.js';

export const isMessage = event => event.kind === 'message';

const REMOVALS = new Set(['left', 'kicked', 'banned']);

/** What this tab knows about one room the user belongs to, and the state changes that only concern it. */
export class Room {
  timeline = new Timeline();
  events = []; // contiguous, oldest first: oldestSeq … timeline.lastSeq
  oldestSeq = null; // oldest seq loaded; 1 means the whole history is here
  // The state below changes only through the methods of this class (docs/architecture.md, "The page"): read it
  // through the getters.
  #summary = null; // RoomSummary, once JoinRoom or MyRooms told us
  #members = new Map(); // userId → MemberInfo, from JoinRoom and Members pages, kept current by `member` changes
  #membersNext = null; // the position of the next page of members (Members `after`); null: every member is loaded
  #memberCounts = null; // { total, online } from JoinRoom, Members and `memberCounts` pushes, while the list is paged
  #memberFilter = null; // { text, members, next } while the member list is filtered by name; members null: filter the loaded ones
  #role = 'member'; // this user's role here: owner | moderator | member
  #peer = null; // MemberInfo of the other person, in a direct conversation
  #unread = 0;
  #mentions = 0; // unread messages for the user: every message of a DM, mentions of the user's name, @here
  #notify = null; // the user's notification level here (attention.js), from MyRooms or SetNotify
  #seenSeq = 0; // newest seq already counted as unread or seen
  #readSeq = 0; // the user's read marker as this tab knows it: MyRooms, then what the user saw here
  #openedReadSeq = 0; // readSeq when the user last opened the room
  #openedUpTo = null; // the newest seq then, if loaded (else the newest of its first load)
  #catchingUp = false;
  #catchUpAgain = false;
  #loadingHistory = false;
  #receipts = new Map(); // userId → seq read (hub Receipts and `receipt` pushes), in DMs and rooms of ≤ 50 members
  #messages = new MessageIndex(); // the messages loaded, by seq, with the edits, deletes, reactions and pins applied
  #changed = new Set(); // messages changed since takeChanged()

  constructor(id) {
    this.id = id;
  }

  get summary() { return this.#summary; }
  get members() { return this.#members; }
  get role() { return this.#role; }
  get peer() { return this.#peer; }
  get unread() { return this.#unread; }
  get mentions() { return this.#mentions; }
  get notify() { return this.#notify; }
  get seenSeq() { return this.#seenSeq; }
  get readSeq() { return this.#readSeq; }
  get receipts() { return this.#receipts; }
  get loadingHistory() { return this.#loadingHistory; }

  get loaded() {
    return this.timeline.started;
  }

  get kind() {
    return this.summary?.kind ?? (this.id.startsWith('dm-') ? 'direct' : this.id.startsWith('g-') ? 'group' : 'room');
  }

  /** The one conversation of two people. */
  get isDirect() {
    return this.kind === 'direct';
  }

  /** A group conversation: up to nine people, no name of its own (shown as its members' names). */
  get isGroup() {
    return this.kind === 'group';
  }

  /** Direct and group conversations: listed under Direct messages, every message notifies, no moderation. */
  get isConversation() {
    return this.isDirect || this.isGroup;
  }

  get isPrivate() {
    return this.summary?.isPrivate ?? (this.id.startsWith('p-') || this.isConversation);
  }

  get historyComplete() {
    return this.oldestSeq !== null && this.oldestSeq <= 1;
  }

  /** True when the timeline is behind the room's newest seq or holds events after a gap. */
  behind(lastSeq) {
    return this.timeline.hasGap || lastSeq > this.timeline.lastSeq;
  }

  /**
   * Applies a JoinResult. The first load starts the timeline just before `recent` (also releasing pushes
   * that arrived while JoinRoom was in flight); a re-open treats `recent` like any push.
   * @returns the events appended by a re-open; [] on the first load (everything is new: render it all).
   */
  load(result, meId) {
    this.#summary = result.room;
    this.#role = result.role ?? this.#role;
    this.setMembers(result.members, result.membersNext ?? null, { total: result.room.memberCount, online: result.onlineCount ?? 0 });
    if (this.isDirect) this.#peer = result.members.find(member => member.userId !== meId) ?? this.#peer;
    if (this.loaded) return this.receive(result.recent);

    const before = result.recent.length > 0 ? result.recent[0].seq - 1 : result.lastSeq;
    this.oldestSeq = before + 1;
    this.events = this.timeline.start(before);
    this.events.push(...this.timeline.acceptPage(before, result.recent));
    // `recent` is each message as it is now (as of lastSeq); pushes that came meanwhile apply on top.
    this.#note(this.#messages.add(this.events, result.lastSeq));
    return [];
  }

  /** Takes pushed or fetched events in any order; returns (and keeps) the ones now in sequence. */
  receive(events) {
    const ready = this.timeline.accept(events);
    this.events.push(...ready);
    this.#note(this.#messages.add(ready));
    return ready;
  }

  /** Takes a CatchUp page of the events after `after` (Timeline.acceptPage); returns (and keeps) the ones now in sequence. */
  receivePage(after, events, roomLastSeq = null) {
    const ready = this.timeline.acceptPage(after, events, roomLastSeq);
    this.events.push(...ready);
    this.#note(this.#messages.add(ready));
    return ready;
  }

  /** A RoomListing (MyRooms): what the room list shows before the room is opened. */
  applyListing(listing) {
    this.#summary = listing.room;
    this.#role = listing.role ?? this.#role;
    this.#peer = listing.peer ?? this.#peer;
    this.#notify = listing.notify ?? this.#notify;
    this.#readSeq = Math.max(this.#readSeq, listing.readSeq ?? 0);
  }

  /** The user opens the room: what is unread now gets the "New messages" line (unreadAtOpen). */
  beginViewing() {
    this.#openedReadSeq = this.#readSeq;
    this.#openedUpTo = this.loaded ? this.timeline.lastSeq : null;
  }

  /** What was unread when the user opened the room (reading-position.js), or null. */
  get unreadAtOpen() {
    return this.loaded ? unreadRange(this.#openedReadSeq, this.#openedUpTo ?? this.timeline.lastSeq) : null;
  }

  /** Returns the events not counted or seen before (for unread badges), and remembers them as counted. */
  takeUnseen(events) {
    const fresh = events.filter(event => event.seq > this.#seenSeq);
    this.#seenSeq = Math.max(this.#seenSeq, ...events.map(event => event.seq));
    return fresh;
  }

  /** The user looked at the room: nothing in it is unread any more. */
  markSeen() {
    this.#seenSeq = Math.max(this.#seenSeq, this.timeline.lastSeq ?? 0);
    this.#readSeq = Math.max(this.#readSeq, this.timeline.lastSeq ?? 0);
    this.#unread = 0;
    this.#mentions = 0;
  }

  /**
   * The unread count of a RoomListing (MyRooms) of a room not loaded in this tab: the server's count of the messages of
   * others after the read marker (system lines and changes are events, not unread: lastSeq - readSeq would count them).
   */
  unreadFromListing(listing) {
    const unread = Math.max(0, listing.unread ?? 0);
    this.#unread = unread;
    this.#mentions = this.isConversation ? unread : Math.min(this.#mentions, unread);
    this.#seenSeq = Math.max(this.#seenSeq, listing.lastSeq);
  }

  /** Messages of others arrived that nobody looked at; `mentions` of them are for the user (attention.js). */
  addUnread(count, mentions) {
    this.#unread += count;
    this.#mentions += mentions;
  }

  /** The user's notification level here ('all' | 'mentions' | 'nothing'); returns whether it changed. */
  setNotify(level) {
    if (this.#notify === level) return false;
    this.#notify = level;
    return true;
  }

  /** A `room` push (or UpdateRoom's answer): name, topic, visibility. Returns whether the visibility changed. */
  applySummary(summary) {
    const visibilityChanged = Boolean(this.#summary) && summary.isPrivate !== undefined && this.#summary.isPrivate !== summary.isPrivate;
    this.#summary = { ...this.#summary, ...summary };
    return visibilityChanged;
  }

  /** Our role here changed (a `role` change of our own user). */
  setRole(role) {
    this.#role = role;
  }

  /** How far each member read (hub Receipts): [{ userId, seq }]. */
  setReceipts(receipts) {
    this.#receipts = new Map(receipts.map(receipt => [receipt.userId, receipt.seq]));
  }

  /** A `receipt` push; returns false when it tells nothing new (an older or repeated one). */
  addReceipt(userId, seq) {
    if (seq <= (this.#receipts.get(userId) ?? 0)) return false;
    this.#receipts.set(userId, seq);
    return true;
  }

  /**
   * Catch-up runs one at a time per room: true when the caller is to run it; false when one is running, which is then
   * asked to go round again (catchUpAgain).
   */
  beginCatchUp() {
    if (this.#catchingUp) {
      this.#catchUpAgain = true;
      return false;
    }
    this.#catchingUp = true;
    return true;
  }

  /** Whether a catch-up was asked for since the running one's round began; beginning a round clears it. */
  get catchUpAgain() {
    return this.#catchUpAgain;
  }

  beginCatchUpRound() {
    this.#catchUpAgain = false;
  }

  endCatchUp() {
    this.#catchingUp = false;
  }

  /** Scrollback runs one page at a time: true when the caller is to load one (loadingHistory until endHistory). */
  beginHistory() {
    if (!this.loaded || this.#loadingHistory || this.historyComplete) return false;
    this.#loadingHistory = true;
    return true;
  }

  endHistory() {
    this.#loadingHistory = false;
  }

  /** A History page: returns the events older than what we had, now at the start of `events`. */
  prepend(page) {
    const older = page.events.filter(event => event.seq < this.oldestSeq);
    this.oldestSeq = older.length > 0 ? older[0].seq : 1; // an empty page: nothing older exists
    this.#messages.addOlder(older, page.lastSeq ?? 0, this.events);
    this.events.unshift(...older);
    return older;
  }

  /** The message with that seq as it is now (edits, deletes, reactions, pins applied), or null when not loaded. */
  message(seq) {
    return this.#messages.get(seq);
  }

  /** Whether message `seq` is among the messages shown (loaded scrollback), not only known for a reply's quote. */
  shows(seq) {
    return this.oldestSeq !== null && seq >= this.oldestSeq && this.#messages.get(seq) !== null;
  }

  /**
   * The original of a reply that is not loaded, read alone (History before it + 1, limit 1) as it is now: kept so
   * that quotes show it, and changed by later edits and deletes like a shown message.
   */
  addQuoted(page) {
    this.#messages.addOlder(page.events.filter(event => event.kind === 'message'), page.lastSeq ?? 0, this.events);
  }

  /** The messages changed by edits, deletes, reactions or pins since the last call (to redraw). */
  takeChanged() {
    const changed = [...this.#changed];
    this.#changed.clear();
    return changed;
  }

  #note(messages) {
    for (const message of messages) this.#changed.add(message);
  }

  /** The first page of members (all of them when `next` is null), replacing what we had. */
  setMembers(members, next = null, counts = null) {
    this.#members = new Map(members.map(member => [member.userId, member]));
    this.#membersNext = next;
    if (counts) this.#memberCounts = { total: counts.total, online: counts.online };
  }

  /** A further page of Members (after `membersNext`): members already loaded are updated, not repeated. */
  addMemberPage(page) {
    for (const member of page.members) this.#members.set(member.userId, member);
    this.#membersNext = page.next ?? null;
    this.#memberCounts = { total: page.total, online: page.online };
  }

  get membersNext() {
    return this.#membersNext;
  }

  get memberCounts() {
    return this.#memberCounts;
  }

  get memberFilter() {
    return this.#memberFilter;
  }

  /** The member filter box's state: `{ text, members, next }`, or null when the list is not filtered. */
  setMemberFilter(filter) {
    this.#memberFilter = filter;
  }

  /** Whether every member is loaded (no further page): then the counts are the list's own. */
  get membersComplete() {
    return this.#membersNext === null;
  }

  /** { total, online }: counted in the list when it is complete, else as the room last told (`memberCounts`). */
  get counts() {
    if (this.membersComplete || !this.#memberCounts) {
      const all = [...this.#members.values()];
      return { total: all.length, online: all.filter(member => member.online).length };
    }
    return this.#memberCounts;
  }

  /**
   * The members whose name contains the filter's text (ignoring case): from the loaded list when it is complete (in
   * its order), else the pages the room answered for the filter. Null while the list is not filtered.
   */
  get filteredMembers() {
    const filter = this.#memberFilter;
    if (!filter) return null;
    if (filter.members) return filter.members;
    const text = filter.text.toLocaleLowerCase();
    return [...this.#members.values()].filter(member => member.name.toLocaleLowerCase().includes(text));
  }

  /** A `memberCounts` push (rooms whose member list is paged). */
  applyMemberCounts(counts) {
    this.#memberCounts = { total: counts.total, online: counts.online };
  }

  /** A `member` change: joined | left | kicked | banned | online | away | offline | profile | role. */
  applyMemberChange(kind, member) {
    if (this.#peer?.userId === member.userId) this.#peer = merge(this.#peer, kind, member);
    if (!this.loaded) return; // opening the room loads the list
    if (REMOVALS.has(kind)) {
      this.#members.delete(member.userId);
      return;
    }
    this.#members.set(member.userId, merge(this.#members.get(member.userId), kind, member));
  }
}

/** The member as the change leaves them; `online`, `away` and `offline` changes say the state by their kind too. */
function merge(known, kind, member) {
  const online = kind === 'online' || kind === 'away' ? true : kind === 'offline' ? false : (member.online ?? known?.online ?? false);
  const away = kind === 'away' ? true : kind === 'online' || kind === 'offline' ? false : (member.away ?? known?.away ?? false);
  return { ...known, ...member, online, away };
}
