// Renders media/icon.svg to media/icon.png (128×128, transparent corners) with headless Debian Chromium, so the
// marketplace icon is reproducible offline from its source: `npx tsx scripts/package/renderIcon.ts`.
// vsce refuses SVG icons, hence a committed PNG.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium } from '../real-vscode/browser';
import { REPO_ROOT } from '../real-vscode/config';

export const ICON_SIZE = 128;

export async function renderIcon(svgFile: string, pngFile: string, size = ICON_SIZE): Promise<void> {
  const svg = readFileSync(svgFile, 'utf8');
  const browser = await launchChromium({ viewport: { width: size, height: size } });
  try {
    const page = browser.page;
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">` +
        `<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" width="${size}" height="${size}" style="display:block">` +
        `</body></html>`,
    );
    await page.locator('img').evaluate((img: HTMLImageElement) => img.decode());
    await page.screenshot({ path: pngFile, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  } finally {
    await browser.close();
  }
}

if (require.main === module) {
  const media = join(REPO_ROOT, 'media');
  const size = Number(process.argv[2] ?? ICON_SIZE);
  const out = process.argv[3] ?? join(media, 'icon.png');
  renderIcon(join(media, 'icon.svg'), out, size).then(
    () => console.log(`wrote ${out} (${size}×${size})`),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
