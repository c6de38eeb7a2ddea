/**
 * The report's network picture: the subject in the centre and its 1-hop neighbours on a circle, as inline SVG
 * rendered on the server (prints without JavaScript). The layout is deterministic — neighbours ordered by the
 * kind of their link to the subject, then by id, at equal angles from 12 o'clock — so the same data always
 * draws the same picture. Every text goes through `esc`.
 */
import { esc } from './escape.ts';
import { type ReportLang, relationLabel } from './labels.ts';

export interface NetworkPicture {
  centre: string;
  nodes: ReadonlyArray<{ id: string; kind: string; name: string | null; hops: number }>;
  edges: ReadonlyArray<{ from: string; to: string; type: string }>;
}

const SIZE = 560;
const RADIUS = 200;
const LABEL_CHARS = 10;

const short = (text: string) =>
  [...text].length > LABEL_CHARS ? `${[...text].slice(0, LABEL_CHARS).join('')}…` : text;

/** Positions: centre at the middle, the others evenly on the circle (pure, exported for tests). */
export function radialLayout(p: NetworkPicture): Map<string, { x: number; y: number }> {
  const c = SIZE / 2;
  const out = new Map<string, { x: number; y: number }>([[p.centre, { x: c, y: c }]]);
  const linkType = (id: string) =>
    p.edges.find((e) => (e.from === id && e.to === p.centre) || (e.to === id && e.from === p.centre))?.type ??
    '~';
  const ring = p.nodes
    .filter((n) => n.id !== p.centre)
    .map((n) => ({ id: n.id, key: linkType(n.id) }))
    .sort((a, b) => a.key.localeCompare(b.key) || a.id.localeCompare(b.id));
  ring.forEach((n, k) => {
    const angle = (2 * Math.PI * k) / ring.length - Math.PI / 2;
    out.set(n.id, {
      x: Math.round((c + RADIUS * Math.cos(angle)) * 10) / 10,
      y: Math.round((c + RADIUS * Math.sin(angle)) * 10) / 10,
    });
  });
  return out;
}

export function renderNetworkSvg(p: NetworkPicture, lang: ReportLang): string {
  const pos = radialLayout(p);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}" role="img" class="network">`,
  ];
  for (const e of p.edges) {
    const a = pos.get(e.from);
    const b = pos.get(e.to);
    if (!a || !b) continue;
    parts.push(
      `<line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" class="edge edge-${esc(e.type)}"/>`,
      `<text x="${Math.round(((a.x + b.x) / 2) * 10) / 10}" y="${Math.round(((a.y + b.y) / 2) * 10) / 10}" class="edge-label">${esc(relationLabel(e.type, lang))}</text>`,
    );
  }
  for (const n of p.nodes) {
    const at = pos.get(n.id);
    if (!at) continue;
    const cls = `node ${n.kind === 'natural_person' ? 'person' : 'org'}${n.id === p.centre ? ' centre' : ''}`;
    const shape =
      n.kind === 'natural_person'
        ? `<circle cx="${at.x}" cy="${at.y}" r="${n.id === p.centre ? 16 : 11}"/>`
        : `<rect x="${at.x - 12}" y="${at.y - 12}" width="24" height="24" rx="3"/>`;
    parts.push(
      `<g class="${cls}" data-id="${esc(n.id)}"><title>${esc(n.name ?? n.id)}</title>${shape}<text x="${at.x}" y="${at.y + 28}">${esc(short(n.name ?? n.id))}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}
