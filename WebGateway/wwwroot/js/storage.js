// localStorage can be unavailable (privacy modes, blocked storage); the chat must still work without it.

export const TOKEN_KEY = 'orleanschat.token';
export const LAST_ROOM_KEY = 'orleanschat.room';

export function load(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function save(key, value) {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not persisted: the next visit starts as a new guest / in the lobby.
  }
}

export function remove(key) {
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing stored to remove.
  }
}
