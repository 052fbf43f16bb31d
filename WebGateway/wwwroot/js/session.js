import { TOKEN_KEY, load, remove, save } from './storage.js';

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

/** A refused login: `message` is meant for the person (wrong name or password, too many attempts). */
export class LoginError extends Error {
  name = 'LoginError';
}

/**
 * POST /api/login (protocol §1) for a user who set a password. On success the returned token is stored, so the
 * next session (and hub connection) is that user's.
 */
export async function logIn(name, password) {
  let response;
  try {
    response = await fetch('/api/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
  } catch {
    throw new LoginError('The server cannot be reached. Please try again.');
  }
  const body = await response.json().catch(() => ({}));
  if (response.ok) {
    save(TOKEN_KEY, body.token);
    return body;
  }
  const wait = Number(response.headers.get('Retry-After'));
  const message = body.error ?? `Could not log in (HTTP ${response.status}).`;
  throw new LoginError(response.status === 429 && wait > 0 ? `${message} (${formatWait(wait)})` : message);
}

function formatWait(seconds) {
  return seconds < 90 ? `try again in ${seconds} s` : `try again in ${Math.ceil(seconds / 60)} min`;
}

/**
 * POST /api/logout (protocol §1): ends this browser's session, or every session of the user; their open connections
 * are closed by the server. The stored token goes, so the next session is a new guest.
 */
export async function logOut(everywhere) {
  const token = load(TOKEN_KEY);
  const response = await fetch('/api/logout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ token, everywhere }),
  });
  if (!response.ok) throw new Error(`Could not log out (HTTP ${response.status}). Please try again.`);
  remove(TOKEN_KEY);
}
