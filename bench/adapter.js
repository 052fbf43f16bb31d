'use strict';
// Adapter for the peers' load driver (../shared/bench-peers/driver): drives OrleansChat's real protocol.
// Each connection is a guest user (POST /api/session), connected over WebSockets with skipped negotiation, like the
// signalr-bare adapter. The driver's sentAt travels inside the message text ("<text> ~t=<sentAt>") because
// OrleansChat stores and returns only the text (and removes control characters); the receive side splits it off.
const signalR = require('@microsoft/signalr');
const { uuidv7 } = require('./uuidv7');

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

exports.name = 'orleanschat';
exports.defaultUrl = 'http://127.0.0.1:5000';
const SEPARATOR = ' ~t=';

exports.connect = async (url, { timeoutMs = 10000 } = {}) => {
  const base = url.replace(/\/$/, '');
  const response = await withTimeout(fetch(base + '/api/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }), timeoutMs, 'session');
  if (!response.ok) throw new Error(`session: HTTP ${response.status}`);
  const { token } = await response.json();
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(base + '/hubs/chat', {
      transport: signalR.HttpTransportType.WebSockets,
      skipNegotiation: true,
      accessTokenFactory: () => token,
    })
    .configureLogging(signalR.LogLevel.None)
    .build();
  await withTimeout(connection.start(), timeoutMs, 'signalr connect');
  return { connection, sent: 0, id: Math.random().toString(36).slice(2) };
};

// Resolves once the server has the membership. The first member of a bench room creates it; the others join.
exports.join = async (conn, room) => {
  const invoke = (method) => withTimeout(conn.connection.invoke(method, room), 10000, 'join');
  try {
    await invoke('JoinRoom');
  } catch (e) {
    if (!/no room/.test(String(e && e.message))) throw e;
    try {
      await invoke('CreateRoom');
    } catch (e2) {
      if (!/exists/.test(String(e2 && e2.message))) throw e2;
      await invoke('JoinRoom');
    }
  }
};

// Fire-and-forget, like the peers: the server's acknowledgement is not awaited (see ack-driver.js for acked sends).
exports.send = (conn, msg) => {
  conn.sent += 1;
  conn.connection.send('Send', msg.room, uuidv7(), `${msg.text}${SEPARATOR}${msg.sentAt}`).catch(() => {});
};

// The hub sends ("events", roomId, RoomEvent[]); each message event becomes one delivery.
exports.onMessage = (conn, handler) => {
  conn.connection.on('events', (roomId, events) => {
    for (const e of events) {
      const cut = e.text.lastIndexOf(SEPARATOR);
      if (cut < 0) continue;
      handler({ room: roomId, text: e.text.slice(0, cut), sentAt: Number(e.text.slice(cut + SEPARATOR.length)) });
    }
  });
};

exports.close = (conn) => conn.connection.stop();
