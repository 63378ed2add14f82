// npm ws 8.x with its defaults: `new WebSocketServer({host, port})` makes its own HTTP server
// (426 for requests that are not upgrades), takes every path, no perMessageDeflate, no
// subprotocol handler (the first offered one is taken), no origin check.
// Node's HTTP parser reports malformed requests through the server's 'clientError' event; a
// listener would replace Node's own 400/431 answer, so the event is only logged on its way.
'use strict';
const { WebSocketServer } = require('ws');

const port = Number(process.argv[2]);
const wss = new WebSocketServer({ host: '127.0.0.1', port });
const httpServer = wss._server;
const emit = httpServer.emit;
httpServer.emit = function (event, ...args) {
  if (event === 'clientError') {
    const err = args[0];
    process.stderr.write(`clientError ${err.code}: ${err.message}` +
                         (err.reason ? ` (reason: ${err.reason})` : '') + '\n');
  }
  return emit.call(this, event, ...args);
};
wss.on('connection', (ws, req) => {
  process.stderr.write(`open ${req.url} protocol=${JSON.stringify(ws.protocol)} ` +
                       `extensions=${JSON.stringify(ws.extensions)}\n`);
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }));
  ws.on('error', (err) => process.stderr.write(`ws error: ${err.message}\n`));
});
wss.on('error', (err) => process.stderr.write(`server error: ${err.message}\n`));
