// Facts about a saved screenshot, so a test can assert it shows something rather than a blank page.
import { readFileSync } from 'node:fs';
import type { BrowserContext } from 'playwright-core';

export interface PngInfo {
  width: number;
  height: number;
  bytes: number;
  /** Distinct colours among pixels sampled on a 64×64 grid (a blank page has 1). */
  distinctColors: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Reads the PNG header and lets the browser decode the pixels (no PNG decoder needed in Node). */
export async function pngInfo(file: string, context: BrowserContext): Promise<PngInfo> {
  const data = readFileSync(file);
  if (data.length < 24 || !data.subarray(0, 8).equals(SIGNATURE) || data.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error(`${file} is not a PNG`);
  }
  const width = data.readUInt32BE(16);
  const height = data.readUInt32BE(20);
  const page = await context.newPage();
  try {
    const distinctColors = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2d canvas');
      ctx.drawImage(img, 0, 0);
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const seen = new Set<number>();
      for (let gy = 0; gy < 64; gy++) {
        for (let gx = 0; gx < 64; gx++) {
          const x = Math.floor(((gx + 0.5) * canvas.width) / 64);
          const y = Math.floor(((gy + 0.5) * canvas.height) / 64);
          const i = (y * canvas.width + x) * 4;
          seen.add((pixels[i] << 16) | (pixels[i + 1] << 8) | pixels[i + 2]);
        }
      }
      return seen.size;
    }, data.toString('base64'));
    return { width, height, bytes: data.length, distinctColors };
  } finally {
    await page.close();
  }
}
