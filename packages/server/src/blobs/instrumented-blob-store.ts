// A blob store that counts: each operation's duration, and its failures (a missing blob is an
// answer, not a failure), for /metrics.
import type { Metrics } from '../observability/metrics.js';
import { BlobNotFoundError, type BlobStore, type BlobStream, type PutResult } from './blob-store.js';

export class InstrumentedBlobStore implements BlobStore {
  constructor(
    private readonly inner: BlobStore,
    private readonly metrics: Pick<Metrics, 'blobErrors' | 'blobOperations'>,
  ) {}

  get kind() {
    return this.inner.kind;
  }

  private async timed<T>(operation: string, fn: () => Promise<T>): Promise<T> {
    const labels = { store: this.inner.kind, operation };
    const end = this.metrics.blobOperations.startTimer(labels);
    try {
      return await fn();
    } catch (err) {
      if (!(err instanceof BlobNotFoundError)) this.metrics.blobErrors.inc(labels);
      throw err;
    } finally {
      end();
    }
  }

  put(data: Buffer): Promise<PutResult> {
    return this.timed('put', () => this.inner.put(data));
  }
  putFile(path: string): Promise<PutResult> {
    return this.timed('put', () => this.inner.putFile(path));
  }
  get(sha256: string): Promise<Buffer> {
    return this.timed('get', () => this.inner.get(sha256));
  }
  open(sha256: string): Promise<BlobStream> {
    return this.timed('open', () => this.inner.open(sha256));
  }
  has(sha256: string): Promise<boolean> {
    return this.timed('has', () => this.inner.has(sha256));
  }
  remove(sha256: string): Promise<void> {
    return this.timed('remove', () => this.inner.remove(sha256));
  }
  list(): AsyncIterable<string> {
    return this.inner.list();
  }
  ping(): Promise<void> {
    return this.timed('ping', () => this.inner.ping());
  }
  describe(): string {
    return this.inner.describe();
  }
  close(): void {
    this.inner.close();
  }
}
