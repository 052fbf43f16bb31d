import { el } from './dom.js';

// Light formatting of message text: ```code blocks```, `code`, **bold**, *italic* and http(s) links.
// The result is built from text nodes and elements, never parsed as HTML, so whatever a message contains stays text.

const CODE_BLOCK = /```(?:[\w+-]*\n)?([\s\S]*?)\n?```/g;

const INLINE = new RegExp([
  /`(?<code>[^`\n]+)`/.source,
  /(?<!\*)\*\*(?<bold>[^\s*](?:[\s\S]*?[^\s*])?)\*\*(?!\*)/.source,
  // Not inside words, so "2*3*4" stays arithmetic.
  /(?<![\p{L}\p{N}*\\])\*(?<italic>[^\s*](?:[^*\n]*?[^\s*])?)\*(?![\p{L}\p{N}*])/.source,
  /(?<url>\bhttps?:\/\/[^\s<>]+)/.source,
].join('|'), 'giu');

// Punctuation that ends a sentence rather than a link: "see https://example.com." links without the dot.
const URL_TRAILER = /[.,;:!?'"]+$/;

/** The nodes showing a message's text; `mentionsIn` (mentionHighlighter) puts mentions in spans. */
export function formatMessage(text, mentionsIn = plain => [plain]) {
  const nodes = [];
  let at = 0;
  for (const match of text.matchAll(CODE_BLOCK)) {
    nodes.push(...inline(text.slice(at, match.index), mentionsIn));
    nodes.push(el('pre', { class: 'code-block' }, el('code', {}, match[1])));
    at = match.index + match[0].length;
  }
  nodes.push(...inline(text.slice(at), mentionsIn));
  return nodes;
}

const escapeName = name => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');

/**
 * A function from plain text to its nodes with the mentions highlighted: `@here`, `@` and one of `names` (the room's
 * members), and the user's own name (`meName`) with or without `@`, or `@` and it without spaces (class `mention me`).
 * Built once per room shown: its pattern has every member's name.
 */
export function mentionHighlighter(names, meName) {
  const handles = [...names, meName, meName.replace(/\s+/g, '')].filter(Boolean).sort((a, b) => b.length - a.length).map(escapeName);
  const bare = meName ? `|${escapeName(meName)}` : '';
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_@])(?:@(?:here|${handles.join('|') || '(?!)'})${bare})(?![\\p{L}\\p{N}_])`, 'giu');
  const mine = meName ? new RegExp(`^@?(?:${escapeName(meName)}|${escapeName(meName.replace(/\s+/g, ''))}|here)$`, 'iu') : /^@here$/i;
  return text => {
    const nodes = [];
    let at = 0;
    for (const match of text.matchAll(pattern)) {
      if (match.index > at) nodes.push(text.slice(at, match.index));
      nodes.push(el('span', { class: mine.test(match[0]) ? 'mention me' : 'mention' }, match[0]));
      at = match.index + match[0].length;
    }
    if (at < text.length) nodes.push(text.slice(at));
    return nodes;
  };
}

function inline(text, mentionsIn = plain => [plain]) {
  const nodes = [];
  let at = 0;
  for (const match of text.matchAll(INLINE)) {
    const { code, bold, italic, url } = match.groups;
    let end = match.index + match[0].length;
    let node;
    if (code !== undefined) node = el('code', {}, code);
    else if (bold !== undefined) node = el('strong', {}, ...inline(bold, mentionsIn));
    else if (italic !== undefined) node = el('em', {}, ...inline(italic, mentionsIn));
    else {
      const href = trimUrl(url);
      end = match.index + href.length;
      node = link(href);
    }
    if (match.index > at) nodes.push(...mentionsIn(text.slice(at, match.index)));
    nodes.push(node);
    at = end;
  }
  if (at < text.length) nodes.push(...mentionsIn(text.slice(at)));
  return nodes;
}

function trimUrl(url) {
  let trimmed = url.replace(URL_TRAILER, '');
  // A closing parenthesis belongs to the link only if the link opened one: "(see https://x.org/a)".
  while (trimmed.endsWith(')') && count(trimmed, '(') < count(trimmed, ')')) trimmed = trimmed.slice(0, -1).replace(URL_TRAILER, '');
  return trimmed;
}

const count = (text, char) => text.split(char).length - 1;

/** Only http and https become links (checked again on the parsed URL); anything else is shown as typed. */
function link(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    return raw;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return raw;
  return el('a', { href: url.href, target: '_blank', rel: 'noopener noreferrer' }, raw);
}

/** True when `text` names `name` as a whole (case-insensitive): "hi amber heron!" mentions "Amber Heron". */
export function mentions(text, name) {
  if (!text || !name) return false;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'iu').test(text);
}
