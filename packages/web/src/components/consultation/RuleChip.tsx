import { Badge, Code, Popover, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { RULES_V1, type PlannerRule } from '@stipple/core';

const RULES = new Map<string, PlannerRule>(RULES_V1.rules.map((r) => [r.id, r]));

/** A rule id the plan cites; a tap shows what the rule says and where it comes from. */
export function RuleChip({ id, rulesVersion }: { id: string; rulesVersion: string }) {
  const { t } = useTranslation();
  const rule = rulesVersion === RULES_V1.version ? RULES.get(id) : undefined;
  return (
    <Popover width={360} position="bottom-start" withArrow shadow="md" withinPortal>
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
        >
          {id}
        </Badge>
      </Popover.Target>
      <Popover.Dropdown data-testid="rule-source">
        {rule ? (
          <Stack gap={6}>
            <Text fw={700} size="sm" ff="monospace">
              {rule.id}
            </Text>
            <Text size="sm">{rule.description}</Text>
            <Text size="xs" c="dimmed">
              {t('plan.ruleSource')}: {rule.source}
            </Text>
            <Text size="xs" c="dimmed">
              {t('plan.ruleCondition')}
            </Text>
            <Code block style={{ fontSize: 11, maxHeight: 160, overflow: 'auto' }}>
              {JSON.stringify(rule.condition, null, 1)}
            </Code>
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
