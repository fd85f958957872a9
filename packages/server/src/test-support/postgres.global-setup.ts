// Starts a throwaway PostgreSQL cluster from the machine's binaries (apt-installing
// `postgresql` when missing), migrates a template database once, and hands its name to the
// test files, which each copy it (`CREATE DATABASE ... TEMPLATE`). The cluster is stopped and
// removed at the end of the run.
import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { createPostgresDatabase } from '../db/create-db.js';
import { databaseUrl } from './test-db.js';
import './provided.js';

interface ProvisionModule {
  startThrowawayCluster: (options?: { label?: string }) => Promise<{ url: string; stop: () => void }>;
}

const TEMPLATE = 'stipple_template';

export default async function setup(project: TestProject): Promise<() => void> {
  const provisionPath = new URL('../../../../scripts/lib/provision.mjs', import.meta.url).href;
  const { startThrowawayCluster } = (await import(provisionPath)) as ProvisionModule;
  const cluster = await startThrowawayCluster({ label: 'stipple-vitest' });
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query(`create database ${TEMPLATE}`);
    await admin.end();
    const db = createPostgresDatabase(databaseUrl(cluster.url, TEMPLATE), 2);
    await db.migrate();
    // No connection may stay open on a template while it is being copied.
    await db.close();
  } catch (err) {
    cluster.stop();
    throw err;
  }
  project.provide('postgresAdminUrl', cluster.url);
  project.provide('postgresTemplate', TEMPLATE);
  return () => cluster.stop();
}
