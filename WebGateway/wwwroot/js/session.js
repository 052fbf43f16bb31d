import { TOKEN_KEY, load, save } from './storage.js';

/**
 * POST /api/session (protocol §1): returns { token, userId, name }. A stored token gives back the same user;
 * without one, or with one the server no longer accepts, the server creates a new guest.
 */
export async function openSession() {
  const token = load(TOKEN_KEY);
  const response = await fetch('/api/session', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(token ? { token } : {}),
  });
  if (!response.ok) throw new Error(`Could not start a session (HTTP ${response.status}).`);
  const session = await response.json();
  save(TOKEN_KEY, session.token);
  return session;
}
