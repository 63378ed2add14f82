// npm ws as a server with its defaults: `new WebSocketServer({host, port})` (no
// perMessageDeflate, the first offered subprotocol taken). Prints `listening` once the port
// is open.
'use strict';
const { WebSocketServer } = require('ws');

const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.argv[2]) });
wss.on('listening', () => console.log('listening'));
wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
});
