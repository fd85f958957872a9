import { describe, expect, it } from 'vitest';
import { copyInSql, copyOutSql, tablesInOrder } from './row-store.js';

describe('tables for a copy', () => {
  const col = (table: string, column: string, position: number, key = 0) => ({
    table,
    column,
    position,
    key_position: key,
  });

  it('puts every table after the tables it refers to, a table referring to itself included', () => {
    const tables = tablesInOrder(
      ['photo', 'client', 'studio', 'appointment'],
      [
        { child: 'client', parent: 'studio' },
        { child: 'photo', parent: 'client' },
        { child: 'photo', parent: 'studio' },
        { child: 'appointment', parent: 'client' },
        { child: 'appointment', parent: 'appointment' },
      ],
      [
        col('studio', 'id', 1, 1),
        col('client', 'id', 1, 1),
        col('client', 'studio_id', 2),
        col('photo', 'studio_id', 1, 1),
        col('photo', 'id', 2, 2),
        col('appointment', 'id', 1),
        col('appointment', 'moved_from', 2),
      ],
    );
    expect(tables.map((t) => t.name)).toEqual(['studio', 'client', 'appointment', 'photo']);
    expect(tables.find((t) => t.name === 'photo')!.orderBy).toEqual(['studio_id', 'id']);
    // No primary key: every column orders the rows.
    expect(tables.find((t) => t.name === 'appointment')!.orderBy).toEqual(['id', 'moved_from']);
  });

  it('quotes names in the COPY statements', () => {
    const t = { name: 'we"ird', columns: ['a', 'b"c'], orderBy: ['a'] };
    expect(copyOutSql(t, 'STDOUT')).toBe(
      'copy (select "a", "b""c" from public."we""ird" order by "a") to STDOUT',
    );
    expect(copyInSql(t, 'STDIN')).toBe('copy public."we""ird" ("a", "b""c") from STDIN');
  });
});
