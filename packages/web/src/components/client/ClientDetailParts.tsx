// The parts the client's details are shown in: a titled section, a labelled field, and links in
// running text with a fingertip-sized target.
import { type ReactNode } from 'react';
import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Links in running text still get a fingertip-sized target. */
export const touchLink = { display: 'inline-flex', alignItems: 'center', minHeight: 44 } as const;

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Text fw={600} mb="sm">
        {title}
      </Text>
      <Stack gap="sm">{children}</Stack>
    </Paper>
  );
}

export function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  return (
    <div>
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text data-testid={testId} c={children ? undefined : 'dimmed'}>
        {children ?? t('common.notSet')}
      </Text>
    </div>
  );
}
