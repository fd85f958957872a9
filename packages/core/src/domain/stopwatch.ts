/**
 * A monotonic clock in milliseconds that the caller passes in (`performance` in browsers and
 * Node): core reads no clock of its own, so what it computes depends only on its inputs. Used
 * for stage timings; without one, core measures nothing.
 */
export interface Stopwatch {
  now(): number;
}
