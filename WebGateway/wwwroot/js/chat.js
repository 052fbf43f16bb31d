import { Room, isMessage } from './room.js';

export const LOBBY = 'lobby';
const HISTORY_PAGE = 50;
// After Send is acknowledged the pushed event normally follows at once; if it doesn't, the push was lost.
const ACK_WITHOUT_EVENT_MS = 1500;

/**
 * The chat state of this tab and the hub calls that change it: rooms, their event timelines, members,
 * catch-up and scrollback. It knows nothing about the DOM; `ui` is told what changed.
 */
export class Chat {
  me = null; // { userId, name }
  roomIds = []; // the user's rooms, in list order
  rooms = new Map(); // roomId → Room
  publicRooms = []; // RoomSummary[] from ListRooms
  currentId = null;

  #hub;
  #outbox;
  #ui;
  #left = new Set(); // rooms left (here or elsewhere) since this page loaded, until joined again

  /**
   * @param ui { meChanged(me), roomsChanged(), roomShown(room), roomChanged(room), eventsAppended(room, events),
   *             eventsPrepended(room, events), historyChanged(room), membersChanged(room) }
   */
  constructor(hub, outbox, ui) {
    this.#hub = hub;
    this.#outbox = outbox;
    this.#ui = ui;
  }

  get current() {
    return this.rooms.get(this.currentId) ?? null;
  }

  roomName(id) {
    return this.rooms.get(id)?.summary?.name ?? this.publicRooms.find(r => r.id === id)?.name ?? id;
  }

  // ---- connection lifecycle -------------------------------------------------------------------------

  /** First connect: learn who we are, then open the preferred room if still a member, else the lobby. */
  async start(preferredRoomId) {
    await this.#hello();
    this.refreshPublicRooms();
    const first = this.roomIds.includes(preferredRoomId) ? preferredRoomId : LOBBY;
    try {
      await this.open(first);
    } catch (error) {
      if (first === LOBBY) throw error;
      await this.open(LOBBY);
    }
  }

  /** After a reconnect: pushes were missed while away, so re-read the profile and catch every loaded room up. */
  async resync() {
    await this.#hello();
    this.refreshPublicRooms();

    const current = this.current;
    if (!current) {
      await this.open(LOBBY); // the room was left in another tab while we were away
    } else if (!current.loaded) {
      await this.open(current.id);
    } else {
      this.#refreshMembers(current);
    }
    for (const room of this.rooms.values()) {
      if (room.loaded) this.catchUp(room);
    }
    this.#outbox.retryAll();
  }

  async #hello() {
    const profile = await this.#hub.invoke('Hello');
    this.me = { userId: profile.userId, name: profile.name };
    this.#ui.meChanged(this.me);

    this.roomIds = [...profile.rooms];
    for (const id of [...this.rooms.keys()]) {
      if (!this.roomIds.includes(id)) this.#forget(id);
    }
    for (const id of this.roomIds) this.#room(id);
    this.#ui.roomsChanged();
  }

  // ---- rooms ----------------------------------------------------------------------------------------

  /** Shows a room at once from what we have, then (re)joins it: JoinRoom is idempotent and brings members and recent events. */
  async open(id) {
    const wasMember = this.roomIds.includes(id);
    const previousId = this.currentId;
    this.#left.delete(id); // its pushes count again from now (kept while JoinRoom is in flight)
    this.#show(this.#room(id));
    try {
      this.#applyJoin(await this.#hub.invoke('JoinRoom', id));
    } catch (error) {
      // A room we could not join (it no longer exists, say) should not stay in the list; go back.
      const fallback = previousId !== id ? this.rooms.get(previousId) : null;
      if (!wasMember && fallback && this.currentId === id) {
        this.#forget(id);
        this.#show(fallback);
      }
      throw error;
    }
  }

  async create(name) {
    const result = await this.#hub.invoke('CreateRoom', name);
    this.#show(this.#room(result.room.id));
    this.#applyJoin(result);
    this.refreshPublicRooms();
  }

  async leave(id) {
    await this.#hub.invoke('LeaveRoom', id);
    this.#forget(id);
    this.refreshPublicRooms();
    if (this.currentId === null) await this.open(LOBBY);
  }

  async refreshPublicRooms() {
    try {
      this.publicRooms = await this.#hub.invoke('ListRooms');
      this.#ui.roomsChanged();
    } catch {
      // Only the "Browse rooms" list is stale; it is refreshed again on the next join, leave or reconnect.
    }
  }

  async rename(name) {
    const profile = await this.#hub.invoke('Rename', name);
    this.me = { userId: profile.userId, name: profile.name };
    this.#ui.meChanged(this.me);
  }

  #room(id) {
    let room = this.rooms.get(id);
    if (!room) {
      room = new Room(id);
      this.rooms.set(id, room);
    }
    return room;
  }

  #show(room) {
    this.currentId = room.id;
    room.unread = 0;
    this.#ui.roomShown(room);
    this.#ui.roomsChanged();
  }

  #forget(id) {
    this.#left.add(id);
    this.rooms.delete(id);
    this.roomIds = this.roomIds.filter(roomId => roomId !== id);
    this.#outbox.removeRoom(id);
    if (this.currentId === id) this.currentId = null;
    this.#ui.roomsChanged();
  }

  #applyJoin(result) {
    const room = this.#room(result.room.id);
    this.#left.delete(room.id);
    if (!this.roomIds.includes(room.id)) this.roomIds.push(room.id);

    const firstLoad = !room.loaded;
    const appended = room.load(result);
    if (firstLoad) {
      this.#confirmOwn(room, room.events);
      if (room.id === this.currentId) this.#ui.roomShown(room);
    } else {
      this.#announce(room, appended);
    }

    if (room.id === this.currentId) this.#ui.membersChanged(room);
    this.#ui.roomsChanged();
    if (room.behind(result.lastSeq)) this.catchUp(room);
  }

  async #refreshMembers(room) {
    try {
      room.setMembers(await this.#hub.invoke('Members', room.id));
      if (room.id === this.currentId) this.#ui.membersChanged(room);
    } catch {
      // The next JoinRoom (opening the room) brings the list again.
    }
  }

  // ---- events ---------------------------------------------------------------------------------------

  /** Server push `events`. */
  onEvents(roomId, events) {
    // The server pushes only rooms the user is in, so an unknown room was joined in another tab, unless
    // it is one we just left and these pushes were already on their way.
    if (this.#left.has(roomId)) return;
    this.#addRoom(roomId);
    const room = this.#room(roomId);

    if (!room.loaded) {
      // Not opened in this tab yet (or its JoinRoom is in flight): only the unread badge changes.
      const unread = room.countUnloaded(events, event => this.#fromOthers(event));
      if (roomId !== this.currentId) room.unread += unread;
      this.#ui.roomsChanged();
      return;
    }

    this.#announce(room, room.receive(events));
    if (room.timeline.hasGap) this.catchUp(room);
  }

  /**
   * Fills the gap after timeline.lastSeq with CatchUp pages until the room is current (protocol §4.4).
   * One run per room at a time; a gap found meanwhile makes the running one go round again.
   */
  async catchUp(room) {
    if (!room.loaded) return;
    if (room.catchingUp) {
      room.catchUpAgain = true;
      return;
    }
    room.catchingUp = true;
    try {
      let roundStart;
      do {
        room.catchUpAgain = false;
        roundStart = room.timeline.lastSeq;
        for (;;) {
          const after = room.timeline.lastSeq;
          const page = await this.#hub.invoke('CatchUp', room.id, after);
          this.#announce(room, room.receive(page.events));
          // Stop when current, and also if a page brought nothing new, rather than asking forever.
          if (room.timeline.lastSeq >= page.lastSeq || room.timeline.lastSeq === after) break;
        }
      } while (room.catchUpAgain || (room.timeline.hasGap && room.timeline.lastSeq > roundStart));
    } catch {
      // Offline or no longer a member: the reconnect (resync) or the `left` change takes over.
    } finally {
      room.catchingUp = false;
    }
  }

  /** Scrollback for the current room: the page before the oldest loaded event (protocol §4.5). */
  async loadOlder() {
    const room = this.current;
    if (!room?.loaded || room.loadingHistory || room.historyComplete) return;
    room.loadingHistory = true;
    this.#ui.historyChanged(room);
    try {
      const older = room.prepend(await this.#hub.invoke('History', room.id, room.oldestSeq, HISTORY_PAGE));
      if (room.id === this.currentId) this.#ui.eventsPrepended(room, older);
    } catch {
      // Scrolling up again retries; offline, the reconnect banner already says why nothing loads.
    } finally {
      room.loadingHistory = false;
      if (this.rooms.has(room.id)) this.#ui.historyChanged(room);
    }
  }

  /** The Send of `item` was acknowledged; its event should be here soon, else the push was lost. */
  acked(item) {
    const room = this.rooms.get(item.roomId);
    if (!room) return;
    if (room.loaded && room.timeline.lastSeq >= item.seq) {
      this.#outbox.remove(item.id);
      return;
    }
    setTimeout(() => {
      if (this.#outbox.get(item.id) && this.rooms.get(room.id) === room && room.loaded) this.catchUp(room);
    }, ACK_WITHOUT_EVENT_MS);
  }

  /** Tells the UI about events just appended to a room (or counts them as unread). */
  #announce(room, events) {
    if (events.length === 0) return;
    this.#confirmOwn(room, events);
    if (room.id === this.currentId) {
      this.#ui.eventsAppended(room, events);
    } else {
      room.unread += events.filter(event => this.#fromOthers(event)).length;
      this.#ui.roomsChanged();
    }
  }

  /** Our own messages replace their pending bubbles, so the sender sees each message exactly once. */
  #confirmOwn(room, events) {
    for (const event of events) {
      if (isMessage(event) && event.authorId === this.me?.userId && event.clientMsgId) {
        this.#outbox.remove(event.clientMsgId);
      }
    }
    for (const item of this.#outbox.forRoom(room.id)) {
      if (item.seq !== null && item.seq <= room.timeline.lastSeq) this.#outbox.remove(item.id);
    }
  }

  #fromOthers(event) {
    return isMessage(event) && event.authorId !== this.me?.userId;
  }

  /** Server push `roomAdded`: the user joined a room elsewhere (another tab). */
  onRoomAdded(roomId) {
    this.#addRoom(roomId);
  }

  /** Server push `room`: a room's name or topic changed. */
  onRoomChanged(roomId, summary) {
    const room = this.rooms.get(roomId);
    if (!room) return;
    room.summary = { ...room.summary, ...summary };
    this.#ui.roomsChanged();
    if (roomId === this.currentId) this.#ui.roomChanged(room);
  }

  #addRoom(roomId) {
    this.#left.delete(roomId);
    if (this.roomIds.includes(roomId)) return;
    this.roomIds.push(roomId);
    this.#room(roomId);
    this.#ui.roomsChanged();
    this.refreshPublicRooms();
  }

  // ---- members --------------------------------------------------------------------------------------

  /** Server push `member`: { kind: joined | left | online | offline | renamed, member: MemberInfo }. */
  onMember(roomId, { kind, member }) {
    if (member.userId === this.me?.userId) this.#onOwnChange(roomId, kind, member);

    const room = this.rooms.get(roomId);
    if (!room?.loaded) return; // opening the room loads the list
    room.applyMemberChange(kind, member);
    if (room.id === this.currentId) this.#ui.membersChanged(room);
  }

  /** A change of our own user, typically made in another tab. */
  #onOwnChange(roomId, kind, member) {
    if (kind === 'renamed' && member.name !== this.me.name) {
      this.me = { ...this.me, name: member.name };
      this.#ui.meChanged(this.me);
    } else if (kind === 'joined') {
      this.#addRoom(roomId);
    } else if (kind === 'left' && this.rooms.has(roomId)) {
      this.#forget(roomId);
      this.refreshPublicRooms();
      // Best effort: if this fails we are offline, and the reconnect's resync opens the lobby.
      if (this.currentId === null) this.open(LOBBY).catch(() => {});
    }
  }
}
