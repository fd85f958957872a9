// What the load script runs against, all on this machine: a throwaway PostgreSQL cluster (with
// pg_stat_statements, and fsync on, as a real server would run) and Stipple server processes
// (the build, as `npm start` runs it) that share one blob folder. Everything started here is
// stopped by `stop()`, which the script calls whatever happens.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

const root = new URL('../../../', import.meta.url).pathname;
const SERVER_MAIN = join(root, 'packages', 'server', 'dist', 'main.js');

interface Provision {
  startThrowawayCluster(options: {
    label?: string;
    settings?: string[];
  }): Promise<{ url: string; stop: () => void; log: string }>;
  freePort(): Promise<number>;
}

const provision = (): Promise<Provision> =>
  import(new URL('../../../scripts/lib/provision.mjs', import.meta.url).href) as Promise<Provision>;

export interface Instance {
  url: string;
  child: ChildProcess;
  /** Its standard output and error: the server's log lines and the stall probe's. */
  log: string;
}

export class LoadCluster {
  private pgCluster: { url: string; stop: () => void; log: string } | undefined;
  private readonly children: ChildProcess[] = [];

  static async start(): Promise<LoadCluster> {
    const cluster = new LoadCluster();
    cluster.pgCluster = await (
      await provision()
    ).startThrowawayCluster({
      label: 'stipple-load',
      settings: [
        'shared_preload_libraries=pg_stat_statements',
        'fsync=on',
        'synchronous_commit=on',
        'full_page_writes=on',
        'pg_stat_statements.track=all',
        // For the stall report (stalls.ts): what may have held a connection up, with its time.
        'log_min_duration_statement=50',
        'log_checkpoints=on',
        'log_autovacuum_min_duration=0',
        'log_lock_waits=on',
        'log_timezone=UTC',
        'track_wal_io_timing=on',
      ],
    });
    return cluster;
  }

  /** PostgreSQL's log file (read before `stop()`, which removes it). */
  get postgresLog(): string {
    return this.pgCluster!.log;
  }

  get adminUrl(): string {
    return this.pgCluster!.url;
  }

  /** A new database with pg_stat_statements; returns its URL. */
  async createDatabase(name: string): Promise<string> {
    await this.admin((c) => c.query(`create database ${name}`));
    const url = new URL(this.adminUrl);
    url.pathname = `/${name}`;
    await this.admin((c) => c.query('create extension if not exists pg_stat_statements'), url.toString());
    return url.toString();
  }

  async admin<T>(fn: (client: pg.Client) => Promise<T>, url = this.adminUrl): Promise<T> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  /** Starts `count` instances on `databaseUrl`, sharing `dataDir`'s blob folder; logs go to files there. */
  async startInstances(
    count: number,
    env: Record<string, string>,
    dataDir: string,
    /** e.g. a V8 CPU profile of each instance: ['--cpu-prof', '--cpu-prof-dir=…'] */
    nodeArgs: string[] = [],
    /** Another build's main.js, to compare two builds under the same load. */
    serverMain: string = SERVER_MAIN,
  ): Promise<Instance[]> {
    const tools = await provision();
    mkdirSync(dataDir, { recursive: true });
    const instances: Instance[] = [];
    for (let i = 0; i < count; i++) {
      const port = await tools.freePort();
      const logFile = join(dataDir, `instance-${i + 1}.log`);
      const log = openSync(logFile, 'a');
      const child = spawn(process.execPath, [...nodeArgs, serverMain], {
        cwd: root,
        env: {
          ...process.env,
          STIPPLE_PORT: String(port),
          STIPPLE_HOST: '127.0.0.1',
          STIPPLE_DATA_DIR: join(dataDir, `instance-${i + 1}`),
          STIPPLE_BLOB_DIR: join(dataDir, 'blobs'),
          STIPPLE_WEB_DIST: join(dataDir, 'no-web'),
          ...env,
        },
        stdio: ['ignore', log, log],
      });
      closeSync(log);
      this.children.push(child);
      instances.push({ url: `http://127.0.0.1:${port}`, child, log: logFile });
    }
    for (const instance of instances) await waitReady(instance);
    return instances;
  }

  async stopInstances(): Promise<void> {
    await Promise.all(this.children.splice(0).map(stopChild));
  }

  async stop(): Promise<void> {
    await this.stopInstances();
    this.pgCluster?.stop();
  }
}

async function waitReady(instance: Instance): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (instance.child.exitCode !== null)
      throw new Error(`${instance.url} exited (${instance.child.exitCode})`);
    try {
      if ((await fetch(`${instance.url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${instance.url} was not ready in 120 s`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
