/**
 * The page's modal dialogs, all of one shape. A dialog is a <dialog id="NAME-dialog"> in index.html; its parts are the
 * elements inside it whose ids start with "NAME-", named in camelCase without that prefix (#search-here-label is
 * `hereLabel`). A dialog module exports a setup function `(parts, deps) → { open(context) … }`: it wires its parts once
 * and returns what opens it (and anything else the page may call). `parts.dialog` is the <dialog> itself.
 *
 * `Dialogs` runs the setups and opens dialogs: a click on a button with `data-opens="NAME-dialog"` anywhere in the
 * page calls that dialog's open({ opener: button }); the page opens one itself with open(id, context). It also gives
 * every dialog the same closing: [data-close-dialog] buttons, a click on the backdrop, Escape (which closes only the
 * dialog, not the drawer it was opened from).
 */
export class Dialogs {
  #opens = new Map(); // dialog id → its setup's answer
  #root;

  constructor(root = document) {
    for (const dialog of root.querySelectorAll('dialog')) closeable(dialog);
    root.addEventListener('click', event => {
      const opener = event.target.closest?.('[data-opens]');
      if (opener) this.open(opener.dataset.opens, { opener });
    });
    this.#root = root;
  }

  /** Sets up the dialog of this id with its module's setup and the page's deps; returns what the setup returned. */
  define(id, setup, deps = {}) {
    const dialog = this.#root.getElementById(id);
    const api = setup({ ...dialogParts(dialog), dialog }, deps) ?? {};
    this.#opens.set(id, api);
    return api;
  }

  open(id, context = {}) {
    this.#opens.get(id)?.open?.(context);
  }
}

/** The parts of a dialog: its descendants with an id starting with the dialog's name, by camelCase name. */
export function dialogParts(dialog) {
  const prefix = `${dialog.id.replace(/-dialog$/, '')}-`;
  const parts = {};
  for (const element of dialog.querySelectorAll('[id]')) {
    const name = partName(element.id, prefix);
    if (name) parts[name] = element;
  }
  return parts;
}

/** "search-here-label" with prefix "search-" → "hereLabel"; null for an id without the prefix. */
export function partName(id, prefix) {
  if (!id.startsWith(prefix) || id.length === prefix.length) return null;
  return id.slice(prefix.length).replace(/-([a-z0-9])/g, (_, letter) => letter.toUpperCase());
}

function closeable(dialog) {
  dialog.addEventListener('click', event => {
    // A click on the dialog element outside its box is a click on the backdrop.
    const box = dialog.getBoundingClientRect();
    const outside = event.clientX < box.left || event.clientX > box.right || event.clientY < box.top || event.clientY > box.bottom;
    if (event.target === dialog && outside && event.detail > 0) dialog.close();
  });
  // The dialog closes itself on Escape; the drawer it was opened from stays open.
  dialog.addEventListener('keydown', event => {
    if (event.key === 'Escape') event.stopPropagation();
  });
  for (const button of dialog.querySelectorAll('[data-close-dialog]')) button.addEventListener('click', () => dialog.close());
}
