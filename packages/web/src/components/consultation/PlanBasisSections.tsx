// The sections of a plan that say what it rests on: the assumptions made for facts left out, and
// the values changed by hand with who changed them, when and why.
import { Accordion, List, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { planValueMessage, type Plan } from '@stipple/core';
import { catalogueMessage } from '../../i18n/messages.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { DataTable } from '../DataTable.js';
import { Section } from './PlanParts.js';
import { formatPlanValue } from './PlanValue.js';
import { RuleChips } from './RuleChip.js';

/** Screening, scars, and the rest: there can be some thirty assumptions. */
function groupAssumptions(items: Plan['assumptions']): [string, Plan['assumptions']][] {
  const groups = new Map<string, Plan['assumptions']>();
  for (const a of items) {
    const group = a.fact.startsWith('screening.')
      ? 'screening'
      : a.fact.startsWith('scar')
        ? 'scars'
        : 'client';
    groups.set(group, [...(groups.get(group) ?? []), a]);
  }
  return (['client', 'scars', 'screening'] as const)
    .filter((g) => groups.has(g))
    .map((g) => [g, groups.get(g)!]);
}

/** The assumptions, grouped: client, scars, screening. */
export function PlanAssumptionsSection({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const rv = plan.rulesVersion;
  const assumptionGroups = groupAssumptions(plan.assumptions);
  return (
    <Section title={t('plan.assumptions', { count: plan.assumptions.length })}>
      <Text size="sm" c="dimmed">
        {t('plan.assumptionsHint')}
      </Text>
      <Accordion variant="separated" multiple data-testid="plan-assumptions">
        {assumptionGroups.map(([group, items]) => (
          <Accordion.Item key={group} value={group}>
            <Accordion.Control>
              {t(`plan.assumptionGroups.${group}`)} ({items.length})
            </Accordion.Control>
            <Accordion.Panel>
              <List spacing={4} size="sm">
                {items.map((a, i) => (
                  <List.Item key={i}>
                    {a.text} <RuleChips ids={a.ruleIds} rulesVersion={rv} />
                  </List.Item>
                ))}
              </List>
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </Section>
  );
}

/** Every value changed by hand, beside the rule value. */
export function PlanOverridesSection({
  plan,
  pending,
}: {
  plan: Plan;
  /** Paths changed in this editing session and not saved yet. */
  pending: ReadonlySet<string> | undefined;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rv = plan.rulesVersion;
  return (
    <Section title={t('plan.overrides')}>
      <DataTable
        minWidth={640}
        testId="plan-overrides"
        headers={[
          t('plan.value'),
          t('plan.ruleValue'),
          t('plan.newValue'),
          t('plan.reason'),
          t('plan.byWhen'),
        ]}
      >
        {plan.overrides.map((o) => (
          <Table.Tr key={o.path}>
            <Table.Td>
              {(({ key, params }) => catalogueMessage(t, key, params))(
                planValueMessage(o.path, plan, locale),
              )}
            </Table.Td>
            <Table.Td>
              {formatPlanValue(o.ruleValue)} <RuleChips ids={o.ruleIds} rulesVersion={rv} />
            </Table.Td>
            <Table.Td fw={600}>{formatPlanValue(o.value)}</Table.Td>
            <Table.Td>{o.reason}</Table.Td>
            <Table.Td>
              {pending?.has(o.path)
                ? t('plan.unsavedChange')
                : `${o.by.name}, ${formatDateTime(o.at, locale)}`}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Section>
  );
}
