/** Exports of the current view: standalone SVG markup, PNG (drawn by the canvas renderer) and JSON. */
import { drawScene } from './canvas-renderer.ts';
import { bounds, EDGE_COLOURS, HIGHLIGHT, nodeColour, nodeRadius, type Scene } from './scene.ts';

const esc = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

export function sceneToSvg(scene: Scene): string {
  const b = bounds(scene.pos);
  const big = scene.nodes.length > 300;
  const p = scene.pos;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${b.x} ${b.y} ${b.w} ${b.h}" width="${Math.round(b.w)}" height="${Math.round(b.h)}" font-family="sans-serif">`,
    `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" fill="#ffffff"/>`,
  ];
  for (const e of scene.edges) {
    const colour = e.highlighted ? HIGHLIGHT : (EDGE_COLOURS[e.type] ?? '#999');
    parts.push(
      `<line x1="${p[2 * e.s]}" y1="${p[2 * e.s + 1]}" x2="${p[2 * e.t]}" y2="${p[2 * e.t + 1]}" stroke="${colour}" stroke-width="${e.highlighted ? 3 : 1.2}"/>`,
    );
    if (e.label && !big)
      parts.push(
        `<text x="${(p[2 * e.s]! + p[2 * e.t]!) / 2}" y="${(p[2 * e.s + 1]! + p[2 * e.t + 1]!) / 2}" font-size="10" fill="#4a5568" text-anchor="middle">${esc(e.label)}</text>`,
      );
  }
  scene.nodes.forEach((n, i) => {
    const r = nodeRadius(n, big);
    const x = p[2 * i]!;
    const y = p[2 * i + 1]!;
    const stroke = n.highlighted
      ? `stroke="${HIGHLIGHT}" stroke-width="3"`
      : 'stroke="#fff" stroke-width="1.5"';
    parts.push(
      n.kind === 'natural_person'
        ? `<circle cx="${x}" cy="${y}" r="${r}" fill="${nodeColour(n)}" ${stroke}/>`
        : `<rect x="${x - r}" y="${y - r}" width="${2 * r}" height="${2 * r}" fill="${nodeColour(n)}" ${stroke}/>`,
    );
    if (!big)
      parts.push(
        `<text x="${x}" y="${y + r + 13}" font-size="12" text-anchor="middle">${esc(n.label)}</text>`,
      );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export async function sceneToPng(scene: Scene): Promise<Blob> {
  const b = bounds(scene.pos);
  const scale = Math.min(2, 4000 / Math.max(b.w, b.h));
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(b.w * scale);
  canvas.height = Math.ceil(b.h * scale);
  const ctx = canvas.getContext('2d')!;
  drawScene(ctx, scene, { x: -b.x * scale, y: -b.y * scale, k: scale }, canvas.width, canvas.height, {
    big: scene.nodes.length > 300,
    labels: scene.nodes.length <= 300,
  });
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('PNG export failed'))), 'image/png'),
  );
}

export function download(name: string, data: Blob | string, type = 'application/octet-stream'): void {
  const blob = typeof data === 'string' ? new Blob([data], { type }) : data;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
