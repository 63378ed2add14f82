// Client driver: Debian's Firefox ESR, headless, with a fresh profile whose user.js turns off
// every background network feature. It loads the suite's page (which runs every scenario and
// reports to the server) through WebDriver BiDi, Firefox's built-in remote protocol, spoken
// here with npm `ws`, so that the browser console is recorded: Firefox prints a handshake
// failure there. MOZ_LOG=nsWebSocket:4 keeps Firefox's own reason in PROFILE_DIR/../moz.log.
// usage: node firefox.js PAGE_URL CONSOLE.jsonl PROFILE_DIR   (env FIREFOX: another binary)
'use strict';
const fs = require('fs');
const path = require('path');
const { spawn } = require('child_process');
const WebSocket = require('ws');

const [pageUrl, consolePath, profileDir] = process.argv.slice(2);
const executable = process.env.FIREFOX || '/usr/bin/firefox-esr';
const consoleOut = fs.openSync(consolePath, 'a');
const record = (entry) => fs.writeSync(consoleOut, JSON.stringify(entry) + '\n');
let firefox = null;

function startFirefox() {
  fs.rmSync(profileDir, {recursive: true, force: true});
  fs.mkdirSync(profileDir, {recursive: true});
  fs.copyFileSync(path.join(__dirname, '..', 'firefox-user.js'), path.join(profileDir, 'user.js'));
  const env = {...process.env, MOZ_LOG: 'nsWebSocket:4',
               MOZ_LOG_FILE: path.join(path.dirname(profileDir), 'moz.log'),
               MOZ_CRASHREPORTER_DISABLE: '1', MOZ_REMOTE_SETTINGS_DEVTOOLS: '1'};
  const child = spawn(executable, ['--headless', '--no-remote', '--profile', profileDir,
                                   '--remote-debugging-port=0', 'about:blank'],
                      {env, stdio: ['ignore', 'ignore', 'pipe']});
  firefox = child;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no WebDriver BiDi address in 30 s')), 30000);
    let err = '';
    child.stderr.on('data', (chunk) => {
      err += chunk;
      const m = /WebDriver BiDi listening on (ws:\/\/\S+)/.exec(err);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error('firefox exited ' + code));
    });
  });
}

function stopFirefox() {
  if (firefox && firefox.exitCode === null) firefox.kill('SIGKILL');
}

async function start() {
  // Retries only around starting the browser, never around what the page observes.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startFirefox();
    } catch (e) {
      record({level: 'driver', text: `start attempt ${attempt} failed: ${e.message}`});
      stopFirefox();
      if (attempt === 3) throw e;
    }
  }
}

function bidi(url) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url + '/session');
    let id = 0;
    const pending = new Map();
    const listeners = [];
    ws.on('message', (data) => {
      const m = JSON.parse(data);
      if (m.id !== undefined && pending.has(m.id)) {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.type === 'error') p.reject(new Error(m.error + ': ' + m.message));
        else p.resolve(m.result);
      } else if (m.type === 'event') {
        listeners.forEach((f) => f(m));
      }
    });
    ws.on('error', reject);
    ws.on('open', () => resolve({
      send: (method, params) => new Promise((res, rej) => {
        pending.set(++id, {resolve: res, reject: rej});
        ws.send(JSON.stringify({id, method, params}));
      }),
      on: (f) => listeners.push(f),
    }));
  });
}

process.on('SIGTERM', () => { stopFirefox(); process.exit(1); });

(async () => {
  const url = await start();
  const session = await bidi(url);
  const created = await session.send('session.new', {capabilities: {}});
  record({level: 'driver', text: 'browser ' + created.capabilities.browserName + ' ' +
          created.capabilities.browserVersion});
  const done = new Promise((resolve) => {
    session.on((event) => {
      if (event.method !== 'log.entryAdded') return;
      const text = event.params.text;
      record({level: event.params.level, type: event.params.type, text});
      if (text === 'interop: done') resolve();
    });
  });
  await session.send('session.subscribe', {events: ['log.entryAdded']});
  const tree = await session.send('browsingContext.getTree', {});
  await session.send('browsingContext.navigate',
                     {context: tree.contexts[0].context, url: pageUrl, wait: 'complete'});
  await done;  // the suite kills this driver if the page never finishes
  await Promise.race([session.send('browser.close', {}).catch(() => {}),
                      new Promise((r) => setTimeout(r, 5000))]);
  await new Promise((resolve) => {
    if (firefox.exitCode !== null) return resolve();
    firefox.on('exit', resolve);
    setTimeout(resolve, 10000);
  });
  stopFirefox();
  process.exit(0);
})().catch((e) => {
  record({level: 'driver', text: 'driver error: ' + e.message});
  stopFirefox();
  process.exit(1);
});
