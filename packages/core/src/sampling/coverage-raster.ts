/**
 * How many impressions of one session (or earlier) lie within reach of each cell centre, over a
 * window of the photo. Cells of treated skin inside the region checked must keep at least one.
 */
export class CoverageRaster {
  readonly count: Uint16Array;
  /** Whether a cell must stay covered: 1 yes, 0 no, −1 not looked at yet (read when it matters). */
  private readonly checked: Int8Array;
  readonly cols: number;
  readonly rows: number;
  constructor(
    readonly cell: number,
    readonly ox: number,
    readonly oy: number,
    width: number,
    height: number,
    private readonly isChecked: (x: number, y: number) => boolean,
  ) {
    this.cols = Math.max(1, Math.ceil(width / cell));
    this.rows = Math.max(1, Math.ceil(height / cell));
    this.count = new Uint16Array(this.cols * this.rows);
    this.checked = new Int8Array(this.cols * this.rows).fill(-1);
  }

  centreX(i: number): number {
    return this.ox + ((i % this.cols) + 0.5) * this.cell;
  }

  centreY(i: number): number {
    return this.oy + (Math.floor(i / this.cols) + 0.5) * this.cell;
  }

  /** Whether cell `i` is treated skin inside the region checked. */
  mustCover(i: number): boolean {
    let v = this.checked[i]!;
    if (v < 0) {
      v = this.isChecked(this.centreX(i), this.centreY(i)) ? 1 : 0;
      this.checked[i] = v;
    }
    return v === 1;
  }

  /** Whether a disc could be removed without leaving a cell that must stay covered without one. */
  canRemove(x: number, y: number, radius: number): boolean {
    const { cell, cols, rows, count } = this;
    const lx = x - this.ox;
    const ly = y - this.oy;
    const r0 = Math.max(0, Math.ceil((ly - radius) / cell - 0.5));
    const r1 = Math.min(rows - 1, Math.floor((ly + radius) / cell - 0.5));
    for (let r = r0; r <= r1; r++) {
      const dy = (r + 0.5) * cell - ly;
      const half2 = radius * radius - dy * dy;
      if (half2 < 0) continue;
      const half = Math.sqrt(half2);
      const c0 = Math.max(0, Math.ceil((lx - half) / cell - 0.5));
      const c1 = Math.min(cols - 1, Math.floor((lx + half) / cell - 0.5));
      for (let c = c0; c <= c1; c++)
        if (count[r * cols + c] === 1 && this.mustCover(r * cols + c)) return false;
    }
    return true;
  }

  /**
   * Adds (+1) or removes (−1) a disc (the cells whose centres it holds, a row's span at a time);
   * on removal, whether a cell that must stay covered lost its last impression.
   */
  disc(x: number, y: number, radius: number, delta: 1 | -1): boolean {
    const { cell, cols, rows, count } = this;
    const lx = x - this.ox;
    const ly = y - this.oy;
    const r2 = radius * radius;
    const r0 = Math.max(0, Math.ceil((ly - radius) / cell - 0.5));
    const r1 = Math.min(rows - 1, Math.floor((ly + radius) / cell - 0.5));
    let opened = false;
    for (let r = r0; r <= r1; r++) {
      const dy = (r + 0.5) * cell - ly;
      const half2 = r2 - dy * dy;
      if (half2 < 0) continue;
      const half = Math.sqrt(half2);
      const c0 = Math.max(0, Math.ceil((lx - half) / cell - 0.5));
      const c1 = Math.min(cols - 1, Math.floor((lx + half) / cell - 0.5));
      const row = r * cols;
      if (delta > 0) for (let c = c0; c <= c1; c++) count[row + c] = count[row + c]! + 1;
      else
        for (let c = c0; c <= c1; c++) {
          const i = row + c;
          const v = count[i]!;
          if (v > 1) count[i] = v - 1;
          else if (v === 1) {
            count[i] = 0;
            if (!opened && this.mustCover(i)) opened = true;
          }
        }
    }
    return opened;
  }
}
