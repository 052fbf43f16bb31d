// OrleansChat browser client: wires the session, the hub connection, the chat state and the views.
// Protocol: docs/protocol.md. Everything a user typed is inserted as text, never as HTML.
import { loginDialog, logoutDialog, passwordDialog } from './js/account.js';
import { AvatarPictures, usePictures } from './js/avatar.js';
import { AwayDetector, INPUT_EVENTS } from './js/away.js';
import { Chat, MEMBER_REFRESH_MS } from './js/chat.js';
import { DesktopNotifier } from './js/desktop-notifier.js';
import { FileLoader } from './js/files.js';
import { delay } from './js/dom.js';
import { Hub, describeError, isUnauthorized, retryDelay } from './js/hub.js';
import { deleteDialog } from './js/delete-dialog.js';
import { Dialogs } from './js/dialogs.js';
import { fileAction, imageDialog } from './js/image-dialog.js';
import { inviteDialog } from './js/invite-dialog.js';
import './js/components/member-list.js';
import './js/components/message-composer.js';
import './js/components/message-timeline.js';
import './js/components/profile.js';
import './js/components/room-bar.js';
import './js/components/room-list.js';
import { Methods } from './js/methods.js';
import { notifyDialog } from './js/notify-settings.js';
import { Outbox, newClientMsgId } from './js/outbox.js';
import { peopleDialog } from './js/people-dialog.js';
import { pictureDialog } from './js/picture-dialog.js';
import { pinnedDialog } from './js/pinned-dialog.js';
import { searchDialog } from './js/search-dialog.js';
import { pageTitle } from './js/room-bar.js';
import { settingsDialog } from './js/room-settings.js';
import { openSession } from './js/session.js';
import { LAST_ROOM_KEY, load, save } from './js/storage.js';
import { TypingIndicator, TypingNotifier } from './js/typing.js';
import { attempt, initDrawers, setBanner, setTitle, showToast } from './js/ui.js';
import { showRoomsToggleDot } from './js/unread-dots.js';
import { followVisualViewport } from './js/viewport.js';

const wideScreen = matchMedia('(min-width: 701px)');

let session = null; // { token, userId, name } from POST /api/session
let notifySettings = null;

const hub = new Hub(() => session?.token ?? '', {
  events: (roomId, events) => {
    for (const event of events) typing.remove(roomId, event.authorId);
    chat.onEvents(roomId, events);
  },
  member: (roomId, change) => chat.onMember(roomId, change),
  presence: (roomId, members, next, counts) => chat.onPresence(roomId, members, next, counts),
  memberCounts: (roomId, counts) => chat.onMemberCounts(roomId, counts),
  roomAdded: roomId => chat.onRoomAdded(roomId),
  room: (roomId, summary) => chat.onRoomChanged(roomId, summary),
  receipt: (roomId, receipt) => chat.onReceipt(roomId, receipt),
  typing: (roomId, member) => {
    if (member.userId !== chat.me?.userId) typing.add(roomId, member); // the typist gets its own notice too
  },
}, {
  reconnecting: () => {
    away.disconnected();
    setBanner('reconnecting');
  },
  reconnected: () => {
    away.connected();
    setBanner('online');
    sync();
  },
  closed: () => {
    away.disconnected();
    reconnectAfterClose();
  },
});

// Hidden or idle: this connection is away (js/away.js); the rooms combine all the user's connections.
const away = new AwayDetector(state => hub.invoke(Methods.SetAway, state), {
  hidden: document.visibilityState === 'hidden',
});

// Files are fetched with the token and shown through blob: URLs (docs/protocol.md §5).
const files = new FileLoader(() => session?.token ?? '');
// Pictures likewise (docs/protocol.md §6), once per user and version.
usePictures(new AvatarPictures(() => session?.token ?? ''));
// Replies go through the outbox like any message (Reply is ordered with the Sends of the connection, guarantee 6).
const outbox = new Outbox((roomId, clientMsgId, text, replyTo) => (replyTo == null
  ? hub.invoke(Methods.Send, roomId, clientMsgId, text)
  : hub.invoke(Methods.Reply, roomId, clientMsgId, replyTo, text)), {
  acked: item => chat.acked(item),
  refused: (item, error) => showToast(describeError(error)),
});

const drawers = initDrawers();

const typing = new TypingIndicator();
const typingNotifier = new TypingNotifier(roomId => hub.invoke(Methods.Typing, roomId));

// Desktop notifications, one per message over all tabs of this browser (js/desktop-notifier.js).
const notifier = new DesktopNotifier({
  me: () => chat.me,
  title: (room, event) => room.isDirect
    ? chat.roomName(room.id)
    : `${room.members.get(event.authorId)?.name ?? event.authorName} in ${room.isPrivate ? '' : '#'}${chat.roomName(room.id)}`,
  open: id => openRoom(id),
  levelChanged: (roomId, level) => chat.levelChanged(roomId, level),
  askPermission: () => notifySettings.showPrompt(),
});

const chat = new Chat(hub, outbox);
// The panels are components that own their DOM and subscribe to the chat (docs/architecture.md, "The page").
const roomList = document.querySelector('chat-room-list');
const memberList = document.querySelector('chat-members');
const profile = document.querySelector('chat-profile');
const roomBar = document.querySelector('chat-room-bar');
const timeline = document.querySelector('chat-timeline');
const composer = document.querySelector('chat-composer');
profile.connect(chat, { away });
roomList.connect(chat);
memberList.connect(chat);
roomBar.connect(chat);
timeline.connect(chat, { outbox, files });
composer.connect(chat, { typing, token: () => session?.token ?? '' });
// Opening a room from "Browse rooms" joins it: JoinRoom both joins and (re)opens.
roomList.addEventListener('open-room', event => openRoom(event.detail.roomId));
roomList.addEventListener('room-created', () => drawers.close());
// What the user asks of a message (js/components/message-timeline.js); changes go to the hub, and come back as events.
timeline.addEventListener('reply', event => composer.replyTo(event.detail.message));
timeline.addEventListener('react', ({ detail }) => change(Methods.React, detail.message, detail.emoji, detail.add));
timeline.addEventListener('edit-message', event => event.respondWith(change(Methods.Edit, event.detail.message, event.detail.text)));
timeline.addEventListener('delete-message', event => dialogs.open('delete-dialog', { roomId: chat.currentId, message: event.detail.message }));
timeline.addEventListener('pin', ({ detail }) => change(Methods.Pin, detail.message, detail.pinned));
timeline.addEventListener('open-file', event => dialogs.open('image-dialog', { attachment: event.detail.attachment }));
timeline.addEventListener('download-file', event => fileAction(() => files.download(event.detail.attachment)));
timeline.addEventListener('load-older', () => chat.loadOlder());
timeline.addEventListener('retry-send', event => outbox.retry(event.detail.clientMsgId));
timeline.addEventListener('discard-send', event => outbox.remove(event.detail.clientMsgId));
composer.addEventListener('send-message', ({ detail }) => {
  outbox.add(detail.roomId, detail.text, chat.me?.name ?? session?.name ?? 'You', detail.replyTo);
  typingNotifier.sent(detail.roomId);
});
composer.addEventListener('typing', event => typingNotifier.typed(event.detail.roomId));
composer.addEventListener('edit-last', event => {
  if (timeline.editLast()) event.preventDefault();
});
chat.on('me', ({ me }) => {
  away.setAwayAfter(me.awayAfterSeconds * 1000);
});
chat.on('rooms', () => {
  showRoomsToggleDot(document.getElementById('open-rooms'), chat);
  showTitle();
});
chat.on('unseen', ({ room, events }) => notifier.arrived(room, events));
chat.on('room-shown', ({ room }) => showRoom(room));
chat.on('room-changed', () => showTitle());
chat.on('open-failed', ({ error }) => showToast(describeError(error)));
chat.on('room-arrived', ({ room }) => showToast(room.isConversation
  ? `New conversation with ${chat.roomName(room.id)}.`
  : `You are now in ${room.isPrivate ? '' : '#'}${chat.roomName(room.id)}.`, 'info'));
chat.on('removed', ({ name }) => showToast(`You were removed from ${name}.`, 'info'));
// A big room pushes counts, not every member's presence: the open room's member list is read again now and then.
setInterval(() => chat.refreshPagedMembers(), MEMBER_REFRESH_MS);

// What the user chose in a member's menu (js/components/member-list.js).
memberList.addEventListener('message-member', ({ detail: { member } }) =>
  attempt(() => chat.openDirect(member.userId).then(() => drawers.close())));
memberList.addEventListener('kick', ({ detail: { member } }) => attempt(() => hub.invoke(Methods.Kick, chat.currentId, member.userId)));
memberList.addEventListener('ban', ({ detail: { member, deleteHours } }) => attempt(async () => {
  if (!deleteHours) return hub.invoke(Methods.Ban, chat.currentId, member.userId);
  const deleted = await hub.invoke(Methods.BanAndDelete, chat.currentId, member.userId, deleteHours);
  showToast(`${member.name} is banned; ${deleted} of their messages deleted.`, 'info');
}));
memberList.addEventListener('set-role', ({ detail: { member, role } }) =>
  attempt(() => hub.invoke(Methods.SetRole, chat.currentId, member.userId, role)));
memberList.addEventListener('block', ({ detail: { member } }) => attempt(async () => {
  await chat.setBlocked(member.userId, true);
  showToast(`You blocked ${member.name}: their messages are hidden, and they cannot message or invite you.`, 'info');
}));
memberList.addEventListener('unblock', ({ detail: { member } }) => attempt(() => chat.setBlocked(member.userId, false)));
memberList.addEventListener('rename-self', () => {
  drawers.close();
  profile.openRename();
});

// ---- rendering a room --------------------------------------------------------------------------------

function showRoom(room) {
  // Set once the room's messages are on screen (tests wait on it), not while its first JoinRoom is in flight.
  if (room.loaded) {
    document.body.dataset.room = room.id;
    save(LAST_ROOM_KEY, room.id);
    // The address names the open room, so it can be bookmarked, shared with members, or reloaded.
    if (location.hash !== `#${room.id}`) history.replaceState(null, '', `#${room.id}`);
  }
  showViewing();
  showTitle();
}

/** "(3) #room · OrleansChat": the open room, and what the user chose to be told of over all rooms. */
function showTitle() {
  const room = chat.current;
  setTitle(room ? pageTitle(room, chat.roomName(room.id)) : 'OrleansChat', chat.attention);
}

/** Tells the other tabs which room this one shows while visible: none of them notifies of it. */
function showViewing() {
  notifier.setViewing(document.visibilityState === 'visible' ? chat.currentId : null);
}

// ---- user actions ------------------------------------------------------------------------------------

function openRoom(id) {
  drawers.close();
  if (wideScreen.matches) composer.focus(); // on phones this would pop up the keyboard
  // Clicking the open room again retries it if its first load failed.
  if (id !== chat.currentId || !chat.current?.loaded) attempt(() => chat.open(id));
}

// ---- changing messages (docs/protocol.md §2 Edit, Delete, React, Pin; guarantee 3: a new clientMsgId each) ----------

/**
 * Sends a change of a message shown in the current room. Only acknowledged messages (they have a seq) offer actions,
 * so a change never races its message's own Send. The change comes back as an event that updates the message.
 * @returns true when the server took it
 */
async function change(method, message, ...args) {
  const roomId = chat.currentId;
  try {
    await hub.invoke(method, roomId, newClientMsgId(), message.seq, ...args);
    return true;
  } catch (error) {
    showToast(describeError(error));
    return false;
  }
}

/** Opens a room (a search result's) and shows one of its messages, loading the history back to it. */
async function showMessage(roomId, seq) {
  drawers.close();
  if (roomId !== chat.currentId || !chat.current?.loaded) {
    try {
      await chat.open(roomId);
    } catch (error) {
      showToast(describeError(error));
      return;
    }
  }
  await timeline.jumpTo(seq);
}

function initRoomActions() {
  // Another room typed into the address bar (or a link to one): open it; a room we may not see says so.
  addEventListener('hashchange', () => {
    const id = requestedRoom();
    if (id && id !== chat.currentId && started) openRoom(id);
  });
  // What arrives in a hidden tab is not read yet: it counts in the title until the tab is looked at again.
  document.addEventListener('visibilitychange', () => {
    chat.setViewing(document.visibilityState === 'visible');
    away.setHidden(document.visibilityState === 'hidden');
    showViewing();
  });
  for (const type of INPUT_EVENTS) addEventListener(type, () => away.input(), { capture: true, passive: true });
}

// ---- dialogs (js/dialogs.js: one shape; buttons with data-opens open theirs) -----------------------------

const dialogs = new Dialogs();
const invoke = (method, ...args) => hub.invoke(method, ...args);

function defineDialogs() {
  notifySettings = dialogs.define('notify-dialog', notifyDialog, {
    notifier,
    room: () => chat.current,
    roomName: room => `${room.isConversation ? 'your conversation with ' : room.isPrivate ? '' : '#'}${chat.roomName(room.id)}`,
    setLevel: async (roomId, level) => {
      await chat.setNotify(roomId, level);
      notifier.shareLevel(roomId, level);
    },
  });
  dialogs.define('pinned-dialog', pinnedDialog, {
    invoke,
    room: () => chat.current,
    authorName: (userId, fallback) => chat.current?.members.get(userId)?.name ?? fallback,
    jump: seq => timeline.jumpTo(seq),
  });
  dialogs.define('search-dialog', searchDialog, {
    invoke,
    room: () => chat.current,
    roomLabel: room => `${room.isDirect ? 'your conversation with ' : room.isPrivate ? '' : '#'}${chat.roomName(room.id)}`,
    show: (roomId, seq) => showMessage(roomId, seq),
  });
  dialogs.define('people-dialog', peopleDialog, {
    startGroup: async userIds => {
      drawers.close();
      await chat.createGroup(userIds);
    },
    invoke,
    meId: () => chat.me?.userId,
    message: userId => {
      drawers.close();
      attempt(() => chat.openDirect(userId));
    },
  });
  dialogs.define('invite-dialog', inviteDialog, {
    invoke,
    room: () => chat.current,
    roomName: room => `${room.isPrivate ? '' : '#'}${chat.roomName(room.id)}`,
  });
  dialogs.define('settings-dialog', settingsDialog, {
    invoke,
    room: () => chat.current,
    updated: (roomId, summary) => chat.onRoomChanged(roomId, summary),
  });
  dialogs.define('image-dialog', imageDialog, { files });
  dialogs.define('delete-dialog', deleteDialog, {
    currentId: () => chat.currentId,
    remove: message => change(Methods.Delete, message),
  });
  dialogs.define('password-dialog', passwordDialog, {
    setPassword: async (currentPassword, password) => {
      await chat.setPassword(currentPassword, password);
      showToast(`Password set. You can log in as ${chat.me.name} from another browser.`, 'info');
    },
    me: () => chat.me,
  });
  // The new token is stored; loading the page afresh connects as that user with none of the old user's rooms,
  // pending messages or room address left over.
  dialogs.define('login-dialog', loginDialog, { loggedIn: () => location.assign(location.pathname + location.search) });
  // The token is gone: the page loaded afresh starts as a new guest.
  dialogs.define('logout-dialog', logoutDialog, { me: () => chat.me, loggedOut: () => location.assign(location.pathname) });
  dialogs.define('picture-dialog', pictureDialog, {
    me: () => chat.me, token: () => session?.token ?? '', saved: me => chat.profileChanged(me),
  });
}

/** The room named by the address (#roomId), if any. */
function requestedRoom() {
  const id = decodeURIComponent(location.hash.slice(1));
  return /^[a-z0-9-]{1,200}$/.test(id) ? id : null;
}

// ---- connection --------------------------------------------------------------------------------------

let started = false;

/** Session + hub start, retried until they succeed (automatic reconnect only covers an established connection). */
async function connect() {
  for (let tries = 0; ; tries++) {
    try {
      if (!session) {
        session = await openSession();
        // The old session ended (logged out, maybe from another browser) and this is a new guest: start afresh, with
        // none of the old user's rooms, drafts of its pages or pending messages on screen.
        if (chat.me && session.userId !== chat.me.userId) {
          location.assign(location.pathname);
          return;
        }
      }
      if (!chat.me) profile.showName(session.name);
      await hub.start();
      away.connected();
      return;
    } catch (error) {
      // 401: the hub no longer accepts this token (say, a new server key): get a session again.
      if (isUnauthorized(error)) session = null;
      setBanner(!started && tries === 0 ? 'connecting' : 'offline');
      await delay(retryDelay(tries + 1));
    }
  }
}

async function reconnectAfterClose() {
  setBanner('offline');
  await connect();
  setBanner('online');
  sync();
}

let syncRunning = false;
let syncAgain = false;

/** Brings this tab up to date after (re)connecting; one run at a time, re-run if another reconnect happened. */
async function sync() {
  if (syncRunning) {
    syncAgain = true;
    return;
  }
  syncRunning = true;
  try {
    do {
      syncAgain = false;
      await syncOnce();
    } while (syncAgain);
  } finally {
    syncRunning = false;
  }
}

async function syncOnce() {
  for (let tries = 0; hub.connected; tries++) {
    try {
      if (started) {
        await chat.resync();
      } else {
        await chat.start(load(LAST_ROOM_KEY), requestedRoom());
        started = true;
        document.body.dataset.ready = '1';
      }
      return;
    } catch (error) {
      if (!hub.connected) return; // the reconnect syncs again
      if (tries === 0) showToast(describeError(error));
      await delay(retryDelay(tries + 1));
    }
  }
}

// ---- start -------------------------------------------------------------------------------------------

followVisualViewport();
initRoomActions();
defineDialogs();
chat.setViewing(document.visibilityState === 'visible');

setBanner('connecting');
await connect();
setBanner(null);
await sync();
