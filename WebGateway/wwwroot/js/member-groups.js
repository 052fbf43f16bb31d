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

/**
 * What the member list shows of a room whose members may come in pages (docs/architecture.md, "Member pages"):
 * `loaded` the members this tab has, `total` all members, `complete` whether every page is loaded. Returns `shown`
 * (the members to draw, in order), `othersCount` (the members summarised as "and N others", or listed after the recent
 * ones when `expanded`: those not active in RECENT_DAYS days, loaded or not; 0 when the list has none) and `wantsMore`
 * (load the next page when the list's end scrolls into view). A whole list is grouped as memberGroups does. A paged
 * one arrives in the server's order (online, then away, each by name; then the offline, most recently active first):
 * the online and the recently active are listed as they load, and once a loaded member is neither, the later pages
 * hold none either, so the rest is a count until `expanded`, and then listed as it loads.
 */
export function pagedMembers(loaded, { total, complete, expanded = false, conversation = false, now = Date.now() }) {
  if (complete) {
    const { shown, others } = memberGroups(loaded, { now, conversation });
    return { shown: expanded ? [...shown, ...others] : shown, othersCount: others.length, wantsMore: false };
  }
  const since = now - RECENT_DAYS * DAY_MS;
  const isRecent = member => member.online || (member.lastActive ? Date.parse(member.lastActive) >= since : false);
  const byName = (a, b) => a.name.localeCompare(b.name);
  // A pushed change can add a member out of the server's order (one who came online): the online are drawn first, by name.
  const online = loaded.filter(member => member.online).sort((a, b) => Number(!!a.away) - Number(!!b.away) || byName(a, b));
  const at = member => Date.parse(member.lastActive);
  const recent = loaded.filter(member => !member.online && isRecent(member)).sort((a, b) => at(b) - at(a) || byName(a, b));
  const rest = loaded.filter(member => !isRecent(member));
  const shown = [...online, ...recent];
  const reachedOthers = rest.length > 0;
  const othersCount = reachedOthers ? Math.max(rest.length, total - shown.length) : 0;
  return { shown: expanded ? [...shown, ...rest] : shown, othersCount, wantsMore: expanded || !reachedOthers };
}
