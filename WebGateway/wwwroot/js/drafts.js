import { load, remove, save } from './storage.js';

// One draft per room, in this browser: what was typed and not sent survives room switches and reloads.
const PREFIX = 'orleanschat.draft.';

export function loadDraft(roomId) {
  return load(PREFIX + roomId) ?? '';
}

/** Saves the text typed for a room; an empty one removes the draft. */
export function saveDraft(roomId, text) {
  if (text.trim() === '') remove(PREFIX + roomId);
  else save(PREFIX + roomId, text);
}
