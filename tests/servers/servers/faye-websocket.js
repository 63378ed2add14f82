// npm faye-websocket with its defaults: a plain Node HTTP server whose 'upgrade' event hands
// every request that WebSocket.isWebSocket() recognises to `new WebSocket(req, socket, body)`
// with no subprotocols and no extensions. Requests it does not recognise are logged and the
// socket is destroyed, as the library's README example leaves them. Node's parser errors are
// logged as in node-ws.js.
'use strict';
const http = require('http');
const WebSocket = require('faye-websocket');

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
httpServer.on('upgrade', (req, socket, body) => {
  if (!WebSocket.isWebSocket(req)) {
    process.stderr.write(`not a WebSocket request: ${req.method} ${req.url}\n`);
    socket.destroy();
    return;
  }
  const ws = new WebSocket(req, socket, body);
  ws.on('open', () => process.stderr.write(`open ${req.url}\n`));
  ws.on('message', (event) => ws.send(event.data));
  ws.on('error', (event) => process.stderr.write(`error: ${event.message}\n`));
  ws.on('close', (event) => {
    if (event.code !== 1000 && event.code !== 1005) {
      process.stderr.write(`close ${event.code} ${JSON.stringify(event.reason)}\n`);
    }
  });
});
httpServer.listen(port, '127.0.0.1');
