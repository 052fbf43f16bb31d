/**
 * What a user asked a component for (reply to this message, delete it, open that file …) leaves the component as a DOM
 * event that bubbles to whoever acts on it, usually app.js. Most intents need no answer (`tell`). One whose outcome
 * the component waits for (did the edit save? then close the editor) is a `request`: a listener hands the promise of
 * its action to `event.respondWith(promise)`, and the component awaits what it resolves to (undefined when nobody
 * answered).
 */
export class IntentEvent extends CustomEvent {
  #response;

  constructor(type, detail = {}) {
    super(type, { bubbles: true, detail });
  }

  respondWith(response) {
    this.#response = response;
  }

  get response() {
    return Promise.resolve(this.#response);
  }
}

/** Dispatches an intent that needs no answer. */
export function tell(target, type, detail = {}) {
  target.dispatchEvent(new IntentEvent(type, detail));
}

/** Dispatches an intent and resolves to what its listener answered with respondWith (undefined: nobody did). */
export function request(target, type, detail = {}) {
  const event = new IntentEvent(type, detail);
  target.dispatchEvent(event);
  return event.response;
}
