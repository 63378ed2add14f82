// Open one WebSocket with the npm `ws` package, unmodified defaults.
// usage: NODE_PATH=/tmp/wscap/node_modules node node-client.js URL [SUBPROTOCOL...]
const WebSocket = require('ws');
const [url, ...protocols] = process.argv.slice(2);
const ws = protocols.length
  ? new WebSocket(url, protocols, { handshakeTimeout: 10000 })
  : new WebSocket(url, { handshakeTimeout: 10000 });
ws.on('open', () => { console.log(url, 'open, protocol:', JSON.stringify(ws.protocol)); ws.terminate(); });
ws.on('error', (e) => { console.error(url, 'error:', e.message); process.exitCode = 1; });
