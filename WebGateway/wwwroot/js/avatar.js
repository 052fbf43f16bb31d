import { el } from './dom.js';
import { BlobUrls, fetchBlobUrl } from './files.js';

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

let pictures = null;

/** Where uploaded pictures come from: an {@link AvatarPictures} (set once by the page; without it only initials are drawn). */
export function usePictures(source) {
  pictures = source;
}

/**
 * An avatar: the initials on a colour of the user's own, and over them the user's uploaded picture when they have one
 * (`version` > 0) once it has loaded. Saturation and lightness are fixed so that white initials keep a contrast of at
 * least 4.5:1 on every hue. Decorative: the name is always written beside it.
 */
export function avatar(userId, name, version = 0) {
  const node = el('span', {
    class: 'avatar',
    'aria-hidden': 'true',
    style: `--avatar-hue: ${avatarHue(userId)}`,
    dataset: { userId },
  }, el('span', { class: 'avatar-initials' }, initials(name)));
  updateAvatar(node, name, version);
  return node;
}

/** After a change of name or picture: the same avatar node with the new initials and picture. */
export function updateAvatar(node, name, version = 0) {
  if (!node) return;
  node.querySelector('.avatar-initials').textContent = initials(name);
  const shown = Number(node.dataset.avatar ?? 0);
  if (shown === (version ?? 0)) return;
  node.dataset.avatar = String(version ?? 0);
  node.querySelector('.avatar-picture')?.remove();
  if (!version || !pictures) return;
  pictures.url(node.dataset.userId, version).then(url => {
    // Still the picture this node should show (no newer change arrived while it loaded).
    if (node.dataset.avatar === String(version)) node.append(el('img', { class: 'avatar-picture', src: url, alt: '' }));
  }, () => {}); // gone meanwhile: the initials stay
}

/**
 * Users' pictures as blob: URLs, fetched with the identity token (an <img src> cannot send it) once per user and
 * version; a version's picture never changes.
 */
export class AvatarPictures {
  #token;
  #urls = new BlobUrls(300); // `${userId}/${version}`

  /** @param token () => the current identity token */
  constructor(token) {
    this.#token = token;
  }

  url(userId, version) {
    return this.#urls.get(`${userId}/${version}`, () =>
      fetchBlobUrl(`/api/avatars/${encodeURIComponent(userId)}?v=${version}`, this.#token()));
  }
}
