export const MAX_MESSAGE_LENGTH = 4000; // protocol §2: Send refuses longer text

/**
 * The message composer: Enter sends, Shift+Enter adds a line, the textarea grows with its text.
 * @param onSend (text) => boolean — false keeps the text (nothing was sent).
 */
export function initComposer(form, textarea, onSend) {
  const resize = () => {
    textarea.style.height = 'auto';
    textarea.style.height = `${textarea.scrollHeight}px`; // CSS max-height caps it, then it scrolls
  };

  const submit = () => {
    const text = textarea.value;
    if (text.trim() === '') return;
    if (onSend(text) !== false) {
      textarea.value = '';
      resize();
    }
  };

  form.addEventListener('submit', event => {
    event.preventDefault();
    submit();
    textarea.focus();
  });
  textarea.addEventListener('keydown', event => {
    // isComposing: Enter that confirms an IME candidate (Japanese, Chinese, …) must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    }
  });
  textarea.addEventListener('input', resize);
}
