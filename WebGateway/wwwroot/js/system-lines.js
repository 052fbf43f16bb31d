// System lines (docs/protocol.md §2, RoomEvent kinds `member` and `room`): the quiet lines of the timeline that say
// who joined, left, was added, removed or banned, and how the room was renamed or its topic changed. Plain text only:
// the view puts it in a text node.

/** True for the events drawn as system lines. */
export const isSystemLine = event => event.kind === 'member' || event.kind === 'room';

// A run of these (nothing else between them) collapses into one line: every guest joins the lobby, and a busy lobby
// would otherwise show little else.
const COLLAPSIBLE = new Set(['joined', 'left']);

/** What a system line says: its JSON text read, or null when it cannot be read (then nothing is drawn). */
export function lineOf(event) {
  if (!isSystemLine(event)) return null;
  try {
    const line = JSON.parse(event.text ?? '');
    return line && typeof line.change === 'string' ? line : null;
  } catch {
    return null;
  }
}

/** True when the line may merge with its neighbours: a member joined or left by themselves. */
export function isCollapsible(event) {
  return event.kind === 'member' && COLLAPSIBLE.has(lineOf(event)?.change);
}

/**
 * The text of one line. `nameOf(userId, fallback)` gives a member's current name (the line's own name when they are
 * gone); `roomPrefix` is '#' for a public room's names.
 */
export function lineText(event, nameOf = (_, name) => name, roomPrefix = '#') {
  const line = lineOf(event);
  if (!line) return null;
  const actor = nameOf(event.authorId, event.authorName);
  if (event.kind === 'room') {
    if (line.change === 'renamed') return `${actor} renamed the room from ${roomPrefix}${line.oldName} to ${roomPrefix}${line.name}`;
    if (line.change === 'topic') return line.topic ? `${actor} changed the topic to “${line.topic}”` : `${actor} cleared the topic`;
    return null;
  }
  const who = nameOf(line.userId, line.name);
  switch (line.change) {
    case 'joined': return `${who} joined`;
    case 'added': return `${actor} added ${who}`;
    case 'left': return `${who} left`;
    case 'kicked': return `${actor} removed ${who}`;
    case 'banned': return `${actor} banned ${who}`;
    default: return null;
  }
}

/**
 * One line for a run of joins and leaves, oldest first: "Ana, Bo and 3 others joined; Cy left". A person named twice
 * in one list is named once.
 */
export function collapsedText(events, nameOf = (_, name) => name) {
  const names = { joined: new Map(), left: new Map() };
  for (const event of events) {
    const line = lineOf(event);
    if (line && names[line.change]) names[line.change].set(line.userId, nameOf(line.userId, line.name));
  }
  return ['joined', 'left']
    .filter(change => names[change].size > 0)
    .map(change => `${nameList([...names[change].values()])} ${change}`)
    .join('; ');
}

/** "Ana", "Ana and Bo", "Ana, Bo and Cy", "Ana, Bo and 2 others". */
export function nameList(names) {
  if (names.length <= 1) return names[0] ?? '';
  if (names.length <= 3) return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const others = names.length - 2;
  return `${names[0]}, ${names[1]} and ${others} others`;
}
