/**
 * Keeps the app as tall as the visible part of the page. Chromium on Android resizes the layout for the on-screen
 * keyboard (meta viewport interactive-widget=resizes-content, and 100dvh); Safari on iOS only shrinks the visual
 * viewport, which would leave the composer under the keyboard. --viewport-height follows the visual viewport there.
 */
export function followVisualViewport(root = document.documentElement) {
  const viewport = window.visualViewport;
  if (!viewport) return;
  const update = () => {
    if (viewport.scale > 1.01) return; // pinch-zoomed: the user is looking closer, not typing
    root.style.setProperty('--viewport-height', `${Math.round(viewport.height)}px`);
    if (window.scrollY !== 0) window.scrollTo(0, 0); // Safari scrolls the page to reveal the focused field
  };
  viewport.addEventListener('resize', update);
  update();
}
