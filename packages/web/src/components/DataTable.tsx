import type { ReactNode } from 'react';
import { Paper, Table, type TableProps, type TableScrollContainerProps } from '@mantine/core';

/**
 * A table with a header row that scrolls sideways on screens narrower than `minWidth`, so a
 * tablet in portrait never squeezes its columns. `framed` sets it on the bordered paper the
 * pages use for their main lists. A `null` header is an unlabelled column (row actions); `false`
 * leaves the column out, for columns shown only in some places.
 */
export function DataTable({
  minWidth,
  headers,
  testId,
  framed = false,
  tableProps,
  children,
  ...scroll
}: {
  minWidth: number;
  headers: readonly (ReactNode | false)[];
  testId?: string;
  framed?: boolean;
  tableProps?: TableProps;
  /** The body rows (`Table.Tr`). */
  children: ReactNode;
} & Omit<TableScrollContainerProps, 'minWidth' | 'children'>) {
  const table = (
    <Table.ScrollContainer minWidth={minWidth} {...scroll}>
      <Table {...tableProps} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            {headers
              .filter((h) => h !== false)
              .map((h, i) => (
                <Table.Th key={i}>{h}</Table.Th>
              ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
  return framed ? (
    <Paper withBorder radius="md">
      {table}
    </Paper>
  ) : (
    table
  );
}
