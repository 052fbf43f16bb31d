// OrleansChat browser client: wires the session, the hub connection, the chat state and the views.
// Protocol: docs/protocol.md. Everything a user typed is inserted as text, never as HTML.
import { Chat, LOBBY } from './js/chat.js';
import { initComposer, MAX_MESSAGE_LENGTH } from './js/composer.js';
import { delay } from './js/dom.js';
import { Hub, describeError, retryDelay } from './js/hub.js';
import { renderMembers } from './js/members-view.js';
import { MessagesView } from './js/messages-view.js';
import { Outbox } from './js/outbox.js';
import { initProfile, showName } from './js/profile-view.js';
import { RoomsView } from './js/rooms-view.js';
import { openSession } from './js/session.js';
import { LAST_ROOM_KEY, load, save } from './js/storage.js';
import { initDrawers, setBanner, showToast } from './js/ui.js';

const $ = id => document.getElementById(id);
const wideScreen = matchMedia('(min-width: 701px)');

let session = null; // { token, userId, name } from POST /api/session

const hub = new Hub(() => session?.token ?? '', {
  events: (roomId, events) => chat.onEvents(roomId, events),
  member: (roomId, change) => chat.onMember(roomId, change),
  // Sent by newer gateways (not yet in docs/protocol.md): a room joined in another tab, a renamed room,
  // someone typing. Handled (or ignored) here so they neither break nor clutter the console.
  roomAdded: roomId => chat.onRoomAdded(roomId),
  room: (roomId, summary) => chat.onRoomChanged(roomId, summary),
  typing: () => {},
}, {
  reconnecting: () => setBanner('reconnecting'),
  reconnected: () => {
    setBanner('online');
    sync();
  },
  closed: () => reconnectAfterClose(),
});

const messages = new MessagesView($('messages'), {
  nearTop: () => chat.loadOlder(),
  retry: id => outbox.retry(id),
  discard: id => outbox.remove(id),
});

const outbox = new Outbox((roomId, clientMsgId, text) => hub.invoke('Send', roomId, clientMsgId, text), {
  changed: item => messages.upsertPending(item),
  removed: item => messages.removePending(item),
  acked: item => chat.acked(item),
  refused: (item, error) => showToast(describeError(error)),
});

// Opening a room from "Browse rooms" joins it: JoinRoom both joins and (re)opens.
const rooms = new RoomsView({ rooms: $('rooms'), browse: $('browse'), browseEmpty: $('browse-empty') }, id => openRoom(id));

const drawers = initDrawers();

const chat = new Chat(hub, outbox, {
  meChanged: me => {
    showName($('me'), me.name);
    messages.meId = me.userId;
  },
  roomsChanged: () => rooms.render(chat),
  roomShown: room => showRoom(room),
  roomChanged: room => showRoomHeading(room),
  eventsAppended: (room, events) => messages.append(room, events),
  eventsPrepended: (room, events) => messages.prepend(room, events),
  historyChanged: room => messages.showHistoryState(room),
  membersChanged: room => renderMembers($('members'), $('member-count'), room, chat.me?.userId),
});

// ---- rendering a room --------------------------------------------------------------------------------

function showRoom(room) {
  // Set once the room's messages are on screen (tests wait on it), not while its first JoinRoom is in flight.
  if (room.loaded) {
    document.body.dataset.room = room.id;
    save(LAST_ROOM_KEY, room.id);
  }
  showRoomHeading(room);
  messages.show(room, outbox.forRoom(room.id));
  renderMembers($('members'), $('member-count'), room, chat.me?.userId);
}

function showRoomHeading(room) {
  const name = chat.roomName(room.id);
  const topic = room.summary?.topic ?? '';
  document.title = `#${name} · OrleansChat`;
  $('room-name').textContent = name;
  $('room-topic').textContent = topic;
  $('room-topic').hidden = topic === '';
  // The lobby is everyone's fallback room (startup, after leaving a room), so it cannot be left.
  $('leave').hidden = room.id === LOBBY;
  $('composer').placeholder = `Message #${name}`;
  $('composer').setAttribute('aria-label', `Message #${name}`);
}

// ---- user actions ------------------------------------------------------------------------------------

/** Runs a user action; a failure becomes a toast (the hub's message for people, never a stack trace). */
async function attempt(action) {
  try {
    await action();
  } catch (error) {
    showToast(describeError(error));
  }
}

function openRoom(id) {
  drawers.close();
  if (wideScreen.matches) $('composer').focus(); // on phones this would pop up the keyboard
  // Clicking the open room again retries it if its first load failed.
  if (id !== chat.currentId || !chat.current?.loaded) attempt(() => chat.open(id));
}

function send(text) {
  const room = chat.current;
  if (!room) return false;
  const body = text.replace(/^\s*\n/, '').trimEnd(); // drop blank lines around it, keep indentation
  if (body.length > MAX_MESSAGE_LENGTH) {
    showToast(`A message can be at most ${MAX_MESSAGE_LENGTH} characters (this one has ${body.length}).`);
    return false;
  }
  outbox.add(room.id, body, chat.me?.name ?? session?.name ?? 'You');
  return true;
}

function initRoomActions() {
  $('new-room-form').addEventListener('submit', event => {
    event.preventDefault();
    const input = $('new-room-name');
    const name = input.value.trim();
    if (name === '') return;
    const button = $('new-room-create');
    button.disabled = true;
    attempt(async () => {
      await chat.create(name);
      input.value = '';
      drawers.close();
    }).finally(() => {
      button.disabled = false;
    });
  });
  $('leave').addEventListener('click', () => {
    const id = chat.currentId;
    if (id && id !== LOBBY) attempt(() => chat.leave(id));
  });
  $('browse-refresh').addEventListener('click', () => chat.refreshPublicRooms());
}

// ---- connection --------------------------------------------------------------------------------------

let started = false;

/** Session + hub start, retried until they succeed (automatic reconnect only covers an established connection). */
async function connect() {
  for (let tries = 0; ; tries++) {
    try {
      session ??= await openSession();
      if (!chat.me) showName($('me'), session.name);
      await hub.start();
      return;
    } catch (error) {
      // 401: the hub no longer accepts this token (say, a new server key): get a session again.
      if (error?.statusCode === 401) session = null;
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
        await chat.start(load(LAST_ROOM_KEY));
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

initComposer($('composer-form'), $('composer'), send);
initProfile({ button: $('me'), form: $('rename-form'), input: $('rename-input'), error: $('rename-error'), cancel: $('rename-cancel') },
  name => chat.rename(name));
initRoomActions();

setBanner('connecting');
await connect();
setBanner(null);
await sync();
