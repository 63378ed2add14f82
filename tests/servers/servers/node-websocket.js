// npm websocket (WebSocket-Node) with its defaults: a plain Node HTTP server, a
// WebSocketServer with autoAcceptConnections false, and every request accepted with no
// subprotocol and any origin (the library's README example without its origin filter).
// The library reports a refused handshake by writing the response itself and emitting
// nothing; Node's parser errors are logged as in node-ws.js.
'use strict';
const http = require('http');
const { server: WebSocketServer } = require('websocket');

const port = Number(process.argv[2]);
const httpServer = http.createServer((req, res) => {
  res.writeHead(404);
  res.end();
});
const emit = httpServer.emit;
httpServer.emit = function (event, ...args) {
  if (event === 'clientError') {
    const err = args[0];
    process.stderr.write(`clientError ${err.code}: ${err.message}` +
                         (err.reason ? ` (reason: ${err.reason})` : '') + '\n');
  }
  return emit.call(this, event, ...args);
};
httpServer.listen(port, '127.0.0.1');
const wsServer = new WebSocketServer({ httpServer, autoAcceptConnections: false });
wsServer.on('request', (request) => {
  let connection;
  try {
    connection = request.accept(null, request.origin);
  } catch (err) {
    process.stderr.write(`accept threw: ${err.message}\n`);
    return;
  }
  process.stderr.write(`open ${request.resource} origin=${JSON.stringify(request.origin)}\n`);
  connection.on('message', (message) => {
    if (message.type === 'utf8') {
      connection.sendUTF(message.utf8Data);
    } else {
      connection.sendBytes(message.binaryData);
    }
  });
  connection.on('error', (err) => process.stderr.write(`connection error: ${err.message}\n`));
});
