// Which members the member list shows, and in what order (issue 14's ghosts; docs/architecture.md, "Inactive members").

/** Members active within this many days (MemberInfo.lastActive) are listed; older ones are counted as "others". */
export const RECENT_DAYS = 7;

/** Rooms of up to this many members list everyone: "and 2 others" would hide more than it saves. */
export const LIST_ALL_UP_TO = 10;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Splits a room's members for the member list: `shown` are the online members (the active, then the away, each by
 * name), then the others active in
 * the last RECENT_DAYS days (the most recent first); `others` are the rest (by name), which the list summarises as a
 * count. Conversations and rooms of up to LIST_ALL_UP_TO members have no `others`: everyone is shown, in that order.
 */
export function memberGroups(members, { now = Date.now(), conversation = false } = {}) {
  const since = now - RECENT_DAYS * DAY_MS;
  const at = member => (member.lastActive ? Date.parse(member.lastActive) : Number.NaN);
  const byName = (a, b) => a.name.localeCompare(b.name);
  // The active before the away (every connection hidden or idle), each by name.
  const online = members.filter(member => member.online).sort((a, b) => Number(!!a.away) - Number(!!b.away) || byName(a, b));
  const recent = members.filter(member => !member.online && at(member) >= since)
    .sort((a, b) => at(b) - at(a) || byName(a, b));
  const others = members.filter(member => !member.online && !(at(member) >= since)).sort(byName);
  if (conversation || members.length <= LIST_ALL_UP_TO) return { shown: [...online, ...recent, ...others], others: [] };
  return { shown: [...online, ...recent], others };
}

/** "and 23 others" under a list that summarises them. */
export function othersLabel(count) {
  return `and ${count} ${count === 1 ? 'other' : 'others'}`;
}
