// Client driver: npm `ws`, unmodified defaults (it offers permessage-deflate with
// client_max_window_bits) unless the scenario configures the permessage-deflate offer
// (`deflate`), one connection per scenario in turn.
// usage: node node-ws.js CONFIG.json REPORTS_DIR
// CONFIG.json is {client, timeoutMs, scenarios: [{name, url, protocols, deflate}]}; writes
// REPORTS_DIR/<scenario>.json with what the client saw, the error text verbatim.
'use strict';
const fs = require('fs');
const path = require('path');
const WebSocket = require('ws');

const [configPath, reportsDir] = process.argv.slice(2);
const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));

function runOne(scenario) {
  return new Promise((resolve) => {
    const report = {scenario: scenario.name, client: config.client, opened: false,
                    protocol: null, extensions: null, events: [], received: null,
                    close: null, timeout: false, error: null};
    const options = {handshakeTimeout: config.timeoutMs};
    if (scenario.deflate) {
      // The scenario's offer, as RFC 7692 names the parameters (true: without a value).
      const d = scenario.deflate;
      options.perMessageDeflate = {};
      if ('server_no_context_takeover' in d)
        options.perMessageDeflate.serverNoContextTakeover = d.server_no_context_takeover;
      if ('client_no_context_takeover' in d)
        options.perMessageDeflate.clientNoContextTakeover = d.client_no_context_takeover;
      if ('server_max_window_bits' in d)
        options.perMessageDeflate.serverMaxWindowBits = d.server_max_window_bits;
      if ('client_max_window_bits' in d)
        options.perMessageDeflate.clientMaxWindowBits = d.client_max_window_bits;
      report.offered = options.perMessageDeflate;
    }
    const ws = scenario.protocols.length
      ? new WebSocket(scenario.url, scenario.protocols, options)
      : new WebSocket(scenario.url, options);
    const timer = setTimeout(() => {
      report.timeout = true;
      report.events.push('timeout');
      ws.terminate();
      resolve(report);
    }, config.timeoutMs + 2000);
    ws.on('open', () => {
      report.events.push('open');
      report.opened = true;
      report.protocol = ws.protocol;
      report.extensions = ws.extensions;
      // What ws accepted (internal, shown in the details only).
      const pmd = ws._extensions && ws._extensions['permessage-deflate'];
      if (pmd) report.extension_params = pmd.params;
    });
    ws.on('message', (data, isBinary) => {
      report.events.push('message');
      report.received = data.length;
      ws.send(data, {binary: isBinary});
    });
    ws.on('error', (error) => {
      report.events.push('error');
      report.error = error.message;
    });
    ws.on('close', (code, reason) => {
      report.events.push('close');
      report.close = {code, reason: reason.toString(), wasClean: code !== 1006};
      clearTimeout(timer);
      resolve(report);
    });
  });
}

(async () => {
  fs.mkdirSync(reportsDir, {recursive: true});
  for (const scenario of config.scenarios) {
    const report = await runOne(scenario);
    fs.writeFileSync(path.join(reportsDir, scenario.name + '.json'),
                     JSON.stringify(report, null, 1));
    console.log(scenario.name + ': ' + report.events.join(',') +
                (report.error ? ' ' + report.error : ''));
  }
})();
