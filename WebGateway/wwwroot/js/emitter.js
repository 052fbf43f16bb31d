/**
 * The page's one way of telling others that state changed: an EventTarget (so components and state objects speak the
 * same DOM event protocol) with two conveniences. `on(type, listener)` passes the event's detail and returns the
 * function that unsubscribes; `emit(type, detail)` dispatches a CustomEvent. Listeners run synchronously, in the order
 * they subscribed; one that throws is reported (window `error`) and does not stop the others or the emitter.
 */
export class Emitter extends EventTarget {
  on(type, listener) {
    const handler = event => listener(event.detail);
    this.addEventListener(type, handler);
    return () => this.removeEventListener(type, handler);
  }

  emit(type, detail = {}) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}
