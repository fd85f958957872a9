import { useState } from 'react';
import { Alert, Badge, Button, Card, Checkbox, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconMail } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AftercareDay, PortalAftercare, PortalAftercareSession } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../api/describe-error.js';
import { formatDateTime, formatIsoDate } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { PortalFrame } from '../../components/portal/PortalFrame.js';
import { PortalQuery } from '../../components/portal/PortalQuery.js';

const KEY = ['portal', 'aftercare'];

/** `/portal/aftercare`: each session's aftercare, a day at a time, ticked off by the client. */
export function PortalAftercarePage() {
  const { t } = useTranslation();
  const api = useApi();
  const query = useQuery({ queryKey: KEY, queryFn: () => api.portalAftercare() });
  return (
    <PortalFrame>
      {() => (
        <Stack gap="md" data-testid="portal-aftercare">
          <Title order={1} size="h3">
            {t('portalCare.aftercare.title')}
          </Title>
          <PortalQuery query={query}>
            {(data) =>
              data.sessions.length === 0 ? (
                <Text c="dimmed">{t('portalCare.aftercare.none')}</Text>
              ) : (
                data.sessions.map((s) => (
                  <SessionAftercare key={s.sessionId} session={s} today={data.today} />
                ))
              )
            }
          </PortalQuery>
        </Stack>
      )}
    </PortalFrame>
  );
}

function SessionAftercare({ session: s, today }: { session: PortalAftercareSession; today: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const done = s.days.filter((d) => d.done).length;
  // The coming week is what matters now; the rest of the healing weeks opens on request.
  const [all, setAll] = useState(false);
  const weekAhead = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
  const shown = all ? s.days : s.days.filter((d) => d.date <= weekAhead);
  return (
    <Stack gap="sm" data-testid={`aftercare-${s.sessionId}`}>
      <Stack gap={2}>
        <Title order={2} size="h4">
          {s.sessionNumber
            ? t('portalCare.aftercare.session', {
                n: s.sessionNumber,
                date: formatIsoDate(s.performedOn, locale),
              })
            : t('portalCare.aftercare.sessionOn', { date: formatIsoDate(s.performedOn, locale) })}
        </Title>
        <Text size="sm" c="dimmed">
          {t('portalCare.aftercare.progress', { done, total: s.days.length })}
        </Text>
      </Stack>
      <Reminders session={s} />
      {shown.map((d) => (
        <DayRow key={d.date} sessionId={s.sessionId} day={d} today={today} />
      ))}
      {shown.length < s.days.length && (
        <Button variant="light" onClick={() => setAll(true)} data-testid="aftercare-all-days">
          {t('portalCare.aftercare.allDays', { count: s.days.length - shown.length })}
        </Button>
      )}
      {s.later.length > 0 && (
        <Card withBorder radius="md" p="sm">
          <Text fw={600} size="sm">
            {t('portalCare.aftercare.later')}
          </Text>
          <List size="sm" spacing={4}>
            {s.later.map((l, i) => (
              <List.Item key={i}>
                {formatIsoDate(l.date, locale)}: <b>{l.title}</b> {l.instructions}
              </List.Item>
            ))}
          </List>
        </Card>
      )}
    </Stack>
  );
}

function Reminders({ session: s }: { session: PortalAftercareSession }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (s.reminders.length === 0) return null;
  return (
    <Alert color="indigo" variant="light" icon={<IconMail aria-hidden />} data-testid="aftercare-reminders">
      <Stack gap={4}>
        <Text size="sm">
          {s.reminderAddress
            ? t('portalCare.aftercare.remindersTo', { email: s.reminderAddress })
            : t('portalCare.aftercare.noEmail')}
        </Text>
        <List size="sm" spacing={2}>
          {s.reminders.map((r, i) => (
            <List.Item key={i}>
              {formatDateTime(r.sentAt ?? r.sendAfter, locale)} — {r.subject}{' '}
              <Badge
                size="xs"
                variant="light"
                color={r.status === 'sent' ? 'teal' : r.status === 'pending' ? 'indigo' : 'gray'}
              >
                {t(`portalCare.aftercare.status.${r.status}`)}
              </Badge>
            </List.Item>
          ))}
        </List>
      </Stack>
    </Alert>
  );
}

function DayRow({ sessionId, day: d, today }: { sessionId: string; day: AftercareDay; today: string }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const tick = useMutation({
    mutationFn: (done: boolean) => api.portalTick(sessionId, d.date, done),
    onSuccess: (data: PortalAftercare) => queryClient.setQueryData(KEY, data),
  });
  const ahead = d.date > today;
  const isToday = d.date === today;
  return (
    <Card
      withBorder
      radius="md"
      p="sm"
      bg={isToday ? 'indigo.0' : undefined}
      style={isToday ? { borderColor: 'var(--mantine-color-indigo-4)' } : undefined}
      data-testid={`aftercare-day-${d.day}`}
      data-today={isToday || undefined}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Checkbox
            size="md"
            checked={d.done}
            disabled={ahead || tick.isPending}
            onChange={(e) => tick.mutate(e.currentTarget.checked)}
            label={
              <Text fw={600}>
                {t('portalCare.aftercare.day', { n: d.day })} · {formatIsoDate(d.date, locale)}
              </Text>
            }
            description={
              ahead ? t('portalCare.aftercare.ahead') : d.done ? t('portalCare.aftercare.done') : undefined
            }
            data-testid="aftercare-tick"
          />
          {isToday && (
            <Badge color="indigo" variant="filled">
              {t('portalCare.aftercare.today')}
            </Badge>
          )}
        </Group>
        {d.steps.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('portalCare.aftercare.nothing')}
          </Text>
        ) : (
          <List size="sm" spacing={2}>
            {d.steps.map((st, i) => (
              <List.Item key={i}>
                <b>{st.title}</b>
                {st.starts && st.instructions ? ` — ${st.instructions}` : ''}
              </List.Item>
            ))}
          </List>
        )}
        {tick.isError && (
          <Alert color="red" role="alert">
            {describeError(tick.error, t)}
          </Alert>
        )}
      </Stack>
    </Card>
  );
}
