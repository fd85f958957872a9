import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppointmentEvent } from '@stipple/core';
import { formatMoney } from '../../forms/studio-form.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';

/**
 * What happened to an appointment, oldest first: each event with when and who on one line and its
 * details below, so that a reason or a receipt number reads whole on a phone as on a tablet.
 */
export function AppointmentHistoryList({
  events,
  currency,
}: {
  events: AppointmentEvent[];
  /** The currency deposit amounts are in (the appointment's, else the studio's). */
  currency: string | undefined;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Stack gap="xs" data-testid="appointment-history">
      {events.map((e) => {
        const details = [
          e.toStartsAt && e.action === 'moved' ? formatDateTime(e.toStartsAt, locale) : null,
          e.reason,
          e.intervalOverrideReason && `(${e.intervalOverrideReason})`,
          e.planOverrideReason && `(${t('calendar.againstPlan')}: ${e.planOverrideReason})`,
          e.depositAmountMinor !== null && currency
            ? formatMoney(e.depositAmountMinor, currency, locale)
            : null,
          e.depositMethod && t(`attendance.methods.${e.depositMethod}`),
          e.depositReference,
        ].filter(Boolean);
        return (
          <div key={e.id} data-testid="history-entry">
            <Text size="sm">
              <Text span fw={600} size="sm">
                {t(`calendar.events.${e.action}`)}
              </Text>
              <Text span c="dimmed" size="sm">
                {' · '}
                {formatDateTime(e.at, locale)} · {e.actor?.name ?? t('audit.system')}
              </Text>
            </Text>
            {details.length > 0 && <Text size="sm">{details.join(' · ')}</Text>}
          </div>
        );
      })}
    </Stack>
  );
}
