/**
 * Demo pictures drawn in code (no downloads): a coloured square tile with a simple light shape — a cup, a glass,
 * a loaf, a cake slice, a coffee bean or a box — encoded as a small PNG with pngjs. Deterministic.
 */
import { PNG } from 'pngjs';
import type { Shape } from './catalogue';

export const TILE_SIZE = 160;

type Rgb = [number, number, number];

/** Is (x, y) — in a unit square, origin top-left — inside the shape? */
const SHAPES: Record<Shape, (x: number, y: number) => boolean> = {
  cup: (x, y) => {
    const body = x > 0.28 && x < 0.66 && y > 0.3 && y < 0.74;
    const handle = Math.hypot(x - 0.68, y - 0.5) < 0.13 && Math.hypot(x - 0.68, y - 0.5) > 0.07 && x > 0.66;
    const saucer = Math.abs(y - 0.78) < 0.025 && x > 0.2 && x < 0.76;
    return body || handle || saucer;
  },
  glass: (x, y) => {
    if (y < 0.22 || y > 0.8) return Math.abs(x - 0.5) < 0.025 && y > 0.12 && y < 0.3; // straw
    const half = 0.16 + (0.8 - y) * 0.12;
    return Math.abs(x - 0.5) < half;
  },
  loaf: (x, y) => {
    const inside = ((x - 0.5) / 0.34) ** 2 + ((y - 0.55) / 0.2) ** 2 < 1;
    const score = [0.38, 0.5, 0.62].some((c) => Math.abs(x - c - (y - 0.55) * 0.6) < 0.015);
    return inside && !score;
  },
  slice: (x, y) => x > 0.22 && x < 0.78 && y < 0.75 && y > 0.3 + (0.78 - x) * 0.35,
  bean: (x, y) => {
    const inside = ((x - 0.5) / 0.22) ** 2 + ((y - 0.5) / 0.3) ** 2 < 1;
    const crease = Math.abs(x - 0.5 - 0.05 * Math.sin((y - 0.5) * 9)) < 0.018;
    return inside && !crease;
  },
  box: (x, y) => x > 0.25 && x < 0.75 && y > 0.3 && y < 0.75 && !(Math.abs(x - 0.5) < 0.02 || Math.abs(y - 0.42) < 0.015),
};

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  return [0, 1, 2].map((i) => Math.round(a[i] + (b[i] - a[i]) * t)) as Rgb;
}

/** A PNG tile: `color` background (a gentle vertical gradient), `shape` in a light tint. `variant` shifts the hue. */
export function drawTile(color: Rgb, shape: Shape, variant = 0, size = TILE_SIZE): Buffer {
  const png = new PNG({ width: size, height: size });
  const shift = ((variant % 5) - 2) * 12;
  const base: Rgb = [color[0] + shift, color[1] - shift / 2, color[2] + shift / 3].map((c) => Math.max(0, Math.min(255, Math.round(c)))) as Rgb;
  const light = mix(base, [255, 250, 240], 0.82);
  const dark = mix(base, [0, 0, 0], 0.25);
  const inside = SHAPES[shape];
  const data = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    const y = (py + 0.5) / size;
    const bg = mix(base, dark, y);
    for (let px = 0; px < size; px++) {
      const [r, g, b] = inside((px + 0.5) / size, y) ? light : bg;
      const i = (py * size + px) * 4;
      data[i] = r;
      data[i + 1] = g;
      data[i + 2] = b;
      data[i + 3] = 255;
    }
  }
  png.data = Buffer.from(data.buffer);
  return PNG.sync.write(png, { colorType: 2, filterType: 0 });
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** True when `bytes` is a PNG whose header says it is a demo tile (used by the dataset checks; reads the header only). */
export function isTilePng(bytes: Buffer): boolean {
  return (
    bytes.length > 33 &&
    bytes.subarray(0, 8).equals(PNG_SIGNATURE) &&
    bytes.toString('latin1', 12, 16) === 'IHDR' &&
    bytes.readUInt32BE(16) === TILE_SIZE &&
    bytes.readUInt32BE(20) === TILE_SIZE
  );
}
