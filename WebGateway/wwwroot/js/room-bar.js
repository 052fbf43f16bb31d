// What the room bar (js/components/room-bar.js), the page title and the composer say of a room: plain functions.

/** The room's sign: # public, 🔒 private, @ a person, 👥 a group conversation. */
export function roomSign(room) {
  return room.isDirect ? '@' : room.isGroup ? '👥' : room.isPrivate ? '🔒' : '#';
}

/** The room's topic as the bar shows it: conversations have none. */
export function roomTopic(room) {
  return room.isConversation ? '' : (room.summary?.topic ?? '');
}

/** The page title for the room, e.g. "#lobby · OrleansChat", "@Amber Heron · OrleansChat", "Secret · OrleansChat". */
export function pageTitle(room, roomName) {
  const sign = roomSign(room);
  return `${room.isDirect ? '@' : sign === '#' ? '#' : ''}${roomName} · OrleansChat`;
}

/** The composer's placeholder and name: "Message #lobby", "Message Secret", "Message Amber Heron". */
export function composerLabel(room, roomName) {
  return room.isConversation ? `Message ${roomName}` : `Message ${roomSign(room) === '#' ? '#' : ''}${roomName}`;
}
