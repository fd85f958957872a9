// The compute thread's Node options: the process's, less the modules it preloads (a test server's
// exit-with-parent preload, run again in a thread whose stdin is closed, ended the whole process).
import { describe, expect, it } from 'vitest';
import { withoutPreloads } from './compute-thread.js';

describe('withoutPreloads', () => {
  it('drops --import, --require and loaders with their values, in both spellings', () => {
    expect(
      withoutPreloads([
        '--import',
        '/x/exit-with-parent.mjs',
        '--conditions',
        'source',
        '--require=/y/hook.cjs',
        '-r',
        'z',
        '--experimental-loader=tsx',
        '--max-old-space-size=2048',
      ]),
    ).toEqual(['--conditions', 'source', '--max-old-space-size=2048']);
  });

  it('keeps options that only look alike', () => {
    expect(withoutPreloads(['--import-meta-x', '--enable-source-maps'])).toEqual([
      '--import-meta-x',
      '--enable-source-maps',
    ]);
  });
});
