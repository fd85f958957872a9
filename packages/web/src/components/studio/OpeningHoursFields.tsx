import { Input, Chip, Group, Stack, Text } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS_MONDAY_FIRST } from '../../forms/working-hours-form.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { weekdayName } from '../WorkingHoursModal.js';

export interface OpeningHoursDraft {
  weekdays: string[];
  start: string;
  end: string;
}

/** The days and hours the owner works, as the first working hours of the calendar. */
export function OpeningHoursFields({
  value,
  errors,
  onChange,
}: {
  value: OpeningHoursDraft;
  errors: Record<string, string | undefined>;
  onChange: (next: OpeningHoursDraft) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Stack gap="sm">
      <Input.Label>{t('setup.openingDays')}</Input.Label>
      <Chip.Group multiple value={value.weekdays} onChange={(weekdays) => onChange({ ...value, weekdays })}>
        <Group gap="xs">
          {WEEKDAYS_MONDAY_FIRST.map((d) => (
            <Chip key={d} value={String(d)} size="md" data-testid={`opening-day-${d}`}>
              {weekdayName(d, locale)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {errors.weekdays && (
        <Text size="sm" c="red">
          {errors.weekdays}
        </Text>
      )}
      <Group grow align="flex-start">
        <TimeInput
          label={t('workingHours.from')}
          value={value.start}
          onChange={(e) => onChange({ ...value, start: e.currentTarget.value })}
          error={errors.start}
          data-testid="opening-start"
        />
        <TimeInput
          label={t('workingHours.until')}
          value={value.end}
          onChange={(e) => onChange({ ...value, end: e.currentTarget.value })}
          error={errors.end}
          data-testid="opening-end"
        />
      </Group>
      <Text size="xs" c="dimmed">
        {t('setup.openingHint')}
      </Text>
    </Stack>
  );
}
