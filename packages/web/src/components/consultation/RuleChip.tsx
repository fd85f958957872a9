import { Badge, List, Popover, Stack, Text } from '@mantine/core';
import { useWindowEvent } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RULES_V1, ruleDescription, ruleSources, type PlannerRule } from '@stipple/core';
import { useLocale } from '../../i18n/use-ui-locale.js';

const RULES = new Map<string, PlannerRule>(RULES_V1.rules.map((r) => [r.id, r]));

/**
 * A rule id the plan cites; a tap shows what the rule says, in the reader's language, and the
 * published sources it rests on (never our research notes or the rule's machine condition).
 */
export function RuleChip({ id, rulesVersion }: { id: string; rulesVersion: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rule = rulesVersion === RULES_V1.version ? RULES.get(id) : undefined;
  const sources = rule ? ruleSources(rule.source) : [];
  const [opened, setOpened] = useState(false);
  // Mantine closes on Escape only while focus is inside the dropdown; a tap leaves focus on the
  // chip, so Escape is heard on the window while the popover is open.
  useWindowEvent('keydown', (event) => {
    if (opened && event.key === 'Escape') setOpened(false);
  });
  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      width={360}
      position="bottom-start"
      withArrow
      shadow="md"
      withinPortal
    >
      <Popover.Target>
        <Badge
          component="button"
          type="button"
          variant="light"
          color="gray"
          size="sm"
          radius="sm"
          style={{
            cursor: 'pointer',
            textTransform: 'none',
            fontFamily: 'var(--mantine-font-family-monospace)',
            // The whole id, even in a narrow table cell (a badge would cut it to "scar.sessio…").
            minWidth: 'max-content',
          }}
          data-testid={`rule-${id}`}
          // Controlled, Mantine's target no longer toggles by itself.
          onClick={() => setOpened((o) => !o)}
        >
          {id}
        </Badge>
      </Popover.Target>
      <Popover.Dropdown data-testid="rule-source">
        {rule ? (
          <Stack gap={6}>
            <Text size="sm" data-testid="rule-description">
              {ruleDescription(rule, locale)}
            </Text>
            <Text size="xs" c="dimmed" fw={600}>
              {sources.length > 0 ? t('plan.ruleSources', { count: sources.length }) : t('plan.ruleOwn')}
            </Text>
            {sources.length > 0 && (
              <List size="xs" c="dimmed" spacing={2} data-testid="rule-sources">
                {sources.map((s) => (
                  <List.Item key={s}>{s}</List.Item>
                ))}
              </List>
            )}
          </Stack>
        ) : (
          <Text size="sm">{t('plan.ruleUnknown', { id, version: rulesVersion })}</Text>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

export function RuleChips({ ids, rulesVersion }: { ids: readonly string[]; rulesVersion: string }) {
  return (
    <>
      {ids.map((id) => (
        <RuleChip key={id} id={id} rulesVersion={rulesVersion} />
      ))}
    </>
  );
}
