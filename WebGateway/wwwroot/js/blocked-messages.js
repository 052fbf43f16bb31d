import { el } from './dom.js';

export const BLOCKED_LABEL = 'Message from a blocked user';

/**
 * Folds a message of a blocked user into a closed <details>: the reader sees only that there was a message, and may
 * open it. The event stays in the timeline (sequence numbers, unread and catch-up work as for any other).
 */
export function collapseBlocked(node) {
  node.classList.add('blocked');
  node.replaceChildren(el('details', { class: 'blocked-message' }, el('summary', {}, BLOCKED_LABEL), ...node.childNodes));
  return node;
}
