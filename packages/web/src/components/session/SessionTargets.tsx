import { Badge, Group, Paper, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { scarDisplayName, type SessionPlan } from '@stipple/core';
import { formatIsoDate, formatList } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { DataTable } from '../DataTable.js';

const mm = (n: number, locale: string) => `${n.toLocaleString(locale, { maximumFractionDigits: 2 })} mm`;

/**
 * What the treatment plan asks of this session, zone by zone: how much of the target density is
 * placed by its end, the shade, the dot size and the needle. The artist records the session
 * beside it.
 */
export function SessionTargets({ plan }: { plan: SessionPlan }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const decision = plan.plan!;
  return (
    <Paper withBorder radius="md" p="md" data-testid="session-targets">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <Text fw={600}>
          {t('sessionRecord.targets.title', { n: plan.planSession, version: decision.version })}
        </Text>
        <Group gap="xs">
          <Badge variant="light">{t(`eligibility.${decision.eligibility}`)}</Badge>
          {decision.earliestStartDate && decision.eligibility === 'postpone' && (
            <Badge variant="light" color="yellow">
              {t('sessionRecord.targets.from', { date: formatIsoDate(decision.earliestStartDate, locale) })}
            </Badge>
          )}
        </Group>
      </Group>
      {plan.sessionNumber !== null && plan.planSession !== null && plan.sessionNumber > plan.planSession && (
        <Text size="sm" c="dimmed" mb="xs">
          {t('sessionRecord.targets.beyond', { n: plan.sessionNumber, count: decision.sessionsCount })}
        </Text>
      )}
      <DataTable
        minWidth={560}
        testId="session-targets-table"
        headers={[
          t('sessionRecord.targets.zone'),
          t('sessionRecord.targets.density'),
          t('sessionRecord.targets.shade'),
          t('plan.dotSize'),
          t('plan.needle'),
        ]}
      >
        {plan.targets.map((z) => (
          <Table.Tr key={z.zone} data-testid="session-target">
            <Table.Td>
              {t(`zoneKinds.${z.kind}`)}
              {z.scars.length > 0 && (
                <Text span size="xs" c="dimmed" data-testid="session-target-scars">
                  {' '}
                  ·{' '}
                  {formatList(
                    z.scars.map((id) => scarDisplayName(id, locale)),
                    locale,
                  )}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              {t('sessionRecord.targets.densityValue', {
                percent: z.densityPercent,
                target: z.targetDensityPerCm2,
                now: Math.round((z.targetDensityPerCm2 * z.densityPercent) / 100),
              })}
            </Table.Td>
            <Table.Td>{z.shadeNumber}</Table.Td>
            <Table.Td>{mm(z.dotSizeMm, locale)}</Table.Td>
            <Table.Td>
              {z.needle} · {mm(z.needleDiameterMm, locale)}
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
    </Paper>
  );
}
