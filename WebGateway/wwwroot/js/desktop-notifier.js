import { asksAttention } from './attention.js';
import { load, save } from './storage.js';

// Desktop notifications (the browser's Notification API) for what the user chose to be told of (attention.js).
//
// One notification per message however many tabs are open: the tabs of this browser elect one leader with the Web
// Locks API (the first tab holds the lock; when it closes, the next one waiting gets it), and only the leader shows
// notifications. Every tab tells the others over a BroadcastChannel which room it shows while visible, so the leader
// stays quiet about a room the user is reading in another tab. Every connection of the user receives every room's
// events, so the leader hears of everything the others do.
const CHANNEL = 'orleanschat.attention';
const LEADER_LOCK = 'orleanschat.notifier';
const DESKTOP_KEY = 'orleanschat.notify.desktop'; // 'off': the user turned them off in this browser
const SOUND_KEY = 'orleanschat.notify.sound'; // '1': play a sound (off until chosen)
const PROMPTED_KEY = 'orleanschat.notify.prompted'; // the "Turn on notifications" prompt was answered
// Messages older than this when they arrive come from a catch-up after time away: counted, not notified.
const FRESH_MS = 2 * 60 * 1000;
const BODY_LENGTH = 160;

export class DesktopNotifier {
  #tab = Math.random().toString(36).slice(2);
  #leader = false;
  #channel = 'BroadcastChannel' in globalThis ? new BroadcastChannel(CHANNEL) : null;
  #viewing = new Map(); // tab → the room it shows while visible
  #ownViewing = null;
  #handlers;

  /**
   * @param handlers { me(), title(room, event) → string, open(roomId), levelChanged(roomId, level),
   *                   askPermission() — a DM or mention arrived and the user was never asked: show the prompt }
   */
  constructor(handlers) {
    this.#handlers = handlers;
    this.#channel?.addEventListener('message', event => this.#receive(event.data));
    if (navigator.locks) {
      navigator.locks.request(LEADER_LOCK, () => {
        this.#leader = true;
        this.#post({ type: 'who' }); // a new leader learns what the other tabs show
        return new Promise(() => {}); // held until the tab closes
      });
    } else {
      this.#leader = true; // no way to agree: each tab notifies
    }
    addEventListener('pagehide', () => this.#post({ type: 'viewing', tab: this.#tab, roomId: null }));
  }

  static get supported() {
    return 'Notification' in globalThis;
  }

  /** 'granted' | 'denied' | 'default' | 'unsupported' */
  static get permission() {
    return DesktopNotifier.supported ? Notification.permission : 'unsupported';
  }

  get enabled() {
    return DesktopNotifier.permission === 'granted' && load(DESKTOP_KEY) !== 'off';
  }

  set enabled(value) {
    save(DESKTOP_KEY, value ? 'on' : 'off');
  }

  get sound() {
    return load(SOUND_KEY) === '1';
  }

  set sound(value) {
    save(SOUND_KEY, value ? '1' : '0');
  }

  /** Asks the browser (from a click: browsers require a user gesture); true when granted. */
  async requestPermission() {
    save(PROMPTED_KEY, '1');
    if (!DesktopNotifier.supported) return false;
    const result = await Notification.requestPermission();
    if (result === 'granted') this.enabled = true;
    this.#post({ type: 'prompted' });
    return result === 'granted';
  }

  /** The prompt was dismissed ("Not now"): not asked again in this browser (the settings dialog still can). */
  dismissPrompt() {
    save(PROMPTED_KEY, '1');
    this.#post({ type: 'prompted' });
  }

  get shouldPrompt() {
    return DesktopNotifier.permission === 'default' && load(PROMPTED_KEY) !== '1';
  }

  /** This tab shows `roomId` while visible (null: hidden, or nothing shown). */
  setViewing(roomId) {
    this.#ownViewing = roomId;
    this.#post({ type: 'viewing', tab: this.#tab, roomId });
  }

  /** A level the user set in this tab: the other tabs apply it at once (other devices at their next MyRooms). */
  shareLevel(roomId, level) {
    this.#post({ type: 'level', roomId, level });
  }

  /** Messages of others arrived in a room nobody looks at in this tab (Unread's `arrived`). */
  arrived(room, events) {
    const now = Date.now();
    const me = this.#handlers.me();
    const wanted = events.filter(event => asksAttention(event, room, me) && now - Date.parse(event.at) < FRESH_MS);
    if (wanted.length === 0) return;
    if (this.shouldPrompt) this.#handlers.askPermission();
    if (!this.#leader || !this.enabled || this.#someTabShows(room.id)) return;
    this.#show(room, wanted.at(-1), wanted.length);
  }

  #someTabShows(roomId) {
    return this.#ownViewing === roomId || [...this.#viewing.values()].includes(roomId);
  }

  #show(room, event, count) {
    const words = event.text || (event.attachment ? `📎 ${event.attachment.name}` : '');
    const text = words.length > BODY_LENGTH ? `${words.slice(0, BODY_LENGTH - 1)}…` : words;
    try {
      const notification = new Notification(this.#handlers.title(room, event), {
        body: count > 1 ? `${text}\n(${count} new messages)` : text,
        tag: `orleanschat:${room.id}`, // a newer message of the room replaces the older notification
        icon: '/favicon.svg',
        silent: true, // our own sound, when chosen, instead of the system's
      });
      notification.onclick = () => {
        focus();
        this.#handlers.open(room.id);
        notification.close();
      };
    } catch {
      // Some browsers allow notifications only from a service worker (Android Chrome): the badge and title remain.
    }
    if (this.sound) beep();
  }

  #post(message) {
    try {
      this.#channel?.postMessage(message);
    } catch {
      // The channel closes with the page.
    }
  }

  #receive(message) {
    if (message?.type === 'viewing') {
      if (message.roomId) this.#viewing.set(message.tab, message.roomId);
      else this.#viewing.delete(message.tab);
    } else if (message?.type === 'who') {
      this.#post({ type: 'viewing', tab: this.#tab, roomId: this.#ownViewing });
    } else if (message?.type === 'level') {
      this.#handlers.levelChanged(message.roomId, message.level);
    } else if (message?.type === 'prompted') {
      this.#handlers.askPermission(); // re-evaluated: the prompt hides where it shows
    }
  }
}

/** A short soft tone (Web Audio), so no sound file is needed. */
function beep() {
  try {
    const audio = new AudioContext();
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.08, audio.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.0001, audio.currentTime + 0.25);
    tone.connect(gain).connect(audio.destination);
    tone.start();
    tone.stop(audio.currentTime + 0.25);
    tone.onended = () => audio.close();
  } catch {
    // No audio (autoplay policy, no device): the notification itself remains.
  }
}
