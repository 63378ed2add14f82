// Client driver: npm `undici`'s WebSocket (the WHATWG API Node's global WebSocket is built
// from), default options, one connection after another. The API gives the error event only;
// its `message` and `error` (with the `cause` chain) are recorded verbatim.
// usage: node undici.js CONFIG.json REPORTS.jsonl
// CONFIG.json is {timeoutMs, confirm, connections: [{name, url, protocols}]}; appends one
// JSON line per connection to REPORTS.jsonl.
'use strict';
const fs = require('fs');
const { WebSocket } = require('undici');

const [configPath, reportsPath] = process.argv.slice(2);
const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));

function errorText(event) {
  const parts = [];
  if (event.message) parts.push(event.message);
  for (let e = event.error; e; e = e.cause) {
    const text = e.message || String(e);
    if (!parts.includes(text)) parts.push(text);
  }
  return parts.join(' | ');
}

function runOne(connection) {
  return new Promise((resolve) => {
    const report = {name: connection.name, opened: false, protocol: null, extensions: null,
                    messages: [], events: [], close: null, timeout: false, error: null, ms: null};
    const t0 = process.hrtime.bigint();
    const settled = () => {
      if (report.ms === null) report.ms = Number((process.hrtime.bigint() - t0) / 1000000n);
    };
    let ws;
    try {
      ws = new WebSocket(connection.url, connection.protocols);
    } catch (e) {
      report.events.push('exception');
      report.error = e.message;
      resolve(report);
      return;
    }
    const timer = setTimeout(() => {
      report.timeout = true;
      report.events.push('timeout');
      try { ws.close(); } catch (e) { /* already closing */ }
      resolve(report);
    }, config.timeoutMs);
    ws.onopen = () => {
      settled();
      report.events.push('open');
      report.opened = true;
      report.protocol = ws.protocol;
      report.extensions = ws.extensions;
      ws.send(config.confirm);
    };
    ws.onmessage = (event) => {
      report.events.push('message');
      const text = typeof event.data === 'string' ? event.data : '<binary>';
      report.messages.push(text);
      if (text === config.confirm) ws.close(1000);
    };
    ws.onerror = (event) => {
      settled();
      report.events.push('error');
      const text = errorText(event);
      report.error = report.error === null ? text : report.error + ' | ' + text;
    };
    ws.onclose = (event) => {
      settled();
      report.events.push('close');
      report.close = {code: event.code, reason: event.reason, wasClean: event.wasClean};
      clearTimeout(timer);
      resolve(report);
    };
  });
}

(async () => {
  for (const connection of config.connections) {
    const report = await runOne(connection);
    fs.appendFileSync(reportsPath, JSON.stringify(report) + '\n');
  }
})();
