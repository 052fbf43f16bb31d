/**
 * The "Jump to latest" button over the message pane: shown when the reader is more than a screen above the newest
 * messages, or when messages of others arrived below while they read older ones (then it counts them).
 */
export class JumpToLatest {
  #button;
  #below = 0; // messages of others that arrived while the reader was away from the bottom

  /** @param onJump () => void — scroll to the newest messages */
  constructor(button, onJump) {
    this.#button = button;
    button.addEventListener('click', () => onJump());
  }

  /** The reader scrolled: `atBottom` (near the newest messages), `farAway` (more than a screen above them). */
  scrolled(atBottom, farAway) {
    if (atBottom) this.#below = 0;
    this.#show(!atBottom && (farAway || this.#below > 0));
  }

  /** Messages of others arrived while the reader was away from the bottom. */
  arrived(count) {
    this.#below += count;
    this.#show(count > 0 || !this.#button.hidden);
  }

  /** Another room is shown. */
  reset() {
    this.#below = 0;
    this.#show(false);
  }

  #show(visible) {
    this.#button.textContent = jumpLabel(this.#below);
    this.#button.hidden = !visible;
  }
}

export function jumpLabel(below) {
  if (below <= 0) return 'Jump to latest ↓';
  return `${below} new message${below === 1 ? '' : 's'} ↓`;
}
