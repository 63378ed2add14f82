// Client driver: npm `ws` with its default client options (it offers permessage-deflate with
// client_max_window_bits), one connection after another.
// usage: node node-ws.js CONFIG.json REPORTS.jsonl
// CONFIG.json is {timeoutMs, confirm, connections: [{name, url, protocols}]}; appends one
// JSON line per connection to REPORTS.jsonl with what the client saw, error texts verbatim.
'use strict';
const fs = require('fs');
const WebSocket = require('ws');

const [configPath, reportsPath] = process.argv.slice(2);
const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));

function describeExtensions(ws) {
  // ws.extensions names the agreed extensions; the parameters ws accepted are internal.
  const agreed = ws._extensions || {};
  return Object.keys(agreed).map((name) => {
    const params = agreed[name].params || {};
    return [name, ...Object.keys(params).map((k) => params[k] === true ? k : k + '=' + params[k])]
      .join('; ');
  }).join(', ');
}

function runOne(connection) {
  return new Promise((resolve) => {
    const report = {name: connection.name, opened: false, protocol: null, extensions: null,
                    messages: [], events: [], close: null, timeout: false, error: null, ms: null};
    const t0 = process.hrtime.bigint();
    const settled = () => {
      if (report.ms === null) report.ms = Number((process.hrtime.bigint() - t0) / 1000000n);
    };
    const options = {handshakeTimeout: config.timeoutMs};
    const ws = connection.protocols.length
      ? new WebSocket(connection.url, connection.protocols, options)
      : new WebSocket(connection.url, options);
    const timer = setTimeout(() => {
      report.timeout = true;
      report.events.push('timeout');
      ws.terminate();
      resolve(report);
    }, config.timeoutMs + 500);
    ws.on('open', () => {
      settled();
      report.events.push('open');
      report.opened = true;
      report.protocol = ws.protocol;
      report.extensions = describeExtensions(ws);
      ws.send(config.confirm);
    });
    ws.on('message', (data, isBinary) => {
      report.events.push('message');
      const text = isBinary ? '<binary>' : data.toString();
      report.messages.push(text);
      if (text === config.confirm) ws.close(1000);
    });
    ws.on('error', (error) => {
      settled();
      report.events.push('error');
      report.error = report.error === null ? error.message : report.error + ' | ' + error.message;
      if (error.code) report.error_type = error.code;
    });
    ws.on('close', (code, reason) => {
      settled();
      report.events.push('close');
      report.close = {code, reason: reason.toString()};
      clearTimeout(timer);
      resolve(report);
    });
  });
}

(async () => {
  for (const connection of config.connections) {
    const report = await runOne(connection);
    fs.appendFileSync(reportsPath, JSON.stringify(report) + '\n');
  }
})();
