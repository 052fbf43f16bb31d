// Small DOM helpers. Strings passed as children always become text nodes: user data is never parsed as markup.

/** Creates an element: el('button', { class: 'x', type: 'button', onclick: f }, 'text', childNode). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  node.append(...children.flat().filter(child => child != null && child !== false));
  return node;
}

/**
 * Makes parent's children match items, in order, reusing the element of each key (attribute keyAttr)
 * so that focus, hover and transitions survive updates.
 */
export function syncChildren(parent, items, { keyAttr, keyOf, create, update }) {
  const old = new Map();
  for (const child of parent.children) old.set(child.getAttribute(keyAttr), child);

  let cursor = parent.firstElementChild;
  for (const item of items) {
    const key = keyOf(item);
    let node = old.get(key);
    if (node) {
      old.delete(key);
    } else {
      node = create(item);
      node.setAttribute(keyAttr, key);
    }
    update(node, item);
    if (node === cursor) cursor = cursor.nextElementSibling;
    else parent.insertBefore(node, cursor);
  }
  for (const node of old.values()) node.remove();
}

/** Local wall-clock time as HH:MM (24 h), independent of the browser locale's formatting quirks. */
export function formatTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const pad = n => String(n).padStart(2, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function formatDateTime(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString();
}

export const delay = ms => new Promise(resolve => setTimeout(resolve, ms));
