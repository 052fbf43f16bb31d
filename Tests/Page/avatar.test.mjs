// Generated avatars: initials of any script and a colour that belongs to the user id, not the name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { avatarHue, initials } from '../../WebGateway/wwwroot/js/avatar.js';

test('initials are the first letters of the first two words, upper-case, in any script', () => {
  assert.equal(initials('Amber Heron'), 'AH');
  assert.equal(initials('  zoë  '), 'Z');
  assert.equal(initials('Élodie de la Tour'), 'ÉD');
  assert.equal(initials('Иван Петров'), 'ИП');
  assert.equal(initials('😀 Smile'), '😀S');
  assert.equal(initials(''), '?');
});

test('the colour follows the user id: stable, within the hue circle, and not the same for everyone', () => {
  const id = 'f1239f09-8d79-42ee-92b7-2cea4f3cbc56';
  assert.equal(avatarHue(id), avatarHue(id));
  const hues = new Set(Array.from({ length: 50 }, (_, i) => avatarHue(`user-${i}`)));
  assert.ok([...hues].every(h => h >= 0 && h < 360));
  assert.ok(hues.size > 20);
});
