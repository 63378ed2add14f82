// Client driver: Debian's Chromium, headless, driven by playwright-core (no browser download:
// executablePath is the system binary). Opens the suite's page, which runs every scenario
// with `new WebSocket(url, protocols)` and reports to the server; this driver records the
// browser console, where Chromium prints each handshake error's text.
// usage: node chromium.js PAGE_URL CONSOLE.jsonl PROFILE_DIR   (env CHROMIUM: another binary)
'use strict';
const fs = require('fs');
const { chromium } = require('playwright-core');

const [pageUrl, consolePath, profileDir] = process.argv.slice(2);
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
// Nothing but the page: no QUIC, no background, component or sync traffic, no proxy, and
// every host name but 127.0.0.1 resolves to nothing without a DNS query (even with the flags
// before it, Chromium 156 still looks up update.googleapis.com and accounts.google.com).
const args = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
              '--disable-background-networking', '--disable-component-update', '--disable-sync',
              '--no-proxy-server', '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1'];
const consoleOut = fs.openSync(consolePath, 'a');
const record = (entry) => fs.writeSync(consoleOut, JSON.stringify(entry) + '\n');

async function launch() {
  // Retries only around starting the browser, never around what the page observes.
  for (let attempt = 1; ; attempt++) {
    try {
      fs.rmSync(profileDir, {recursive: true, force: true});
      return await chromium.launchPersistentContext(profileDir, {
        executablePath, headless: true, args, timeout: 30000});
    } catch (e) {
      record({level: 'driver', text: `launch attempt ${attempt} failed: ${e.message}`});
      if (attempt === 3) throw e;
    }
  }
}

(async () => {
  const context = await launch();
  record({level: 'driver', text: 'browser ' + context.browser()?.version()});
  const page = context.pages()[0] || await context.newPage();
  const done = new Promise((resolve) => {
    page.on('console', (message) => {
      record({level: message.type(), text: message.text()});
      if (message.text() === 'interop: done') resolve();
    });
  });
  page.on('pageerror', (error) => record({level: 'pageerror', text: String(error)}));
  await page.goto(pageUrl, {timeout: 30000});
  await done;  // the suite kills this driver if the page never finishes
  await context.close();
})().catch((e) => {
  record({level: 'driver', text: 'driver error: ' + e.message});
  process.exit(1);
});
