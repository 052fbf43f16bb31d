import { levelOf } from './attention.js';
import { DesktopNotifier } from './desktop-notifier.js';
import { describeError } from './hub.js';

const PERMISSION_TEXT = {
  granted: '',
  default: 'Your browser will ask whether this site may show notifications.',
  denied: 'Notifications are blocked for this site in your browser\'s settings.',
  unsupported: 'This browser cannot show notifications here (they need https, or a browser that has them).',
};

/**
 * The notification settings: the 🔔 button above the messages opens a dialog with the open room's level (all /
 * mentions / nothing, hub SetNotify, kept by the server) and this browser's desktop notifications and sound; and the
 * "Turn on notifications" prompt, shown after the first direct message or mention that could have notified, never on
 * first load. A dialog of js/dialogs.js; the prompt (#notify-prompt, above the layout) is this module's too.
 * @returns { open(), showPrompt() }
 */
export function notifyDialog(els, { notifier, room, roomName, setLevel }) {
  const radios = [...els.form.querySelectorAll('input[name="level"]')];
  const prompt = document.getElementById('notify-prompt');

  const showBrowserState = () => {
    const permission = DesktopNotifier.permission;
    els.desktop.checked = notifier.enabled;
    els.desktop.disabled = permission === 'denied' || permission === 'unsupported';
    els.desktopStatus.textContent = PERMISSION_TEXT[permission];
    els.desktopStatus.hidden = els.desktopStatus.textContent === '';
    els.sound.checked = notifier.sound;
    els.sound.disabled = !notifier.enabled;
  };

  const open = () => {
    const current = room();
    if (!current) return;
    const level = levelOf(current);
    for (const radio of radios) radio.checked = radio.value === level;
    // In a direct conversation every message is for the user: "mentions" would mean the same as "all".
    els.mentionsChoice.hidden = current.isConversation;
    els.roomLegend.textContent = `In ${roomName(current)}, tell me of`;
    els.error.textContent = '';
    showBrowserState();
    els.dialog.showModal();
  };
  els.form.addEventListener('submit', event => event.preventDefault());
  for (const radio of radios) {
    radio.addEventListener('change', async () => {
      const current = room();
      if (!current || !radio.checked) return;
      els.error.textContent = '';
      try {
        await setLevel(current.id, radio.value);
      } catch (error) {
        els.error.textContent = describeError(error);
        for (const other of radios) other.checked = other.value === levelOf(current);
      }
    });
  }
  els.desktop.addEventListener('change', async () => {
    if (els.desktop.checked && DesktopNotifier.permission !== 'granted') await notifier.requestPermission();
    else notifier.enabled = els.desktop.checked;
    showBrowserState();
    showPrompt();
  });
  els.sound.addEventListener('change', () => {
    notifier.sound = els.sound.checked;
  });

  const showPrompt = () => {
    prompt.hidden = !notifier.shouldPrompt;
  };
  prompt.querySelector('#notify-prompt-on').addEventListener('click', async () => {
    await notifier.requestPermission();
    showPrompt();
  });
  prompt.querySelector('#notify-prompt-later').addEventListener('click', () => {
    notifier.dismissPrompt();
    showPrompt();
  });
  return { open, showPrompt };
}

const LEVEL_TEXT = { all: 'every message', mentions: 'mentions only', nothing: 'off' };

/** The 🔔 button names the open room's level (🔕 when muted for everything). */
export function showNotifyButton(button, room) {
  const level = levelOf(room);
  button.textContent = level === 'nothing' ? '🔕' : '🔔';
  button.setAttribute('aria-label', `Notifications: ${LEVEL_TEXT[level]}`);
  button.title = `Notifications: ${LEVEL_TEXT[level]}`;
  button.dataset.level = level;
}
