/**
 * Draws the tab bar icons (81×81 PNG, the size WeChat recommends; each well under the 40 KB limit) into
 * miniprogram/assets/tabbar/: <name>.png in grey and <name>-active.png in the theme colour. The PNGs are committed;
 * run this again only to change them: `npx tsx scripts/make-tabbar-icons.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';

const SIZE = 81;
const SAMPLES = 4; // 4×4 supersampling per pixel for smooth edges
const outDir = path.resolve(__dirname, '..', 'miniprogram', 'assets', 'tabbar');

/** A shape: is the point (x, y), in units of the 0..1 icon box, inside it? */
type Shape = (x: number, y: number) => boolean;

function distToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

const line = (ax: number, ay: number, bx: number, by: number, w: number): Shape => (x, y) => distToSegment(x, y, ax, ay, bx, by) <= w / 2;
const polyline = (pts: Array<[number, number]>, w: number): Shape => union(...pts.slice(1).map((p, i) => line(pts[i][0], pts[i][1], p[0], p[1], w)));
const disc = (cx: number, cy: number, r: number): Shape => (x, y) => Math.hypot(x - cx, y - cy) <= r;
const ring = (cx: number, cy: number, r: number, w: number): Shape => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - r) <= w / 2;
/** The upper half of a ring (y above cy), for shoulders. */
const upperArc = (cx: number, cy: number, r: number, w: number): Shape => (x, y) => y <= cy && ring(cx, cy, r, w)(x, y);
/** Outline of a rounded rectangle (stroke width w), from its signed distance. */
function roundRect(x0: number, y0: number, x1: number, y1: number, r: number, w: number): Shape {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const hx = (x1 - x0) / 2 - r;
  const hy = (y1 - y0) / 2 - r;
  return (x, y) => {
    const qx = Math.abs(x - cx) - hx;
    const qy = Math.abs(y - cy) - hy;
    const signed = Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
    return Math.abs(signed) <= w / 2;
  };
}
function union(...shapes: Shape[]): Shape {
  return (x, y) => shapes.some((s) => s(x, y));
}

const W = 0.075; // stroke width

export const ICONS: Record<string, Shape> = {
  home: union(
    polyline([[0.14, 0.48], [0.5, 0.16], [0.86, 0.48]], W),
    polyline([[0.24, 0.4], [0.24, 0.84], [0.76, 0.84], [0.76, 0.4]], W),
    polyline([[0.42, 0.84], [0.42, 0.62], [0.58, 0.62], [0.58, 0.84]], W),
  ),
  category: union(
    roundRect(0.14, 0.14, 0.45, 0.45, 0.06, W),
    roundRect(0.55, 0.14, 0.86, 0.45, 0.06, W),
    roundRect(0.14, 0.55, 0.45, 0.86, 0.06, W),
    roundRect(0.55, 0.55, 0.86, 0.86, 0.06, W),
  ),
  cart: union(
    polyline([[0.1, 0.2], [0.22, 0.2], [0.32, 0.64], [0.78, 0.64], [0.87, 0.32], [0.26, 0.32]], W),
    disc(0.36, 0.8, 0.065),
    disc(0.74, 0.8, 0.065),
  ),
  user: union(ring(0.5, 0.34, 0.17, W), upperArc(0.5, 0.92, 0.34, W), line(0.16, 0.9, 0.84, 0.9, W)),
};

export const COLORS = { normal: [0x8a, 0x8a, 0x8a], active: [0xe3, 0x4d, 0x59] } as const;

export function renderIcon(shape: Shape, rgb: readonly number[], size = SIZE): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (shape((px + (sx + 0.5) / SAMPLES) / size, (py + (sy + 0.5) / SAMPLES) / size)) hits++;
        }
      }
      const i = (py * size + px) * 4;
      png.data[i] = rgb[0];
      png.data[i + 1] = rgb[1];
      png.data[i + 2] = rgb[2];
      png.data[i + 3] = Math.round((255 * hits) / (SAMPLES * SAMPLES));
    }
  }
  return PNG.sync.write(png);
}

if (require.main === module) {
  mkdirSync(outDir, { recursive: true });
  for (const [name, shape] of Object.entries(ICONS)) {
    writeFileSync(path.join(outDir, `${name}.png`), renderIcon(shape, COLORS.normal));
    writeFileSync(path.join(outDir, `${name}-active.png`), renderIcon(shape, COLORS.active));
  }
  console.log(`wrote ${Object.keys(ICONS).length * 2} icons to ${path.relative(process.cwd(), outDir)}`);
}
