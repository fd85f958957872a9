// The sections of a plan that say what to expect and how to look after it: the camouflage expected
// per scar and the touch-up, and the aftercare by day.
import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { scarDisplayName, type Plan } from '@stipple/core';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { Section } from './PlanParts.js';
import type { RenderValue } from './PlanValue.js';
import { RuleChips } from './RuleChip.js';

/** The camouflage expected for each scar, and when to touch up. */
export function PlanExpectationsSection({ plan, renderValue }: { plan: Plan; renderValue: RenderValue }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rv = plan.rulesVersion;
  return (
    <Section title={t('plan.expectations')}>
      {plan.expectedCamouflage.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('plan.noScarsToCamouflage')}
        </Text>
      )}
      {plan.expectedCamouflage.map((c, i) => (
        <Group key={i} gap="xs" align="flex-start" wrap="nowrap" data-testid={`camouflage-${c.scar}`}>
          <Text fw={600} size="sm" miw={80}>
            {scarDisplayName(c.scar, locale)}
          </Text>
          <Stack gap={2} style={{ flex: 1 }}>
            <Group gap={6}>
              <Text size="sm">{t(`qualifiers.${c.qualifier}`)}</Text>
              {renderValue({
                path: `expectedCamouflage.${i}.percent`,
                label: t('plan.camouflagePercent', { scar: scarDisplayName(c.scar, locale) }),
                value: c.percent,
                format: (v) => `${String(v)} %`,
              })}
            </Group>
            <Text size="sm" c="dimmed">
              {c.text} <RuleChips ids={c.ruleIds} rulesVersion={rv} />
            </Text>
          </Stack>
        </Group>
      ))}
      <Group gap="xs" mt="xs">
        <Text size="sm" c="dimmed">
          {t('common.labelled', { label: t('plan.touchUp') })}
        </Text>
        {renderValue({
          path: 'touchUpYears',
          label: t('plan.touchUp'),
          value: plan.touchUpYears,
          format: (v) => t('plan.years', { count: Number(v) }),
        })}
        <RuleChips ids={plan.citations.touchUpYears ?? []} rulesVersion={rv} />
      </Group>
    </Section>
  );
}

/** The aftercare instructions by day, preparation first. */
export function PlanAftercareSection({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const rv = plan.rulesVersion;
  return (
    <Section title={t('plan.aftercare')}>
      <Table.ScrollContainer minWidth={480}>
        <Table verticalSpacing={4} data-testid="plan-aftercare">
          <Table.Tbody>
            {plan.aftercare.map((a, i) => (
              <Table.Tr key={i}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {a.fromDay < 0
                    ? t('plan.daysBefore', { count: -a.fromDay })
                    : a.toDay === null
                      ? t('plan.fromDay', { day: a.fromDay })
                      : a.toDay === a.fromDay
                        ? t('plan.day', { day: a.fromDay })
                        : t('plan.days', { from: a.fromDay, to: a.toDay })}
                </Table.Td>
                <Table.Td>
                  <Badge
                    size="sm"
                    variant="light"
                    color={a.kind === 'avoid' ? 'red' : a.kind === 'do' ? 'teal' : 'blue'}
                    // A badge may shrink to "A…" in a table cell: keep the whole word.
                    style={{ minWidth: 'max-content' }}
                  >
                    {t(`aftercareKinds.${a.kind}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {a.instruction} <RuleChips ids={a.ruleIds} rulesVersion={rv} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}
