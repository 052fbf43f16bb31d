import { el } from './dom.js';
import { describeError } from './hub.js';

// ---- connection banner (#banner) --------------------------------------------------------------------

const BANNER_TEXT = {
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  online: 'Back online',
};
const BACK_ONLINE_MS = 2500;
let bannerTimer = 0;

/** state: 'connecting' | 'reconnecting' | 'offline' | 'online' (shown briefly) | null (hidden). */
export function setBanner(state) {
  const banner = document.getElementById('banner');
  clearTimeout(bannerTimer);
  banner.dataset.state = state ?? '';
  banner.textContent = BANNER_TEXT[state] ?? '';
  banner.hidden = !state;
  if (state === 'online') bannerTimer = setTimeout(() => setBanner(null), BACK_ONLINE_MS);
}

// ---- toasts (#toasts) -------------------------------------------------------------------------------

const TOAST_MS = 8000;
const MAX_TOASTS = 3;

/**
 * A small dismissible message: an error (role=alert) or, with kind 'info', news such as "You were added to #x"
 * (role=status). The same message again (a burst of refused sends) restarts its timer.
 */
export function showToast(message, kind = 'error') {
  const container = document.getElementById('toasts');
  const same = [...container.children].find(toast => toast.querySelector('.toast-text').textContent === message);
  if (same) {
    clearTimeout(Number(same.dataset.timer));
    same.dataset.timer = String(setTimeout(() => same.remove(), TOAST_MS));
    return;
  }
  const toast = el('div', { class: `toast ${kind}`, role: kind === 'info' ? 'status' : 'alert' },
    el('span', { class: 'toast-text' }, message),
    el('button', { type: 'button', class: 'icon-button toast-close', 'aria-label': 'Dismiss', onclick: () => toast.remove() }, '×'));
  toast.dataset.timer = String(setTimeout(() => toast.remove(), TOAST_MS));
  container.append(toast);
  while (container.children.length > MAX_TOASTS) container.firstElementChild.remove();
}

/** Runs a user action; a failure becomes a toast (the hub's message for people, never a stack trace). */
export async function attempt(action) {
  try {
    await action();
  } catch (error) {
    showToast(describeError(error));
  }
}

// ---- drawers (narrow screens) ----------------------------------------------------------------------

/**
 * On narrow screens the room list and member list are slide-in drawers, opened by header buttons.
 * body[data-drawer] names the open one; CSS does the rest, so wide layouts ignore it.
 */
export function initDrawers() {
  const toggles = {
    rooms: document.getElementById('open-rooms'),
    members: document.getElementById('open-members'),
  };
  const panels = {
    rooms: document.getElementById('room-panel'),
    members: document.getElementById('member-panel'),
  };
  const backdrop = document.getElementById('backdrop');

  const open = name => {
    document.body.dataset.drawer = name ?? '';
    backdrop.hidden = !name;
    for (const [key, button] of Object.entries(toggles)) button.setAttribute('aria-expanded', String(key === name));
    if (name) panels[name].focus();
  };
  const close = () => {
    const name = document.body.dataset.drawer;
    if (!name) return;
    open(null);
    // Return focus only if it was inside the drawer: it is being hidden.
    if (panels[name].contains(document.activeElement)) toggles[name].focus();
  };

  for (const [name, button] of Object.entries(toggles)) {
    button.addEventListener('click', () => (document.body.dataset.drawer === name ? close() : open(name)));
  }
  backdrop.addEventListener('click', close);
  for (const button of document.querySelectorAll('[data-close-drawer]')) button.addEventListener('click', close);
  document.addEventListener('keydown', event => {
    if (event.key === 'Escape') close();
  });
  // A drawer left open while the window grows into the wide layout would leave the backdrop behind.
  for (const query of ['(min-width: 701px)', '(min-width: 1000px)']) {
    matchMedia(query).addEventListener('change', () => open(null));
  }
  open(null);
  return { close };
}

// ---- page title ---------------------------------------------------------------------------------------

/** "(3) #room · OrleansChat" while 3 direct messages or mentions are unread. */
export function setTitle(base, attention) {
  const title = attention > 0 ? `(${attention > 99 ? '99+' : attention}) ${base}` : base;
  if (document.title !== title) document.title = title;
}
