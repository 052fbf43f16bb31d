// A search result's snippet (hub Search, docs/protocol.md): plain text plus the ranges of the matching words. Split
// into parts that the page renders as text nodes and <mark> elements, never as markup.

/**
 * The snippet as consecutive parts, each { text, marked }. Marks are sorted, clipped to the text and merged where
 * they overlap, so that bad ranges can neither throw nor repeat text.
 * @param {string} snippet
 * @param {{ start: number, length: number }[]} marks
 */
export function snippetParts(snippet, marks) {
  const ranges = (marks ?? [])
    .map(m => [Math.max(0, m.start | 0), Math.min(snippet.length, (m.start | 0) + (m.length | 0))])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
  const parts = [];
  let at = 0;
  for (const [start, end] of ranges) {
    if (end <= at) continue;
    const from = Math.max(start, at);
    if (from > at) parts.push({ text: snippet.slice(at, from), marked: false });
    parts.push({ text: snippet.slice(from, end), marked: true });
    at = end;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), marked: false });
  return parts;
}

