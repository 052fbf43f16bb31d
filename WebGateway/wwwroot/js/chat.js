import { catchUp, loadOlder } from './catch-up.js';
import { Methods } from './methods.js';
import { showsReceipts } from './receipts.js';
import { Room } from './room.js';
import { RoomDirectory } from './room-directory.js';
import { delay } from './dom.js';
import { Emitter } from './emitter.js';
import { Unread } from './unread.js';

export const LOBBY = 'lobby';
// After Send is acknowledged the pushed event normally follows at once; if it doesn't, the push was lost.
const ACK_WITHOUT_EVENT_MS = 1500;
const REMOVALS = new Set(['left', 'kicked', 'banned']);
// Member pages (docs/architecture.md, "Member pages"): the first page as JoinRoom answers it, the pages loaded as the
// member list scrolls, and how often a paged list is read again while its room is open (big rooms push no presence).
const MEMBER_PAGE = 50;
const MORE_MEMBERS = 100;
const MAX_MEMBER_PAGE = 200;
export const MEMBER_REFRESH_MS = 30_000;

/**
 * The chat state of this tab and the hub calls that change it: rooms, their event timelines, members,
 * unread counts, catch-up and scrollback. It knows nothing about the DOM: views subscribe to its events (Emitter.on),
 * each with a detail object:
 *   me { me } · blocked · rooms (the room list, its badges, the public rooms) · unseen { room, events } (to notify of) ·
 *   room-shown { room } · room-changed { room } (name, topic, role, level of the open room) ·
 *   events-appended / events-prepended { room, events } · messages-changed { room, messages } · history { room } ·
 *   receipts { room } · members { room } · author { room, member } (a profile change) · open-failed { error } ·
 *   room-arrived { room } · removed { name, kind }.
 * room-changed, events-*, messages-changed, receipts and members concern the open room only.
 */
export class Chat extends Emitter {
  me = null; // { userId, name, hasPassword }
  roomIds = []; // the user's rooms, in list order
  rooms = new Map(); // roomId → Room
  directory; // the public rooms ("Browse rooms"), a page at a time
  currentId = null;
  viewing = true; // the tab is visible: messages of the current room are seen as they arrive

  #hub;
  #outbox;
  #unread;
  #left = new Set(); // rooms left (here or elsewhere) since this page loaded, until joined again
  #joining = new Set(); // rooms with a JoinRoom of this tab in flight
  #creating = 0; // CreateRoom / OpenDirect calls in flight: their rooms' `roomAdded` is our own doing
  #addedMeanwhile = [];
  #loadingMembers = new Set(); // rooms with a Members page of this tab in flight

  constructor(hub, outbox) {
    super();
    this.#hub = hub;
    this.#outbox = outbox;
    this.directory = new RoomDirectory((method, ...args) => hub.invoke(method, ...args), () => this.emit('rooms'));
    this.#unread = new Unread((roomId, seq) => hub.invoke(Methods.MarkRead, roomId, seq), () => this.me, () => this.emit('rooms'),
      (room, events) => this.emit('unseen', { room, events }));
  }

  get current() {
    return this.rooms.get(this.currentId) ?? null;
  }

  /** The loaded pages of public rooms (RoomSummary[]). */
  get publicRooms() {
    return this.directory.rooms;
  }

  roomName(id) {
    const room = this.rooms.get(id);
    if (room?.isDirect) return room.peer?.name ?? 'Direct conversation';
    if (room?.isGroup) return groupName(room, this.me);
    return room?.summary?.name ?? this.publicRooms.find(r => r.id === id)?.name ?? id;
  }

  /** What the user chose to be told of, over all rooms: the number in the page title. */
  get attention() {
    return Unread.attention(this.rooms.values());
  }

  /** The tab became visible or hidden; coming back marks what is on screen as read. */
  setViewing(viewing) {
    this.viewing = viewing;
    if (viewing && this.current) this.#unread.seen(this.current);
  }

  // ---- connection lifecycle -------------------------------------------------------------------------

  /**
   * First connect: learn who we are and our rooms, then open the requested room (the address named it), else the
   * preferred one if still a member, else the lobby.
   */
  async start(preferredRoomId, requestedRoomId = null) {
    await this.#hello();
    this.refreshPublicRooms();
    if (requestedRoomId) {
      try {
        await this.open(requestedRoomId);
        return;
      } catch (error) {
        this.emit('open-failed', { error });
      }
    }
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
      this.loadReceipts(current);
    }
    for (const room of this.rooms.values()) {
      if (room.loaded) this.catchUp(room);
    }
    this.#outbox.retryAll();
  }

  /** Who we are (Hello) and our rooms with their unread state (MyRooms). */
  async #hello() {
    const [profile, listings] = await Promise.all([this.#hub.invoke(Methods.Hello), this.#hub.invoke(Methods.MyRooms)]);
    this.#setMe(profile);

    this.roomIds = listings.map(listing => listing.room.id);
    for (const id of [...this.rooms.keys()]) {
      // A direct conversation missing from the list was hidden (in another tab): its next message brings it back.
      if (!this.roomIds.includes(id) && !this.#joining.has(id)) {
        if (this.rooms.get(id)?.isDirect) this.#setAside(id);
        else this.#forget(id);
      }
    }
    for (const listing of listings) this.#applyListing(this.#room(listing.room.id), listing);
    this.emit('rooms');
  }

  #applyListing(room, listing) {
    room.applyListing(listing);
    // A loaded room counts what it receives itself; the open one is being read.
    if (!room.loaded && room.id !== this.currentId) this.#unread.fromListing(room, listing);
  }

  // ---- rooms ----------------------------------------------------------------------------------------

  /** Shows a room at once from what we have, then (re)joins it: JoinRoom is idempotent and brings members and recent events. */
  async open(id) {
    const wasMember = this.roomIds.includes(id);
    const previousId = this.currentId;
    this.#left.delete(id); // its pushes count again from now (kept while JoinRoom is in flight)
    this.#show(this.#room(id));
    this.#joining.add(id);
    try {
      this.#applyJoin(await this.#hub.invoke(Methods.JoinRoom, id));
    } catch (error) {
      // A room we could not join (it does not exist, or is private) should not stay around; go back.
      if (!wasMember && this.currentId === id) {
        const fallback = previousId !== id ? this.rooms.get(previousId) : null;
        this.#forget(id);
        if (fallback) this.#show(fallback);
      }
      throw error;
    } finally {
      this.#joining.delete(id);
    }
  }

  /** A new public room, or a private one (only invited people can see and join it). */
  async create(name, isPrivate = false) {
    await this.#openNew(this.#hub.invoke(isPrivate ? Methods.CreatePrivateRoom : Methods.CreateRoom, name));
    if (!isPrivate) this.refreshPublicRooms();
  }

  /** The one direct conversation with that user (created the first time). */
  async openDirect(userId) {
    await this.#openNew(this.#hub.invoke(Methods.OpenDirect, userId));
  }

  /** Starts a group conversation with these people (hub CreateGroup) and opens it. */
  async createGroup(userIds) {
    await this.#openNew(this.#hub.invoke(Methods.CreateGroup, userIds));
  }

  async #openNew(call) {
    this.#creating++;
    try {
      const result = await call;
      this.#show(this.#room(result.room.id));
      this.#applyJoin(result);
    } finally {
      this.#creating--;
      const added = this.#addedMeanwhile.splice(0);
      for (const roomId of added) this.onRoomAdded(roomId);
    }
  }

  async leave(id) {
    await this.#hub.invoke(Methods.LeaveRoom, id);
    this.#forget(id);
    this.refreshPublicRooms();
    if (this.currentId === null) await this.open(LOBBY);
  }

  /** Hides a direct conversation from the list (hub HideConversation); a new message in it brings it back. */
  async hide(id) {
    await this.#hub.invoke(Methods.HideConversation, id);
    this.#setAside(id);
    if (this.currentId === null) await this.open(LOBBY);
  }

  /** Block or unblock a user (hub Block / Unblock): their messages are shown collapsed, or in full again. */
  async setBlocked(userId, blocked) {
    await this.#hub.invoke(blocked ? Methods.Block : Methods.Unblock, userId);
    const ids = new Set(this.me.blocked);
    if (blocked) ids.add(userId);
    else ids.delete(userId);
    this.me = { ...this.me, blocked: ids };
    this.emit('blocked');
  }

  /** Hub SetNotify: 'all' | 'mentions' | 'nothing' for one room (kept by the server for all the user's devices). */
  async setNotify(roomId, level) {
    await this.#hub.invoke(Methods.SetNotify, roomId, level);
    this.levelChanged(roomId, level);
  }

  /** A level set here or in another tab of this browser. */
  levelChanged(roomId, level) {
    const room = this.rooms.get(roomId);
    if (!room?.setNotify(level)) return;
    this.emit('rooms');
    if (roomId === this.currentId) this.emit('room-changed', { room });
  }

  isBlocked(userId) {
    return this.me?.blocked?.has(userId) ?? false;
  }

  async refreshPublicRooms() {
    try {
      await this.directory.refresh();
    } catch {
      // Only the "Browse rooms" list is stale; it is refreshed again on the next join, leave or reconnect.
    }
  }

  async rename(name) {
    this.#setMe(await this.#hub.invoke(Methods.Rename, name));
  }

  /** Hub SetStatus: our status text (null or blank clears it); a refusal says why. */
  async setStatus(text) {
    this.#setMe(await this.#hub.invoke(Methods.SetStatus, text));
  }

  /** Our profile as an HTTP call answered it (a new or removed picture). */
  profileChanged(profile) {
    this.#setMe(profile);
  }

  #setMe(profile) {
    const blocked = new Set(profile.blocked ?? []);
    const blockedChanged = !sameSet(blocked, this.me?.blocked);
    this.me = {
      userId: profile.userId, name: profile.name, hasPassword: profile.hasPassword, blocked,
      receiptsOff: Boolean(profile.receiptsOff), avatar: profile.avatar ?? 0, status: profile.status ?? null,
      // The gateway's idle time before the page is away: answered by Hello only (0 in other answers).
      awayAfterSeconds: profile.awayAfterSeconds || this.me?.awayAfterSeconds || 0,
    };
    this.emit('me', { me: this.me });
    if (blockedChanged) this.emit('blocked');
  }

  /** Hub SetPassword: `currentPassword` is null when none is set yet (protocol §2). */
  async setPassword(currentPassword, password) {
    await this.#hub.invoke(Methods.SetPassword, currentPassword, password);
    this.me = { ...this.me, hasPassword: true };
    this.emit('me', { me: this.me });
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
    room.beginViewing();
    if (this.viewing) this.#unread.seen(room);
    this.emit('room-shown', { room });
    this.emit('rooms');
  }

  /** Off the list but not left: unlike #forget, the room's pushes still arrive and put it back (#addRoom). */
  #setAside(id) {
    this.rooms.delete(id);
    this.roomIds = this.roomIds.filter(roomId => roomId !== id);
    if (this.currentId === id) this.currentId = null;
    this.emit('rooms');
  }

  #forget(id) {
    this.#left.add(id);
    this.rooms.delete(id);
    this.roomIds = this.roomIds.filter(roomId => roomId !== id);
    this.#outbox.removeRoom(id);
    if (this.currentId === id) this.currentId = null;
    this.emit('rooms');
  }

  #applyJoin(result) {
    const room = this.#room(result.room.id);
    this.#left.delete(room.id);
    if (!this.roomIds.includes(room.id)) this.roomIds.push(room.id);

    const firstLoad = !room.loaded;
    const appended = room.load(result, this.me?.userId);
    if (firstLoad) {
      this.#confirmOwn(room, room.events);
      if (room.id !== this.currentId) this.#unread.count(room, room.events);
      else {
        this.emit('room-shown', { room });
        if (this.viewing) this.#unread.seen(room);
      }
    } else {
      this.#announce(room, appended);
    }

    if (room.id === this.currentId) {
      this.emit('members', { room });
      this.emit('room-changed', { room }); // name, topic, and what our role allows
      this.loadReceipts(room);
    }
    this.emit('rooms');
    if (room.behind(result.lastSeq)) this.catchUp(room);
  }

  /**
   * Reads the member list again from its start, as many members as are loaded (at least a first page, at most the
   * largest page): after a reconnect, and every MEMBER_REFRESH_MS while a paged list is shown (refreshPagedMembers).
   */
  async #refreshMembers(room) {
    try {
      const limit = Math.min(MAX_MEMBER_PAGE, Math.max(MEMBER_PAGE, room.members.size));
      const page = await this.#hub.invoke(Methods.Members, room.id, null, limit, null);
      room.setMembers(page.members, page.next ?? null, page);
      if (room.id === this.currentId) this.emit('members', { room });
    } catch {
      // The next JoinRoom (opening the room) brings the list again.
    }
  }

  /**
   * In a room whose member list is paged the server pushes counts, and in a big one no presence changes (lazy
   * presence): the page reads what it shows again. Called every MEMBER_REFRESH_MS by the page; only the open room.
   */
  refreshPagedMembers() {
    const room = this.current;
    if (room?.loaded && !room.membersComplete && this.viewing) this.#refreshMembers(room);
  }

  /**
   * The member filter box: members whose name contains `text`. A complete list is filtered here; a paged one asks the
   * room (Members with a filter), whose pages load on as the list scrolls. Empty text shows the whole list again.
   */
  async filterMembers(room, text) {
    text = text.trim();
    if (!text) room.setMemberFilter(null);
    else if (room.membersComplete) room.setMemberFilter({ text, members: null, next: null });
    else {
      room.setMemberFilter({ text, members: [], next: null });
      try {
        const page = await this.#hub.invoke(Methods.Members, room.id, null, MORE_MEMBERS, text);
        if (room.memberFilter?.text !== text) return; // typed on meanwhile
        room.setMemberFilter({ text, members: page.members, next: page.next ?? null });
      } catch {
        // The box keeps the text; typing again asks again.
      }
    }
    if (room.id === this.currentId) this.emit('members', { room });
  }

  /** The member list scrolled to its end: loads the next page of members (or of the filtered ones), once at a time. */
  async loadMoreMembers(room) {
    const filter = room.memberFilter;
    if (filter ? !filter.next : room.membersComplete) return;
    if (this.#loadingMembers.has(room.id)) return;
    this.#loadingMembers.add(room.id);
    try {
      if (filter) {
        const page = await this.#hub.invoke(Methods.Members, room.id, filter.next, MORE_MEMBERS, filter.text);
        if (room.memberFilter === filter) room.setMemberFilter({ ...filter, members: [...filter.members, ...page.members], next: page.next ?? null });
      } else {
        room.addMemberPage(await this.#hub.invoke(Methods.Members, room.id, room.membersNext, MORE_MEMBERS, null));
      }
      if (room.id === this.currentId) this.emit('members', { room });
    } catch {
      // Scrolling again tries again.
    } finally {
      this.#loadingMembers.delete(room.id);
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
      room.receive(events); // kept by its timeline in case a JoinRoom is in flight
      if (roomId !== this.currentId) this.#unread.count(room, events);
      return;
    }

    this.#announce(room, room.receive(events));
    if (room.timeline.hasGap) this.catchUp(room);
  }

  catchUp(room) {
    return catchUp(this.#hub, room, events => this.#announce(room, events));
  }

  /** Scrollback for the current room. */
  async loadOlder(limit) {
    const room = this.current;
    const older = await loadOlder(this.#hub, room, () => {
      if (this.rooms.has(room.id)) this.emit('history', { room });
    }, limit);
    if (older && room.id === this.currentId) this.emit('events-prepended', { room, events: older });
    return older;
  }

  /**
   * Loads scrollback of the current room until message `seq` is loaded (the original of a reply, a pinned message):
   * pages reach back to it in one call when it is up to 500 events away.
   * @returns true when the message is loaded
   */
  async loadUntil(seq) {
    const room = this.current;
    for (let tries = 0; room?.loaded && !room.shows(seq) && !room.historyComplete && tries < 200; tries++) {
      if (room !== this.current) return false;
      const limit = Math.min(500, Math.max(50, room.oldestSeq - seq + 20));
      if ((await this.loadOlder(limit)) === null) await delay(100); // a page already in flight
    }
    return Boolean(room?.shows(seq));
  }

  #quoting = new Set(); // roomId:seq of originals being read for quotes

  /** Reads the original of a reply that is not loaded (one History event), so its quote can show it. */
  async fetchQuoted(room, seq) {
    const key = `${room.id}:${seq}`;
    if (this.#quoting.has(key) || room.message(seq)) return;
    this.#quoting.add(key);
    try {
      room.addQuoted(await this.#hub.invoke(Methods.History, room.id, seq + 1, 1));
      const message = room.message(seq);
      if (message && room.id === this.currentId) this.emit('messages-changed', { room, messages: [message] });
    } catch {
      // Offline: the quote says "an earlier message"; opening the room again retries.
    } finally {
      this.#quoting.delete(key);
    }
  }

  // ---- read receipts --------------------------------------------------------------------------------

  /** How far the members read (hub Receipts), when the room shows receipts; on open and after a reconnect. */
  async loadReceipts(room) {
    if (!room?.loaded || !showsReceipts(room)) return;
    try {
      const receipts = await this.#hub.invoke(Methods.Receipts, room.id);
      room.setReceipts(receipts);
      if (room.id === this.currentId) this.emit('receipts', { room });
    } catch {
      // The room grew past 50 members, or we are offline: no receipts until the next open or reconnect.
    }
  }

  /** Server push `receipt`: a member read further. */
  onReceipt(roomId, { userId, seq }) {
    const room = this.rooms.get(roomId);
    if (!room?.loaded || !room.addReceipt(userId, seq)) return;
    if (roomId === this.currentId) this.emit('receipts', { room });
  }

  /** Hub SetReceipts: whether the others see how far this user read. */
  async setReceipts(on) {
    await this.#hub.invoke(Methods.SetReceipts, on);
    this.me = { ...this.me, receiptsOff: !on };
    this.emit('me', { me: this.me });
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
    if (room.id !== this.currentId) {
      this.#unread.count(room, events);
      return;
    }
    this.emit('events-appended', { room, events });
    // A hidden tab shows the message but nobody reads it yet: count it until the tab is visible again.
    if (this.viewing) this.#unread.seen(room);
    else this.#unread.count(room, events);
  }

  /** Our own messages replace their pending bubbles, so the sender sees each message exactly once. */
  #confirmOwn(room, events) {
    this.#outbox.confirm(room.id, events.filter(event => event.authorId === this.me?.userId), room.timeline.lastSeq);
  }

  /**
   * Server push `roomAdded`: someone invited the user or started a conversation with them (or the user joined in
   * another tab). The room is fetched with JoinRoom so the list can show its name and unread messages.
   */
  onRoomAdded(roomId) {
    if (this.#creating > 0) {
      this.#addedMeanwhile.push(roomId); // maybe the room we are creating: decided when that call returns
      return;
    }
    this.#addRoom(roomId);
    const room = this.#room(roomId);
    if (!room.loaded && !this.#joining.has(roomId)) this.#fetch(room);
  }

  async #fetch(room) {
    this.#joining.add(room.id);
    try {
      const result = await this.#hub.invoke(Methods.JoinRoom, room.id);
      if (this.#left.has(room.id)) return; // removed again meanwhile
      this.#applyJoin(result);
      this.emit('room-arrived', { room });
    } catch {
      // Removed again, or offline: the next MyRooms (reconnect) has the truth.
    } finally {
      this.#joining.delete(room.id);
    }
  }

  /** Server push `room`: a room's name, topic or visibility changed (also our own UpdateRoom's answer). */
  onRoomChanged(roomId, summary) {
    const room = this.rooms.get(roomId);
    if (!room) return;
    const visibilityChanged = room.applySummary(summary);
    this.emit('rooms');
    if (roomId === this.currentId) this.emit('room-changed', { room });
    if (visibilityChanged) this.refreshPublicRooms();
  }

  #addRoom(roomId) {
    this.#left.delete(roomId);
    if (this.roomIds.includes(roomId)) return;
    this.roomIds.push(roomId);
    this.#room(roomId);
    this.emit('rooms');
    this.refreshPublicRooms();
  }

  // ---- members --------------------------------------------------------------------------------------

  /** Server push `member`: { kind: joined | left | kicked | banned | online | away | offline | profile | role, member }. */
  onMember(roomId, { kind, member }) {
    if (member.userId === this.me?.userId) this.#onOwnChange(roomId, kind, member);

    const room = this.rooms.get(roomId);
    if (!room) return;
    const peerBefore = room.peer;
    room.applyMemberChange(kind, member);
    if (kind === 'profile') this.emit('author', { room, member });
    if (room.peer !== peerBefore) this.emit('rooms'); // a DM's name and online dot
    if (room.loaded && room.id === this.currentId) this.emit('members', { room });
  }

  /**
   * Server push `presence`: the room restarted (its silo died or it moved) and member changes may have been lost;
   * this is the first page of the member list with online states and the counts, replacing ours.
   */
  onPresence(roomId, members, next = null, counts = null) {
    const room = this.rooms.get(roomId);
    if (!room) return;
    room.setMembers(members, next ?? null, counts);
    this.emit('rooms'); // a DM's online dot
    if (room.loaded && room.id === this.currentId) this.emit('members', { room });
  }

  /** Server push `memberCounts`: a room whose member list is paged counted its members again. */
  onMemberCounts(roomId, counts) {
    const room = this.rooms.get(roomId);
    if (!room) return;
    room.applyMemberCounts(counts);
    if (room.loaded && room.id === this.currentId) this.emit('members', { room });
  }

  /** A change of our own user, typically made in another tab. */
  #onOwnChange(roomId, kind, member) {
    if (kind === 'profile'
      && (member.name !== this.me.name || (member.avatar ?? 0) !== this.me.avatar || (member.status ?? null) !== this.me.status)) {
      this.me = { ...this.me, name: member.name, avatar: member.avatar ?? 0, status: member.status ?? null };
      this.emit('me', { me: this.me });
    } else if (kind === 'joined') {
      this.onRoomAdded(roomId); // in case its `roomAdded` went missing
    } else if (kind === 'role' && this.rooms.has(roomId)) {
      const room = this.rooms.get(roomId);
      room.setRole(member.role);
      if (roomId === this.currentId) this.emit('room-changed', { room });
    } else if (REMOVALS.has(kind) && this.rooms.has(roomId)) {
      const name = this.roomName(roomId);
      this.#forget(roomId);
      this.refreshPublicRooms();
      if (kind !== 'left') this.emit('removed', { name, kind });
      // Best effort: if this fails we are offline, and the reconnect's resync opens the lobby.
      if (this.currentId === null) this.open(LOBBY).catch(() => {});
    }
  }
}

function sameSet(a, b) {
  return b !== undefined && a.size === b.size && [...a].every(item => b.has(item));
}

/**
 * A group conversation's name: the current names of its other members (alphabetical), or, before it is loaded, the names
 * it was created with, without the user's own.
 */
export function groupName(room, me) {
  const names = room.members.size > 0
    ? [...room.members.values()].filter(member => member.userId !== me?.userId).map(member => member.name).sort()
    : (room.summary?.name ?? '').split(', ').filter(name => name && name !== me?.name);
  return names.length > 0 ? names.join(', ') : 'Group conversation';
}
