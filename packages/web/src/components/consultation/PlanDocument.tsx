import type { ReactNode } from 'react';
import {
  Accordion,
  ActionIcon,
  Badge,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  planValueMessage,
  scarDisplayName,
  type AppliedPlanOverride,
  type Eligibility,
  type Plan,
} from '@stipple/core';
import { catalogueMessage } from '../../i18n/messages.js';
import { formatDateTime, formatIsoDate } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { RuleChips } from './RuleChip.js';
import { DataTable } from '../DataTable.js';

export const ELIGIBILITY_COLOURS: Record<Eligibility, string> = {
  eligible: 'teal',
  postpone: 'yellow',
  refer: 'orange',
  not_eligible: 'red',
};

export interface ValueEdit {
  path: string;
  label: string;
  ruleValue: unknown;
  current: unknown;
  override: AppliedPlanOverride | undefined;
}

/** The values of a zone shown side by side, each overridable. */
const ZONE_FIELDS = [
  ['targetDensityPerCm2', 'plan.density'],
  ['dotSizeMm', 'plan.dotSize'],
  ['needle', 'plan.needle'],
  ['needleDiameterMm', 'plan.needleDiameter'],
  ['transitionWidthMm', 'plan.transition'],
] as const;

/**
 * A plan as the artist reads it: every statement with the rules behind it, every value with the
 * rule value and any override beside it (who, when and why). `onEdit` makes values editable.
 */
export function PlanDocument({
  plan,
  pending,
  onEdit,
}: {
  plan: Plan;
  /** Paths changed in this editing session and not saved yet. */
  pending?: ReadonlySet<string>;
  onEdit?: (edit: ValueEdit) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rules = plan.ruleOutput ?? plan;
  const overrides = new Map(plan.overrides.map((o) => [o.path, o]));
  const rv = plan.rulesVersion;

  const ruleValueAt = (path: string): unknown =>
    path
      .split('.')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], rules);

  const renderValue = ({
    path,
    label,
    value,
    format,
    shownBeside,
  }: {
    path: string;
    label: string;
    value: unknown;
    format?: (v: unknown) => string;
    /** The value already shows beside it (the decision badge): repeat it only once overridden. */
    shownBeside?: boolean;
  }) => {
    const o = overrides.get(path);
    const show = (v: unknown) =>
      v === null || v === undefined ? '—' : format ? format(v) : formatPlanValue(v);
    return (
      <Group gap={6} wrap="nowrap" data-testid={`value-${path}`}>
        {o && (
          <Text span size="sm" c="dimmed" td="line-through" data-testid={`rule-value-${path}`}>
            {show(o.ruleValue)}
          </Text>
        )}
        {(o || !shownBeside) && (
          <Text span fw={600} c={o ? 'grape' : undefined}>
            {show(value)}
          </Text>
        )}
        {o && (
          <Tooltip
            multiline
            w={280}
            withinPortal
            label={t('plan.overrideBy', {
              name: o.by.name,
              when: formatDateTime(o.at, locale),
              reason: o.reason,
            })}
          >
            <Badge
              size="xs"
              color={pending?.has(path) ? 'orange' : 'grape'}
              variant="light"
              data-testid={`override-${path}`}
            >
              {pending?.has(path) ? t('plan.unsavedChange') : t('plan.changed')}
            </Badge>
          </Tooltip>
        )}
        {onEdit && (
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={t('plan.editValue', { label })}
            onClick={() => onEdit({ path, label, ruleValue: ruleValueAt(path), current: value, override: o })}
            data-testid={`edit-${path}`}
          >
            <IconPencil size={14} />
          </ActionIcon>
        )}
      </Group>
    );
  };

  const date = (v: unknown) => formatIsoDate(String(v), locale);
  const assumptionGroups = groupAssumptions(plan.assumptions);

  return (
    <Stack gap="md" data-testid="plan-document">
      <Section title={t('plan.decision')}>
        <Group gap="sm" align="center">
          <Badge size="xl" color={ELIGIBILITY_COLOURS[plan.eligibility]} data-testid="plan-eligibility">
            {t(`eligibility.${plan.eligibility}`)}
          </Badge>
          {onEdit &&
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
            {t('plan.earliestStart')}:
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
                  {w.until ? <b>{date(w.until)}: </b> : null}
                  {w.text} <RuleChips ids={w.ruleIds} rulesVersion={rv} />
                </List.Item>
              ))}
            </List>
          </>
        )}
      </Section>

      {plan.preTreatments.length > 0 && (
        <Section title={t('plan.preTreatments')}>
          <Statements items={plan.preTreatments} rulesVersion={rv} />
        </Section>
      )}

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

      {plan.zones.length > 0 && (
        <Section title={t('plan.zones')}>
          {plan.zones.map((z, zi) => (
            <Paper key={zi} withBorder radius="sm" p="sm" data-testid={`plan-zone-${zi}`}>
              <Group gap="xs" mb="xs">
                <Badge variant="outline">{t(`zoneKinds.${z.kind}`)}</Badge>
                {z.scars.length > 0 && (
                  <Text size="sm">{z.scars.map((id) => scarDisplayName(id, locale)).join(', ')}</Text>
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
      )}

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
            {t('plan.touchUp')}:
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

      {plan.cautions.length > 0 && (
        <Section title={t('plan.cautions')}>
          <Statements items={plan.cautions} rulesVersion={rv} />
        </Section>
      )}

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

      {plan.assumptions.length > 0 && (
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
      )}

      {plan.overrides.length > 0 && (
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
      )}
    </Stack>
  );
}

/** A plan value as text: plain values as they are, anything else as JSON. */
export function formatPlanValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value);
}

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

function Statements({ items, rulesVersion }: { items: Plan['cautions']; rulesVersion: string }) {
  return (
    <List spacing={6} size="sm">
      {items.map((s, i) => (
        <List.Item key={i}>
          {s.scars.length > 0 && <b>{s.scars.join(', ')}: </b>}
          {s.text} <RuleChips ids={s.ruleIds} rulesVersion={rulesVersion} />
        </List.Item>
      ))}
    </List>
  );
}

function RuleLine({ ids, rulesVersion }: { ids: string[]; rulesVersion: string }) {
  if (!ids.length) return null;
  return (
    <Group gap={4}>
      <RuleChips ids={ids} rulesVersion={rulesVersion} />
    </Group>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      {children}
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="xs">
        <Title order={4}>{title}</Title>
        {children}
      </Stack>
    </Paper>
  );
}
