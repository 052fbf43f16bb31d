import { describeError } from './hub.js';

/**
 * Own name in the header (#me). Clicking it opens a small inline form to rename.
 * @param rename (name) => Promise; a refusal (name taken, invalid) is shown under the field.
 */
export function initProfile({ button, form, input, error, cancel }, rename) {
  const close = () => {
    form.hidden = true;
    button.hidden = false;
    error.textContent = '';
    button.focus();
  };

  button.addEventListener('click', () => {
    input.value = button.textContent;
    error.textContent = '';
    button.hidden = true;
    form.hidden = false;
    input.focus();
    input.select();
  });
  cancel.addEventListener('click', close);
  form.addEventListener('keydown', event => {
    if (event.key === 'Escape') {
      event.stopPropagation(); // don't also close a drawer
      close();
    }
  });
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const name = input.value.trim();
    if (name === button.textContent) return close();
    const submit = form.querySelector('button[type="submit"]');
    submit.disabled = true;
    try {
      await rename(name);
      close();
    } catch (failure) {
      error.textContent = describeError(failure);
      input.focus();
    } finally {
      submit.disabled = false;
    }
  });
}

export function showName(button, name) {
  button.textContent = name;
  button.title = `${name}: change your name`;
}
