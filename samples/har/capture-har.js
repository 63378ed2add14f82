// Record one page session in headless Chromium as a HAR file, with Playwright's own HAR
// recorder (browserContext option recordHar; content 'omit', so no bodies).
//
// usage: node capture-har.js URL OUT.har PROFILE_DIR [--until-console TEXT]
//   URL            loopback page to load
//   OUT.har        where the HAR goes (written when the context closes)
//   PROFILE_DIR    an empty directory for Chromium's --user-data-dir (the caller makes and
//                  removes it)
//   --until-console TEXT
//                  keep the page open until it logs TEXT to the console (the capture
//                  server's page logs "wscap: done" after both WebSockets have closed);
//                  without it, stop once the network is idle after load.
// env: CHROMIUM (default /usr/bin/chromium), PLAYWRIGHT_CORE (path of the playwright-core
// package; default: resolved through NODE_PATH).
// Exits non-zero on any failure; every wait has a time limit.
'use strict';

const [url, out, profile, flag, untilText] = process.argv.slice(2);
if (!url || !out || !profile || (flag !== undefined && (flag !== '--until-console' || !untilText))) {
  console.error('usage: node capture-har.js URL OUT.har PROFILE_DIR [--until-console TEXT]');
  process.exit(2);
}
const { chromium } = require(process.env.PLAYWRIGHT_CORE || 'playwright-core');

// The flags the brief for these samples asks for; --user-data-dir comes from
// launchPersistentContext (Playwright refuses it in args). Playwright adds its own defaults
// (see README.md).
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-proxy-server'];

(async () => {
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    timeout: 30000,
    recordHar: { path: out, content: 'omit' },
  });
  try {
    const page = context.pages()[0] || await context.newPage();
    let done;
    const finished = new Promise((resolve) => { done = resolve; });
    page.on('console', (m) => {
      console.log('page console: ' + m.text());
      if (untilText && m.text().includes(untilText)) done();
    });
    page.on('websocket', (ws) => console.log('page websocket: ' + ws.url()));
    if (untilText) {
      await page.goto(url, { waitUntil: 'load', timeout: 20000 });
      await Promise.race([finished, new Promise((_, reject) => setTimeout(
        () => reject(new Error('page never logged ' + JSON.stringify(untilText))), 20000))]);
    } else {
      await page.goto(url, { waitUntil: 'networkidle', timeout: 20000 });
    }
    const cdp = await context.newCDPSession(page);
    console.log('browser: ' + (await cdp.send('Browser.getVersion')).product);
    await cdp.detach();
  } finally {
    await context.close(); // writes the HAR and ends Chromium
  }
})().catch((e) => { console.error('capture-har.js: ' + (e && e.stack || e)); process.exit(1); });
