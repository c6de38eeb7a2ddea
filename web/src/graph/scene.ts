/** What the renderers draw: nodes and edges by index into a positions buffer, plus shared colours and sizes. */
export interface SceneNode {
  id: string;
  label: string;
  kind: string;
  riskClass: string | null;
  isRoot: boolean;
  expanded: boolean;
  highlighted: boolean;
  pinned: boolean;
}
export interface SceneEdge {
  key: string;
  s: number;
  t: number;
  type: string;
  label: string;
  highlighted: boolean;
}
export interface Scene {
  nodes: SceneNode[];
  edges: SceneEdge[];
  /** [x0, y0, x1, y1, …] in graph coordinates. */
  pos: Float32Array;
  hover: number;
}
export interface ViewTransform {
  x: number;
  y: number;
  k: number;
}

export const CLASS_COLOURS: Record<string, string> = {
  A: '#2e9d5b',
  B: '#d8b42a',
  C: '#e37b2c',
  D: '#c9302c',
  '?': '#8a94a6',
};
export const EDGE_COLOURS: Record<string, string> = {
  LEGAL_REP: '#4060c0',
  SHAREHOLDER: '#5a6b7d',
  OFFICER: '#8a5cc0',
  ACTUAL_CONTROLLER: '#b0407a',
  GUARANTEE: '#d0702a',
  BRANCH: '#3a9a9a',
};
export const HIGHLIGHT = '#ff2d95';

export const nodeColour = (n: SceneNode): string => CLASS_COLOURS[n.riskClass ?? '?'] ?? CLASS_COLOURS['?']!;
export const nodeRadius = (n: SceneNode, big: boolean): number =>
  (big ? 6 : 12) * (n.isRoot ? 1.5 : 1) * (n.kind === 'natural_person' ? 0.85 : 1);

/** Bounds of the positions, padded, for fitting exports and the first view. */
export function bounds(pos: Float32Array, pad = 40): { x: number; y: number; w: number; h: number } {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < pos.length; i += 2) {
    x0 = Math.min(x0, pos[i]!);
    x1 = Math.max(x1, pos[i]!);
    y0 = Math.min(y0, pos[i + 1]!);
    y1 = Math.max(y1, pos[i + 1]!);
  }
  if (!Number.isFinite(x0)) return { x: -100, y: -100, w: 200, h: 200 };
  return { x: x0 - pad, y: y0 - pad, w: x1 - x0 + 2 * pad, h: y1 - y0 + 2 * pad };
}
