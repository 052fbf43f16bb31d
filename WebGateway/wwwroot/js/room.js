import { Timeline } from './timeline.js';

export const isMessage = event => event.kind === 'message';

/** What this tab knows about one room the user belongs to, and the state changes that only concern it. */
export class Room {
  summary = null; // RoomSummary, once JoinRoom told us
  timeline = new Timeline();
  events = []; // contiguous, oldest first: oldestSeq … timeline.lastSeq
  oldestSeq = null; // oldest seq loaded; 1 means the whole history is here
  members = new Map(); // userId → MemberInfo, from JoinRoom, kept current by `member` changes
  unread = 0;
  seenSeq = 0; // newest seq counted as unread before the room was loaded
  catchingUp = false;
  catchUpAgain = false;
  loadingHistory = false;

  constructor(id) {
    this.id = id;
  }

  get loaded() {
    return this.timeline.started;
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
  load(result) {
    this.summary = result.room;
    this.setMembers(result.members);
    if (this.loaded) return this.receive(result.recent);

    const before = result.recent.length > 0 ? result.recent[0].seq - 1 : result.lastSeq;
    this.oldestSeq = before + 1;
    this.events = this.timeline.start(before);
    this.events.push(...this.timeline.accept(result.recent));
    return [];
  }

  /** Takes pushed or fetched events in any order; returns (and keeps) the ones now in sequence. */
  receive(events) {
    const ready = this.timeline.accept(events);
    this.events.push(...ready);
    return ready;
  }

  /** Before the first load: only counts what is new, for the unread badge. */
  countUnloaded(events, counts) {
    const fresh = events.filter(event => event.seq > this.seenSeq && counts(event));
    this.seenSeq = Math.max(this.seenSeq, ...events.map(event => event.seq));
    this.timeline.accept(events); // kept in case a JoinRoom is in flight
    return fresh.length;
  }

  /** A History page: returns the events older than what we had, now at the start of `events`. */
  prepend(page) {
    const older = page.events.filter(event => event.seq < this.oldestSeq);
    this.oldestSeq = older.length > 0 ? older[0].seq : 1; // an empty page: nothing older exists
    this.events.unshift(...older);
    return older;
  }

  setMembers(members) {
    this.members = new Map(members.map(member => [member.userId, member]));
  }

  /** A `member` change: joined | left | online | offline | renamed. */
  applyMemberChange(kind, member) {
    if (kind === 'left') {
      this.members.delete(member.userId);
      return;
    }
    const known = this.members.get(member.userId);
    const online = kind === 'online' ? true : kind === 'offline' ? false : (member.online ?? known?.online ?? false);
    this.members.set(member.userId, { ...known, ...member, online });
  }
}
