import { describeError } from './hub.js';

const DEBOUNCE_MS = 200;

/**
 * A name search box over SearchUsers (prefix, case-insensitive): results follow the typing, and an answer that
 * arrives after a newer search started is dropped.
 * @param search (prefix) => Promise<UserMatch[]>
 * @param show (users) => void
 */
export function initUserSearch(input, status, search, show) {
  let timer = 0;
  let ticket = 0;

  const run = async () => {
    clearTimeout(timer);
    const prefix = input.value.trim();
    const mine = ++ticket;
    if (prefix === '') {
      show([]);
      status.textContent = '';
      return;
    }
    try {
      const users = await search(prefix);
      if (mine !== ticket) return;
      show(users);
      status.textContent = users.length === 0 ? `Nobody's name starts with “${prefix}”.` : '';
    } catch (error) {
      if (mine !== ticket) return;
      show([]);
      status.textContent = describeError(error);
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  });
  input.addEventListener('keydown', event => {
    if (event.key === 'Enter') {
      event.preventDefault();
      run();
    }
  });

  return {
    clear() {
      clearTimeout(timer);
      ticket++;
      input.value = '';
      status.textContent = '';
      show([]);
    },
  };
}
