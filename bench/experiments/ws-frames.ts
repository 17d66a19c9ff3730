/**
 * Which big messages reach VS Code's renderer while a view opens: starts code-server with an extension linked
 * as installed (the Atlas extension on the demo emulator, or the bench:ui floor fixture), clicks its view in
 * the activity bar, and prints every WebSocket frame over 20 kB received from then on (ms after the click,
 * bytes, the start of the payload). Found this way: VS Code's list of installed extensions (about 1.3 MB,
 * sent twice) arrives a few seconds after the first view of the window opens, with either extension, and
 * costs the renderer 150–330 ms to decode wherever it lands.
 *
 *   npx tsx bench/experiments/ws-frames.ts "$PWD" Atlas '^Environment'
 *   npx tsx bench/experiments/ws-frames.ts "$PWD/bench/ui/fixtures/floor-extension" Floor '^Floor row'
 */
import { demoEnvironment } from '../../scripts/demo/demo';
import { startEmulator } from '../../test/atlas-emulator';
import { launchVsCode } from '../../test/ui/harness';
void (async () => {
  const emulator = await startEmulator({ dataset: 'demo', quiet: true });
  const vsc = await launchVsCode({ extension: { linkedPath: process.argv[2]! }, env: demoEnvironment(emulator.baseUrl) });
  const page = vsc.browser.page;
  const big: { at: number; bytes: number; head: string }[] = [];
  let t0 = 0;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  cdp.on('Network.webSocketFrameReceived', (e: { response: { opcode: number; payloadData: string } }) => {
    const data = e.response.payloadData;
    const buf = e.response.opcode === 2 ? Buffer.from(data, 'base64') : Buffer.from(data);
    if (t0 && buf.length > 20_000) big.push({ at: Date.now() - t0, bytes: buf.length, head: buf.subarray(0, 800).toString('latin1').replace(/[^\x20-\x7e]/g, '.') });
  });
  try {
    await page.waitForTimeout(3000);
    t0 = Date.now();
    await page.locator(`.part.activitybar .action-item a[aria-label^="${process.argv[3] ?? 'Atlas'}"]`).click();
    await page.locator('.part.sidebar .monaco-list-row', { hasText: new RegExp(process.argv[4] ?? '^Environment') }).waitFor();
    await page.waitForTimeout(1500);
    for (const b of big) console.log(b.at, b.bytes, b.head.slice(0, 600));
  } finally {
    await vsc.close();
    await emulator.close();
  }
})();
