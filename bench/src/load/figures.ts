// Per request kind: how many, how fast (p50/p99 from the send to the last byte), throughput over
// the phase, and every answer that was not a success.
export interface Sample {
  kind: string;
  status: number;
  ms: number;
}

export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i]!;
}

export interface KindFigures {
  kind: string;
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  serverErrors: number;
  otherFailures: number;
}

export function figuresOf(samples: Sample[], seconds: number): KindFigures[] {
  const kinds = [...new Set(samples.map((s) => s.kind))];
  return kinds.map((kind) => {
    const own = samples.filter((s) => s.kind === kind);
    const ms = own.map((s) => s.ms).sort((a, b) => a - b);
    return {
      kind,
      requests: own.length,
      perSecond: own.length / seconds,
      p50: quantile(ms, 0.5),
      p99: quantile(ms, 0.99),
      max: ms[ms.length - 1] ?? NaN,
      serverErrors: own.filter((s) => s.status >= 500 || s.status === 0).length,
      otherFailures: own.filter((s) => s.status >= 400 && s.status < 500).length,
    };
  });
}

export function printFigures(title: string, rows: KindFigures[]): void {
  console.log(`\n${title}`);
  console.log(
    `  ${'kind'.padEnd(16)} ${'requests'.padStart(8)} ${'req/s'.padStart(7)} ${'p50 ms'.padStart(7)} ${'p99 ms'.padStart(7)} ${'max ms'.padStart(7)} ${'5xx'.padStart(4)} ${'4xx'.padStart(4)}`,
  );
  for (const r of rows)
    console.log(
      `  ${r.kind.padEnd(16)} ${String(r.requests).padStart(8)} ${r.perSecond.toFixed(1).padStart(7)} ${r.p50.toFixed(1).padStart(7)} ${r.p99.toFixed(1).padStart(7)} ${r.max.toFixed(0).padStart(7)} ${String(r.serverErrors).padStart(4)} ${String(r.otherFailures).padStart(4)}`,
    );
}
