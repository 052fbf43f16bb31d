// The SignalR connection to /hubs/chat. `signalR` is the global of /lib/signalr/signalr.min.js
// (copied from npm by the build), loaded by a classic script before the modules run.
/* global signalR */

const RETRY_DELAYS_MS = [0, 1000, 2000, 5000];

/** Back-off for reconnect attempts: fast at first, then every 5 s forever (a chat tab should never give up). */
export const retryDelay = attempt => RETRY_DELAYS_MS[attempt] ?? 5000;

/** Thrown instead of calling the hub while disconnected, so callers can queue work for the reconnect. */
export class OfflineError extends Error {
  constructor() {
    super('You are offline. Please try again when the connection is back.');
    this.name = 'OfflineError';
  }
}

// SignalR wraps every server-side failure as "An unexpected error occurred invoking 'X' on the server."
// followed, for a HubException, by "HubException: <message meant for a person>".
const SERVER_ERROR = /^An unexpected error occurred invoking '[^']*' on the server\.\s*/;
const HUB_EXCEPTION = /^HubException:\s*/;

/**
 * True when the server refused the connection's token (401: its session ended, or the server's key changed). SignalR
 * reports a refused negotiation as an error whose message carries the status, not always as an HttpError.
 */
export function isUnauthorized(error) {
  return error?.statusCode === 401 || /\b401\b|Unauthorized/.test(String(error?.message ?? ''));
}

/** True when the server received the call and refused it (as opposed to the connection failing). */
export function isServerError(error) {
  return SERVER_ERROR.test(error?.message ?? '');
}

/** A message for the user; never a stack trace. */
export function describeError(error) {
  if (error instanceof OfflineError) return error.message;
  const message = String(error?.message ?? error ?? '');
  if (SERVER_ERROR.test(message)) {
    const detail = message.replace(SERVER_ERROR, '');
    return HUB_EXCEPTION.test(detail)
      ? detail.replace(HUB_EXCEPTION, '')
      : 'The server could not complete the request. Please try again.';
  }
  return 'The connection to the server was interrupted. Please try again.';
}

// Losing the connection is expected (server restarts, flaky networks) and handled: the banner shows it and the
// client reconnects. So SignalR's own reports go to the console as warnings, not errors.
const quietLogger = {
  log(level, message) {
    if (level >= signalR.LogLevel.Warning && level < signalR.LogLevel.None) console.warn(`SignalR: ${message}`);
  },
};

export class Hub {
  #connection;

  /**
   * @param getToken returns the current session token (read on every (re)connect).
   * @param events server events by name: { events(roomId, events), member(roomId, change), … }
   * @param handlers { reconnecting(), reconnected(), closed() }
   */
  constructor(getToken, events, handlers) {
    this.#connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/chat', { accessTokenFactory: getToken })
      // A refused token (401: its session was logged out or revoked) will not be accepted on a later try: stop, so
      // that `closed` runs and the page opens a session again.
      .withAutomaticReconnect({
        nextRetryDelayInMilliseconds: context =>
          isUnauthorized(context.retryReason) ? null : retryDelay(context.previousRetryCount),
      })
      .configureLogging(quietLogger)
      .build();

    for (const [name, handler] of Object.entries(events)) this.#connection.on(name, handler);
    this.#connection.onreconnecting(handlers.reconnecting);
    this.#connection.onreconnected(handlers.reconnected);
    this.#connection.onclose(handlers.closed);
  }

  get connected() {
    return this.#connection.state === signalR.HubConnectionState.Connected;
  }

  /** Starts once; rejects (an HttpError with statusCode 401 for a refused token) when it can't connect. */
  start() {
    return this.#connection.start();
  }

  invoke(method, ...args) {
    if (!this.connected) return Promise.reject(new OfflineError());
    return this.#connection.invoke(method, ...args);
  }
}
