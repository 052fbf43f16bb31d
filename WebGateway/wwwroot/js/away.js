// Whether this page is away (docs/architecture.md, "Away"): its tab is hidden, or there was no input for the
// gateway's `awayAfterSeconds` (Hello). The gateway hears of a change with SetAway(away), at most every
// MIN_INTERVAL_MS (the hub refuses a connection that calls it faster), and always the newest state in the end.
export const MIN_INTERVAL_MS = 5000;
export const DEFAULT_AWAY_AFTER_MS = 10 * 60 * 1000;

/** The events that count as input: someone is at this page. */
export const INPUT_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart', 'scroll'];

export class AwayDetector {
  #send;
  #awayAfter;
  #hidden = false;
  #idle = false;
  #lastInput = Date.now();
  #idleTimer = 0;
  #sent = false; // what the gateway believes of this connection: a new connection is active
  #sentAt = -Infinity;
  #flushTimer = 0;
  #connected = false;
  #sending = false;
  #connection = 0; // counts connections, so an answer of an earlier one is not taken for this one's
  #changed;

  /**
   * @param send (away) => Promise: hub SetAway; a failure is retried with the next change or connection
   * @param changed (away) => void: the page's own state changed (optional)
   */
  constructor(send, { awayAfterMs = DEFAULT_AWAY_AFTER_MS, hidden = false, changed = () => {} } = {}) {
    this.#send = send;
    this.#awayAfter = awayAfterMs;
    this.#hidden = hidden;
    this.#changed = changed;
    this.#armIdle(awayAfterMs);
  }

  /** Away as the page sees it: hidden, or idle. */
  get away() {
    return this.#hidden || this.#idle;
  }

  /** The gateway's setting (Hello's `awayAfterSeconds`; 0 or missing: the default). */
  setAwayAfter(ms) {
    this.#awayAfter = ms > 0 ? ms : DEFAULT_AWAY_AFTER_MS;
    this.#checkIdle();
  }

  /** Any input: someone is here. Cheap, since it runs on every pointer move. */
  input() {
    this.#lastInput = Date.now();
    if (this.#idle) {
      this.#idle = false;
      this.#armIdle(this.#awayAfter);
      this.#update();
    }
  }

  setHidden(hidden) {
    if (hidden === this.#hidden) return;
    this.#hidden = hidden;
    // Coming back to a tab is input too.
    if (!hidden) this.input();
    this.#update();
  }

  /** A new hub connection (first or after a reconnect): it starts active on the server, so say so if we are not. */
  connected() {
    this.#connected = true;
    this.#connection++;
    this.#sent = false;
    this.#sentAt = -Infinity;
    this.#flush();
  }

  disconnected() {
    this.#connected = false;
  }

  #checkIdle() {
    clearTimeout(this.#idleTimer);
    const left = this.#lastInput + this.#awayAfter - Date.now();
    if (left > 0) {
      this.#armIdle(left);
      return;
    }
    if (!this.#idle) {
      this.#idle = true;
      this.#update();
    }
  }

  #armIdle(ms) {
    clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => this.#checkIdle(), ms);
  }

  #update() {
    this.#changed(this.away);
    this.#flush();
  }

  /** Sends the newest state if the gateway's differs, now or when the interval allows. */
  #flush() {
    clearTimeout(this.#flushTimer);
    this.#flushTimer = 0;
    if (!this.#connected || this.#sending || this.away === this.#sent) return;
    const wait = this.#sentAt + MIN_INTERVAL_MS - Date.now();
    if (wait > 0) {
      this.#flushTimer = setTimeout(() => this.#flush(), wait);
      return;
    }
    const away = this.away;
    const connection = this.#connection;
    this.#sending = true;
    this.#sentAt = Date.now();
    this.#send(away).then(() => {
      if (connection === this.#connection) this.#sent = away;
    }, () => {
      // Not told (connection lost, or refused): the next connection or change tries again.
    }).finally(() => {
      this.#sending = false;
      if (this.#connected && this.away !== this.#sent) this.#flush();
    });
  }
}
