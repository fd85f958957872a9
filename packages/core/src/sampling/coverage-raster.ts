/**
 * How many impressions of one session (or earlier) lie within reach of each cell centre, over a
 * window of the photo. Cells of treated skin inside the region checked must keep at least one.
 */
export class CoverageRaster {
  readonly count: Uint16Array;
  /**
   * Whether a cell must stay covered (1) or not (0), read for every cell up front, row by row:
   * read when it first matters, in the order impressions move, every read missed the cache.
   */
  private readonly checked: Uint8Array;
  readonly cols: number;
  readonly rows: number;
  /** Scratch: per row of a move, the row, then the column span of the disc before and after. */
  private span = new Int32Array(64);
  constructor(
    readonly cell: number,
    readonly ox: number,
    readonly oy: number,
    width: number,
    height: number,
    isChecked: (x: number, y: number) => boolean,
  ) {
    const cols = Math.max(1, Math.ceil(width / cell));
    const rows = Math.max(1, Math.ceil(height / cell));
    this.cols = cols;
    this.rows = rows;
    this.count = new Uint16Array(cols * rows);
    this.checked = new Uint8Array(cols * rows);
    for (let r = 0; r < rows; r++) {
      const y = oy + (r + 0.5) * cell;
      for (let c = 0; c < cols; c++) if (isChecked(ox + (c + 0.5) * cell, y)) this.checked[r * cols + c] = 1;
    }
  }

  centreX(i: number): number {
    return this.ox + ((i % this.cols) + 0.5) * this.cell;
  }

  centreY(i: number): number {
    return this.oy + (Math.floor(i / this.cols) + 0.5) * this.cell;
  }

  /** Whether cell `i` is treated skin inside the region checked. */
  mustCover(i: number): boolean {
    return this.checked[i] === 1;
  }

  /** Whether a disc could be removed without leaving a cell that must stay covered without one. */
  canRemove(x: number, y: number, radius: number): boolean {
    const { cell, cols, rows, count, span } = this;
    const ly = y - this.oy;
    const r0 = Math.max(0, Math.ceil((ly - radius) / cell - 0.5));
    const r1 = Math.min(rows - 1, Math.floor((ly + radius) / cell - 0.5));
    for (let r = r0; r <= r1; r++) {
      this.rowSpan(x, y, r, radius, 0);
      const c1 = span[1]!;
      for (let c = span[0]!; c <= c1; c++)
        if (count[r * cols + c] === 1 && this.mustCover(r * cols + c)) return false;
    }
    return true;
  }

  /**
   * Whether a disc can move from (x0, y0) to (x1, y1) without leaving a cell that must stay covered
   * without one; `move` then moves it. Only the cells the two discs do not share change, a fifth
   * of the two discs for a step of a third of the radius.
   */
  canMove(x0: number, y0: number, x1: number, y1: number, radius: number): boolean {
    const rows = this.spans(x0, y0, x1, y1, radius);
    const { span, count, cols } = this;
    for (let k = 0; k < rows; k++) {
      const row = span[5 * k]! * cols;
      const a1 = span[5 * k + 2]!;
      const b0 = span[5 * k + 3]!;
      const b1 = span[5 * k + 4]!;
      for (let c = span[5 * k + 1]!; c <= a1; c++) {
        if (c >= b0 && c <= b1) {
          c = b1;
          continue;
        }
        if (count[row + c] === 1 && this.mustCover(row + c)) return false;
      }
    }
    return true;
  }

  move(x0: number, y0: number, x1: number, y1: number, radius: number): void {
    const rows = this.spans(x0, y0, x1, y1, radius);
    const { span, count, cols } = this;
    for (let k = 0; k < rows; k++) {
      const row = span[5 * k]! * cols;
      const a0 = span[5 * k + 1]!;
      const a1 = span[5 * k + 2]!;
      const b0 = span[5 * k + 3]!;
      const b1 = span[5 * k + 4]!;
      for (let c = a0; c <= a1; c++) if (c < b0 || c > b1) count[row + c] = count[row + c]! - 1;
      for (let c = b0; c <= b1; c++) if (c < a0 || c > a1) count[row + c] = count[row + c]! + 1;
    }
  }

  /** Row, then the column span of the first disc and of the second (empty: first > last), per row. */
  private spans(x0: number, y0: number, x1: number, y1: number, radius: number): number {
    const { cell, rows } = this;
    const r0 = Math.max(0, Math.ceil((Math.min(y0, y1) - this.oy - radius) / cell - 0.5));
    const r1 = Math.min(rows - 1, Math.floor((Math.max(y0, y1) - this.oy + radius) / cell - 0.5));
    if (this.span.length < 5 * (r1 - r0 + 1)) this.span = new Int32Array(10 * (r1 - r0 + 1));
    const span = this.span;
    let k = 0;
    for (let r = r0; r <= r1; r++) {
      const o = 5 * k;
      span[o] = r;
      this.rowSpan(x0, y0, r, radius, o + 1);
      this.rowSpan(x1, y1, r, radius, o + 3);
      k++;
    }
    return k;
  }

  /**
   * The columns of row `r` whose centres lie in the disc, into span[at], span[at + 1] (first > last
   * when none). Every change of the counts goes through here, so that what one adds another takes
   * away to the cell.
   */
  private rowSpan(x: number, y: number, r: number, radius: number, at: number): void {
    const { cell, cols, span } = this;
    const ly = y - this.oy;
    let c0 = 0;
    let c1 = -1;
    if (r >= Math.ceil((ly - radius) / cell - 0.5) && r <= Math.floor((ly + radius) / cell - 0.5)) {
      const dy = (r + 0.5) * cell - ly;
      const half2 = radius * radius - dy * dy;
      if (half2 >= 0) {
        const half = Math.sqrt(half2);
        const lx = x - this.ox;
        c0 = Math.max(0, Math.ceil((lx - half) / cell - 0.5));
        c1 = Math.min(cols - 1, Math.floor((lx + half) / cell - 0.5));
      }
    }
    span[at] = c0;
    span[at + 1] = c1;
  }

  /**
   * Adds (+1) or removes (−1) a disc (the cells whose centres it holds, a row's span at a time);
   * on removal, whether a cell that must stay covered lost its last impression.
   */
  disc(x: number, y: number, radius: number, delta: 1 | -1): boolean {
    const { cell, cols, rows, count, span } = this;
    const ly = y - this.oy;
    const r0 = Math.max(0, Math.ceil((ly - radius) / cell - 0.5));
    const r1 = Math.min(rows - 1, Math.floor((ly + radius) / cell - 0.5));
    let opened = false;
    for (let r = r0; r <= r1; r++) {
      this.rowSpan(x, y, r, radius, 0);
      const c0 = span[0]!;
      const c1 = span[1]!;
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
