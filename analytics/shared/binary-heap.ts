/**
 * Binary max-heap of integer handles keyed by a float priority (Williams 1964, "Algorithm 232: Heapsort").
 * Handles index caller-owned state arrays; the heap stores only (priority, handle) pairs in typed arrays.
 */

export class MaxHeap {
  private keys: Float64Array;
  private handles: Int32Array;
  private n = 0;

  constructor(capacity = 64) {
    this.keys = new Float64Array(capacity);
    this.handles = new Int32Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  peekKey(): number {
    return this.n > 0 ? this.keys[0]! : Number.NEGATIVE_INFINITY;
  }

  push(key: number, handle: number): void {
    if (this.n === this.keys.length) {
      const k = new Float64Array(this.n * 2);
      k.set(this.keys);
      this.keys = k;
      const h = new Int32Array(this.n * 2);
      h.set(this.handles);
      this.handles = h;
    }
    let i = this.n++;
    const keys = this.keys;
    const handles = this.handles;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p]! >= key) break;
      keys[i] = keys[p]!;
      handles[i] = handles[p]!;
      i = p;
    }
    keys[i] = key;
    handles[i] = handle;
  }

  /** Removes the top and returns its handle (−1 when empty). */
  pop(): number {
    if (this.n === 0) return -1;
    const keys = this.keys;
    const handles = this.handles;
    const top = handles[0]!;
    const n = --this.n;
    if (n === 0) return top;
    const key = keys[n]!;
    const handle = handles[n]!;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const c = r < n && keys[r]! > keys[l]! ? r : l;
      if (keys[c]! <= key) break;
      keys[i] = keys[c]!;
      handles[i] = handles[c]!;
      i = c;
    }
    keys[i] = key;
    handles[i] = handle;
    return top;
  }
}
