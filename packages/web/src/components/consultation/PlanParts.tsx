// The small parts every section of a plan is made of: the section's frame, a labelled field,
// statements with their rules, a line of rule chips, and the colour of each eligibility.
import type { ReactNode } from 'react';
import { Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { scarDisplayName, type Eligibility, type Plan } from '@stipple/core';
import { useTranslation } from 'react-i18next';
import { formatList } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { RuleChips } from './RuleChip.js';

export const ELIGIBILITY_COLOURS: Record<Eligibility, string> = {
  eligible: 'teal',
  postpone: 'yellow',
  refer: 'orange',
  not_eligible: 'red',
};

export function Statements({ items, rulesVersion }: { items: Plan['cautions']; rulesVersion: string }) {
  const locale = useLocale();
  const { t } = useTranslation();
  return (
    <List spacing={6} size="sm">
      {items.map((s, i) => (
        <List.Item key={i}>
          {s.scars.length > 0 && (
            // The scars by the names the reader knows ("疤痕 1"), never by their ids (`scar-1`).
            <>
              <b data-testid="statement-scars">
                {t('common.labelled', {
                  label: formatList(
                    s.scars.map((id) => scarDisplayName(id, locale)),
                    locale,
                  ),
                })}
              </b>{' '}
            </>
          )}
          {s.text} <RuleChips ids={s.ruleIds} rulesVersion={rulesVersion} />
        </List.Item>
      ))}
    </List>
  );
}

export function RuleLine({ ids, rulesVersion }: { ids: string[]; rulesVersion: string }) {
  if (!ids.length) return null;
  return (
    <Group gap={4}>
      <RuleChips ids={ids} rulesVersion={rulesVersion} />
    </Group>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </div>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="xs">
        <Title order={4}>{title}</Title>
        {children}
      </Stack>
    </Paper>
  );
}
