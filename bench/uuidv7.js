'use strict';
// Client message ids as the page makes them (WebGateway/wwwroot/js/outbox.js): UUIDv7, a 48-bit Unix time in
// milliseconds, then a 12-bit count within the millisecond and random bits, so the ids of one process sort in the
// order they were made. The server's unique index of retries leads with the id (docs/architecture.md, "Room event log").
const { randomFillSync } = require('crypto');

let lastMs = -1;
let counter = 0;

function uuidv7() {
  const bytes = randomFillSync(Buffer.alloc(16));
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    counter = ((bytes[6] & 0x07) << 8) | bytes[7];
  } else if (++counter > 0xfff) {
    lastMs += 1;
    counter = 0;
  }
  bytes.writeUIntBE(lastMs, 0, 6);
  bytes[6] = 0x70 | (counter >>> 8);
  bytes[7] = counter & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

module.exports = { uuidv7 };
