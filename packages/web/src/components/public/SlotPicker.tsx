import { useMemo, useState } from 'react';
import {
  Alert,
  Button,
  Group,
  Loader,
  ScrollArea,
  SimpleGrid,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { IconChevronLeft, IconChevronRight, IconWorld } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Slot } from '@stipple/core';
import { describeError } from '../../api/describe-error.js';
import { formatTime, isoDateOf, todayIso } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';

const DAYS = 7;
const addDays = (iso: string, n: number) => {
  const d = new Date(`${iso}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

const viewerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Where the free times come from: the public page's, or the portal's for moving an appointment. */
export interface SlotSource {
  key: readonly unknown[];
  load: (from: string, days: number) => Promise<{ timeZone: string; slots: Slot[]; lastDay?: string }>;
}

/** A week of free times at a time, grouped by the visitor's own days and shown in their time zone. */
export function SlotPicker({
  source,
  value,
  onChange,
}: {
  source: SlotSource;
  value: Slot | null;
  onChange: (slot: Slot) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const [from, setFrom] = useState(todayIso());
  const slots = useQuery({
    queryKey: [...source.key, from],
    queryFn: () => source.load(from, DAYS),
  });
  const byDay = useMemo(() => {
    const map = new Map<string, Slot[]>();
    for (const s of slots.data?.slots ?? []) {
      const day = isoDateOf(new Date(s.startsAt));
      map.set(day, [...(map.get(day) ?? []), s]);
    }
    return map;
  }, [slots.data]);
  const days = [...byDay.keys()].sort();
  const [chosenDay, setChosenDay] = useState<string | null>(null);
  const day = chosenDay && byDay.has(chosenDay) ? chosenDay : (days[0] ?? null);
  const zone = viewerZone();
  const lastDay = slots.data?.lastDay;
  const studioZone = slots.data?.timeZone ?? zone;
  const dayLabel = (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    }).format(new Date(`${iso}T12:00:00Z`));

  return (
    <Stack gap="sm" data-testid="slot-picker">
      <Group justify="space-between" wrap="nowrap">
        <Button
          variant="default"
          leftSection={<IconChevronLeft size={16} aria-hidden />}
          disabled={from <= todayIso()}
          onClick={() => setFrom(addDays(from, -DAYS))}
        >
          {t('public.earlier')}
        </Button>
        <Button
          variant="default"
          rightSection={<IconChevronRight size={16} aria-hidden />}
          disabled={Boolean(lastDay && addDays(from, DAYS) > lastDay)}
          onClick={() => setFrom(addDays(from, DAYS))}
          data-testid="slots-later"
        >
          {t('public.later')}
        </Button>
      </Group>
      {zone !== studioZone && (
        <Text size="xs" c="dimmed">
          <IconWorld size={14} aria-hidden style={{ verticalAlign: 'middle' }} />{' '}
          {t('public.yourZone', { zone, studioZone })}
        </Text>
      )}
      {slots.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {slots.isError && (
        <Alert color="red" role="alert">
          {describeError(slots.error, t)}
        </Alert>
      )}
      {slots.data && days.length === 0 && (
        <Alert color="gray" data-testid="no-slots">
          {t('public.noSlots')}
        </Alert>
      )}
      {days.length > 0 && (
        <ScrollArea type="auto" scrollbars="x" offsetScrollbars>
          <Group gap="xs" wrap="nowrap" pb={4}>
            {days.map((d) => (
              <UnstyledButton
                key={d}
                onClick={() => setChosenDay(d)}
                aria-pressed={d === day}
                data-testid="slot-day"
                style={{
                  minWidth: 88,
                  minHeight: 56,
                  padding: '6px 10px',
                  borderRadius: 10,
                  textAlign: 'center',
                  border: `1px solid var(--mantine-color-${d === day ? 'indigo-6' : 'gray-3'})`,
                  background: d === day ? 'var(--mantine-color-indigo-0)' : 'white',
                }}
              >
                <Text size="sm" fw={600}>
                  {dayLabel(d)}
                </Text>
                <Text size="xs" c="dimmed">
                  {t('public.times', { count: byDay.get(d)!.length })}
                </Text>
              </UnstyledButton>
            ))}
          </Group>
        </ScrollArea>
      )}
      {day && (
        <SimpleGrid cols={{ base: 3, xs: 4 }} spacing="xs">
          {byDay.get(day)!.map((s) => (
            <Button
              key={s.startsAt}
              variant={value?.startsAt === s.startsAt ? 'filled' : 'default'}
              onClick={() => onChange(s)}
              aria-pressed={value?.startsAt === s.startsAt}
              data-testid="slot-time"
              size="md"
            >
              {formatTime(s.startsAt, locale)}
            </Button>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
