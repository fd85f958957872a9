/** Buckets of impression indices by their blue-noise place, for "the nearest one of a later session". */
export class NearestBuckets {
  private readonly heads: Int32Array;
  private readonly next: Int32Array;
  private readonly gw: number;
  private readonly gh: number;
  constructor(
    private readonly x: Float32Array,
    private readonly y: Float32Array,
    count: number,
    private readonly cell: number,
    width: number,
    height: number,
  ) {
    this.gw = Math.max(1, Math.ceil(width / cell));
    this.gh = Math.max(1, Math.ceil(height / cell));
    this.heads = new Int32Array(this.gw * this.gh).fill(-1);
    this.next = new Int32Array(count);
    for (let i = 0; i < count; i++) {
      const c =
        Math.min(this.gh - 1, Math.max(0, Math.floor(y[i]! / cell))) * this.gw +
        Math.min(this.gw - 1, Math.max(0, Math.floor(x[i]! / cell)));
      this.next[i] = this.heads[c]!;
      this.heads[c] = i;
    }
  }

  /** Scratch for `nearest`: the indices within reach and their squared distances, nearest first. */
  private found = new Int32Array(64);
  private found2 = new Float64Array(64);

  /**
   * The index nearest (x, y) within `radius` for which `accept` holds, or −1 (of equally near ones,
   * the first in bucket order). `accept` is asked nearest first, and no further than it must be:
   * it can be costly (whether an impression can leave its place without opening a gap).
   */
  nearest(x: number, y: number, radius: number, accept: (i: number) => boolean): number {
    const r2 = radius * radius;
    const gx0 = Math.max(0, Math.floor((x - radius) / this.cell));
    const gx1 = Math.min(this.gw - 1, Math.floor((x + radius) / this.cell));
    const gy0 = Math.max(0, Math.floor((y - radius) / this.cell));
    const gy1 = Math.min(this.gh - 1, Math.floor((y + radius) / this.cell));
    let n = 0;
    for (let gy = gy0; gy <= gy1; gy++)
      for (let gx = gx0; gx <= gx1; gx++)
        for (let i = this.heads[gy * this.gw + gx]!; i >= 0; i = this.next[i]!) {
          const d2 = (this.x[i]! - x) ** 2 + (this.y[i]! - y) ** 2;
          if (d2 >= r2) continue;
          if (n === this.found.length) {
            const grown = new Int32Array(2 * n);
            grown.set(this.found);
            this.found = grown;
            const grown2 = new Float64Array(2 * n);
            grown2.set(this.found2);
            this.found2 = grown2;
          }
          // Insertion after every equally near one: bucket order breaks ties.
          let k = n++;
          while (k > 0 && this.found2[k - 1]! > d2) {
            this.found[k] = this.found[k - 1]!;
            this.found2[k] = this.found2[k - 1]!;
            k--;
          }
          this.found[k] = i;
          this.found2[k] = d2;
        }
    for (let k = 0; k < n; k++) if (accept(this.found[k]!)) return this.found[k]!;
    return -1;
  }
}
