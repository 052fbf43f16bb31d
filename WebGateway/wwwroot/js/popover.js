/**
 * A small menu that belongs to a button (aria-expanded on the button): Escape closes it and puts focus back on the
 * button; a click anywhere else closes it too.
 */
export class Popover {
  #menu;
  #button = null;

  constructor(menu) {
    this.#menu = menu;
    // Capture, so that the drawer behind a menu stays open when Escape closes just the menu.
    document.addEventListener('keydown', event => {
      if (event.key !== 'Escape' || !this.isOpen) return;
      event.stopPropagation();
      this.close(true);
    }, true);
    document.addEventListener('pointerdown', event => {
      if (this.isOpen && !menu.contains(event.target) && !this.#button?.contains(event.target)) this.close(false);
    });
  }

  get isOpen() {
    return !this.#menu.hidden;
  }

  isOpenFor(button) {
    return this.isOpen && this.#button === button;
  }

  open(button) {
    this.close(false);
    this.#button = button;
    button.setAttribute('aria-expanded', 'true');
    this.#menu.hidden = false;
    this.#menu.querySelector('button:not([disabled])')?.focus();
  }

  close(returnFocus) {
    if (!this.isOpen) return;
    const button = this.#button;
    this.#menu.hidden = true;
    this.#button = null;
    button?.setAttribute('aria-expanded', 'false');
    if (returnFocus && button?.isConnected) button.focus();
  }
}
