import { Alert, Badge, Card, List, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { PortalPlan, PortalPlanSession } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { formatIsoDate, formatList } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { PortalFrame } from '../../components/portal/PortalFrame.js';
import { PortalQuery } from '../../components/portal/PortalQuery.js';

type Plan = NonNullable<PortalPlan['plan']>;

const ELIGIBILITY_COLOUR = {
  eligible: 'teal',
  postpone: 'yellow',
  refer: 'orange',
  not_eligible: 'red',
} as const;

/** `/portal/plan`: the plan in plain words: the decision and why, each session, what to expect. */
export function PortalPlanPage() {
  const api = useApi();
  const query = useQuery({ queryKey: ['portal', 'plan'], queryFn: () => api.portalPlan() });
  return (
    <PortalFrame>
      {() => <PortalQuery query={query}>{(data) => <PlanView plan={data.plan} />}</PortalQuery>}
    </PortalFrame>
  );
}

function PlanView({ plan }: { plan: PortalPlan['plan'] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (!plan)
    return (
      <Stack gap="sm" data-testid="portal-plan">
        <Title order={1} size="h3">
          {t('portalCare.plan.title')}
        </Title>
        <Text c="dimmed">{t('portalCare.plan.none')}</Text>
      </Stack>
    );
  return (
    <Stack gap="md" data-testid="portal-plan">
      <Title order={1} size="h3">
        {t('portalCare.plan.title')}
      </Title>
      <Card withBorder radius="lg">
        <Stack gap="xs">
          <Badge
            color={ELIGIBILITY_COLOUR[plan.eligibility]}
            variant="light"
            size="lg"
            data-testid="plan-eligibility"
          >
            {t(`portalCare.plan.eligibility.${plan.eligibility}`)}
          </Badge>
          {plan.earliestStartDate && (
            <Text fw={600}>
              {t('portalCare.plan.earliest', { date: formatIsoDate(plan.earliestStartDate, locale) })}
            </Text>
          )}
          {plan.eligibility !== 'not_eligible' && (
            <Text>
              {t('portalCare.plan.summary', {
                count: plan.sessionCount,
                days: plan.minIntervalDays,
                hours: plan.hoursPerSession,
              })}
            </Text>
          )}
        </Stack>
      </Card>
      <Said title={t('portalCare.plan.why')} items={plan.reasons.map((r) => r.text)} />
      <Said
        title={t('portalCare.plan.waiting')}
        items={plan.waiting.map((w) =>
          w.until
            ? `${w.text} (${t('portalCare.plan.until', { date: formatIsoDate(w.until, locale) })})`
            : w.text,
        )}
      />
      <Said title={t('portalCare.plan.before')} items={plan.preTreatments.map((p) => p.text)} />
      {plan.eligibility !== 'not_eligible' && plan.sessions.length > 0 && (
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('portalCare.plan.sessionsTitle')}
          </Title>
          {plan.sessions.map((s) => (
            <SessionCard key={s.session} session={s} />
          ))}
        </Stack>
      )}
      <Expectations plan={plan} />
      <Said title={t('portalCare.plan.cautions')} items={plan.cautions.map((c) => c.text)} />
      <Text size="sm" c="dimmed">
        {t('portalCare.plan.footer', {
          artist: plan.artistName,
          date: formatIsoDate(plan.consultationDate, locale),
          version: plan.version,
        })}
      </Text>
    </Stack>
  );
}

function SessionCard({ session: s }: { session: PortalPlanSession }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Card withBorder radius="lg" data-testid={`plan-session-${s.session}`}>
      <Stack gap={6}>
        <Text fw={700}>
          {t('portalCare.plan.session', { n: s.session })}{' '}
          <Text span size="sm" c="dimmed" fw={400}>
            {s.earliestDay === 0
              ? t('portalCare.plan.first')
              : t('portalCare.plan.after', { days: s.earliestDay })}
          </Text>
        </Text>
        <List size="sm" spacing={4}>
          {s.zones.map((z, i) => (
            <List.Item key={i}>
              {t(z.addedPercent > 0 ? 'portalCare.plan.zoneLine' : 'portalCare.plan.zoneRefine', {
                zone: t(`portalCare.plan.zoneKinds.${z.kind}`, {
                  // "Scar 1, 2": the number of each scar of the assessment, never its id (`scar-1`).
                  scars: z.scars.length
                    ? formatList(
                        z.scars.map((id) => /^scar-(\d+)$/.exec(id)?.[1] ?? id),
                        locale,
                      )
                    : '',
                }).trim(),
                added: Math.round(z.addedPercent),
                reached: Math.round(z.reachedPercent),
              })}
              {z.lighterThanFinal ? t('portalCare.plan.lighter') : t('portalCare.plan.finalShade')}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Card>
  );
}

function Expectations({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  // The honest limits, the same five as the consultation report's.
  const limits = [0, 1, 2, 3, 4].map((i) => t(`portalCare.plan.limits.${i}`));
  return (
    <Stack gap="xs" data-testid="plan-expectations">
      <Title order={2} size="h4">
        {t('portalCare.plan.expect')}
      </Title>
      <List size="sm" spacing={4}>
        {plan.expectations.map((e, i) => (
          <List.Item key={i}>
            <Text span fw={600}>
              {e.scar}: {t(`portalCare.plan.qualifiers.${e.qualifier}`, { percent: e.percent })}
            </Text>{' '}
            — {e.text}
          </List.Item>
        ))}
        <List.Item>{t('portalCare.plan.touchUp', { years: plan.touchUpYears })}</List.Item>
        {limits.map((l) => (
          <List.Item key={l}>{l}</List.Item>
        ))}
      </List>
      <Alert color="gray" variant="light">
        {t('portalCare.plan.askArtist')}
      </Alert>
    </Stack>
  );
}

function Said({ title, items }: { title: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <Stack gap={4}>
      <Title order={2} size="h4">
        {title}
      </Title>
      <List size="sm" spacing={4}>
        {items.map((text, i) => (
          <List.Item key={i}>{text}</List.Item>
        ))}
      </List>
    </Stack>
  );
}
