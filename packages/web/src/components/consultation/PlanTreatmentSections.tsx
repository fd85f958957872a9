// The sections of a plan that say what will be done: the decision with its reasons and waits, the
// sessions, and each zone with its values per session.
import { Badge, Group, List, Paper, SimpleGrid, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { scarDisplayName, type Plan } from '@stipple/core';
import { formatIsoDate, formatList } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { DataTable } from '../DataTable.js';
import { ELIGIBILITY_COLOURS, Field, RuleLine, Section } from './PlanParts.js';
import type { RenderValue } from './PlanValue.js';
import { RuleChips } from './RuleChip.js';

/** The values of a zone shown side by side, each overridable. */
const ZONE_FIELDS = [
  ['targetDensityPerCm2', 'plan.density'],
  ['dotSizeMm', 'plan.dotSize'],
  ['needle', 'plan.needle'],
  ['needleDiameterMm', 'plan.needleDiameter'],
  ['transitionWidthMm', 'plan.transition'],
] as const;

/** Eligibility, earliest start, the reasons and the waiting periods. */
export function PlanDecisionSection({
  plan,
  renderValue,
  editable,
}: {
  plan: Plan;
  renderValue: RenderValue;
  /** The decision itself can be overridden: show its value (and pencil) beside the badge. */
  editable: boolean;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rv = plan.rulesVersion;
  const date = (v: unknown) => formatIsoDate(String(v), locale);
  return (
    <Section title={t('plan.decision')}>
      <Group gap="sm" align="center">
        <Badge size="xl" color={ELIGIBILITY_COLOURS[plan.eligibility]} data-testid="plan-eligibility">
          {t(`eligibility.${plan.eligibility}`)}
        </Badge>
        {editable &&
          renderValue({
            path: 'eligibility',
            label: t('plan.eligibility'),
            value: plan.eligibility,
            format: (v) => t(`eligibility.${String(v)}`),
            shownBeside: true,
          })}
      </Group>
      <Group gap="xs">
        <Text size="sm" c="dimmed">
          {t('common.labelled', { label: t('plan.earliestStart') })}
        </Text>
        {renderValue({
          path: 'earliestStartDate',
          label: t('plan.earliestStart'),
          value: plan.earliestStartDate,
          format: date,
        })}
      </Group>
      <Text fw={600} size="sm" mt="xs">
        {t('plan.reasons')}
      </Text>
      <List spacing={6} size="sm" data-testid="plan-reasons">
        {plan.reasons.map((r, i) => (
          <List.Item key={i}>
            {r.text} <RuleChips ids={[r.ruleId]} rulesVersion={rv} />
          </List.Item>
        ))}
      </List>
      {plan.waitingPeriods.length > 0 && (
        <>
          <Text fw={600} size="sm" mt="xs">
            {t('plan.waiting')}
          </Text>
          <List spacing={6} size="sm">
            {plan.waitingPeriods.map((w, i) => (
              <List.Item key={i}>
                {w.until ? <b>{t('common.labelled', { label: date(w.until) })} </b> : null}
                {w.text} <RuleChips ids={w.ruleIds} rulesVersion={rv} />
              </List.Item>
            ))}
          </List>
        </>
      )}
    </Section>
  );
}

/** How many sessions, how far apart and how long. */
export function PlanSessionsSection({ plan, renderValue }: { plan: Plan; renderValue: RenderValue }) {
  const { t } = useTranslation();
  const rv = plan.rulesVersion;
  return (
    <Section title={t('plan.sessions')}>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Field label={t('plan.sessionCount')}>
          {renderValue({
            path: 'sessions.count',
            label: t('plan.sessionCount'),
            value: plan.sessions.count,
          })}
        </Field>
        <Field label={t('plan.minIntervalDays')}>
          {renderValue({
            path: 'sessions.minIntervalDays',
            label: t('plan.minIntervalDays'),
            value: plan.sessions.minIntervalDays,
          })}
        </Field>
        <Field label={t('plan.hoursPerSession')}>
          {renderValue({
            path: 'sessions.hoursPerSession',
            label: t('plan.hoursPerSession'),
            value: plan.sessions.hoursPerSession,
          })}
        </Field>
      </SimpleGrid>
      <RuleLine
        ids={[
          ...new Set([
            ...(plan.citations['sessions.count'] ?? []),
            ...(plan.citations['sessions.minIntervalDays'] ?? []),
          ]),
        ]}
        rulesVersion={rv}
      />
    </Section>
  );
}

/** Each zone with its values and, per session, density and shade. */
export function PlanZonesSection({ plan, renderValue }: { plan: Plan; renderValue: RenderValue }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rv = plan.rulesVersion;
  return (
    <Section title={t('plan.zones')}>
      {plan.zones.map((z, zi) => (
        <Paper key={zi} withBorder radius="sm" p="sm" data-testid={`plan-zone-${zi}`}>
          <Group gap="xs" mb="xs">
            <Badge variant="outline">{t(`zoneKinds.${z.kind}`)}</Badge>
            {z.scars.length > 0 && (
              <Text size="sm">
                {formatList(
                  z.scars.map((id) => scarDisplayName(id, locale)),
                  locale,
                )}
              </Text>
            )}
            <RuleChips ids={z.ruleIds} rulesVersion={rv} />
          </Group>
          <SimpleGrid cols={{ base: 1, sm: 3, md: 5 }} spacing="xs">
            {ZONE_FIELDS.map(([key, label]) => (
              <Field key={key} label={t(label)}>
                {renderValue({ path: `zones.${zi}.${key}`, label: t(label), value: z[key] })}
              </Field>
            ))}
          </SimpleGrid>
          <DataTable
            minWidth={360}
            tableProps={{ mt: 'xs', withTableBorder: false, verticalSpacing: 4 }}
            headers={[t('plan.session'), t('plan.densityPercent'), t('plan.shade')]}
          >
            {z.sessions.map((s, si) => (
              <Table.Tr key={si}>
                <Table.Td>{s.session}</Table.Td>
                <Table.Td>
                  {renderValue({
                    path: `zones.${zi}.sessions.${si}.densityPercent`,
                    label: t('plan.densityPercent'),
                    value: s.densityPercent,
                  })}
                </Table.Td>
                <Table.Td>
                  {renderValue({
                    path: `zones.${zi}.sessions.${si}.shadeNumber`,
                    label: t('plan.shade'),
                    value: s.shadeNumber,
                  })}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          {z.notes.length > 0 && (
            <List spacing={4} size="sm" mt="xs">
              {z.notes.map((n, i) => (
                <List.Item key={i}>
                  {n.text} <RuleChips ids={n.ruleIds} rulesVersion={rv} />
                </List.Item>
              ))}
            </List>
          )}
        </Paper>
      ))}
    </Section>
  );
}
