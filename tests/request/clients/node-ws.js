// npm ws's client as an application uses it: `new WebSocket(url, protocols, {origin, headers})`
// with settings from a JSON argument ({"subprotocols": [...], "origin": "...",
// "headers": [["Name", "value"], ...]}); prints `open` or `error: MESSAGE` and exits.
'use strict';
const WebSocket = require('ws');

const [url, json] = process.argv.slice(2);
const settings = JSON.parse(json);
const options = {};
if (settings.origin) {
  options.origin = settings.origin;
}
if (settings.headers) {
  options.headers = Object.fromEntries(settings.headers);
}
const ws = new WebSocket(url, settings.subprotocols || [], options);
ws.on('open', () => {
  console.log('open');
  ws.terminate();
});
ws.on('error', (err) => {
  console.log(`error: ${err.message}`);
  process.exit(0);
});
ws.on('close', () => process.exit(0));
