import { el } from './dom.js';
import { formatSize } from './files.js';

// Largest width of a thumbnail in the timeline, in CSS pixels (the thumbnail itself has up to 480 px: sharp on a
// phone's 2x screen at 240 px).
const MAX_SHOWN_WIDTH = 320;

/**
 * The file a message carries: an image as its thumbnail (sized before it loads, so the timeline does not jump; a
 * click opens the full image), anything else as a card with name, size and a download button. Names are text.
 * @param files { thumbnail(attachment, img), open(attachment), download(attachment) }
 */
export function attachmentNode(attachment, files) {
  if (attachment.isImage) {
    const width = Math.min(attachment.thumbWidth, MAX_SHOWN_WIDTH);
    const img = el('img', {
      class: 'file-thumb', alt: attachment.name, width, height: Math.round(width * attachment.thumbHeight / attachment.thumbWidth),
    });
    files.thumbnail(attachment, img);
    return el('button', {
      type: 'button', class: 'file-image', title: `${attachment.name} (${formatSize(attachment.size)}): open the full image`,
      'aria-label': `Open the image ${attachment.name}`, onclick: () => files.open(attachment),
    }, img);
  }
  return el('div', { class: 'file-card' },
    el('span', { class: 'file-icon', 'aria-hidden': 'true' }, attachment.contentType === 'application/pdf' ? '📄' : '📎'),
    el('span', { class: 'file-info' },
      el('span', { class: 'file-name', dir: 'auto' }, attachment.name),
      el('span', { class: 'file-size muted' }, formatSize(attachment.size))),
    el('button', {
      type: 'button', class: 'secondary small-button file-download', 'aria-label': `Download ${attachment.name}`,
      onclick: () => files.download(attachment),
    }, 'Download'));
}
