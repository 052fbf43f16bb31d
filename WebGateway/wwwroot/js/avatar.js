import { el } from './dom.js';

/** Up to two initials of a name, upper-case: "Amber Heron" → "AH", "zoë" → "Z", letters of any script. */
export function initials(name) {
  const words = String(name ?? '').trim().split(/\s+/).filter(Boolean);
  const letters = words.slice(0, 2).map(word => [...word][0] ?? '');
  return letters.join('').toLocaleUpperCase() || '?';
}

/** A hue from the user id: the same person has the same colour everywhere, whatever their name. */
export function avatarHue(userId) {
  let hash = 0;
  for (const char of String(userId ?? '')) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % 360;
}

/**
 * A generated avatar: the initials on a colour of the user's own. Saturation and lightness are fixed so that white
 * initials keep a contrast of at least 4.5:1 on every hue. Decorative: the name is always written beside it.
 */
export function avatar(userId, name) {
  return el('span', {
    class: 'avatar',
    'aria-hidden': 'true',
    style: `--avatar-hue: ${avatarHue(userId)}`,
  }, initials(name));
}

/** After a rename: the same avatar node with the new initials. */
export function renameAvatar(node, name) {
  if (node) node.textContent = initials(name);
}
