'use strict';
// The peers' bare SignalR hub (../shared/bench-peers/signalr-bare: JoinRoom, SendMessage at /chat) for
// ack-driver.js --system signalr-bare, with the same client library and transport as our adapter.
const signalR = require('@microsoft/signalr');

exports.connect = async (url) => {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(url.replace(/\/$/, '') + '/chat', { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
    .configureLogging(signalR.LogLevel.None)
    .build();
  await connection.start();
  return { connection, id: Math.random().toString(36).slice(2) };
};

exports.join = (conn, room) => conn.connection.invoke('JoinRoom', room);

exports.close = (conn) => conn.connection.stop();
