import { Badge, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Appointment } from '@stipple/core';
import { formatMoney } from '../../forms/studio-form.js';
import { formatIsoDate, isoDateOf } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';

/**
 * What the desk should know before booking this client again: the appointments they missed and
 * the deposits still owed. Nothing when there is neither.
 */
export function AttendanceSummary({ appointments }: { appointments: Appointment[] }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const missed = appointments.filter((a) => a.status === 'no_show');
  const owed = appointments.filter((a) => a.deposit.status === 'required' && a.status !== 'cancelled');
  if (missed.length === 0 && owed.length === 0) return null;
  const owedAmounts = new Map<string, number>();
  for (const a of owed)
    if (a.deposit.amountMinor !== null && a.deposit.currency)
      owedAmounts.set(a.deposit.currency, (owedAmounts.get(a.deposit.currency) ?? 0) + a.deposit.amountMinor);
  const total = [...owedAmounts].map(([currency, minor]) => formatMoney(minor, currency, locale)).join(' + ');
  const lastMissed = missed
    .map((a) => a.startsAt)
    .sort()
    .at(-1);
  return (
    <Group gap="xs" data-testid="attendance-summary">
      {missed.length > 0 && (
        <Badge color="red" variant="light" size="lg" tt="none" data-testid="summary-no-shows">
          {t('attendance.summaryNoShows', {
            count: missed.length,
            last: formatIsoDate(isoDateOf(new Date(lastMissed!)), locale),
          })}
        </Badge>
      )}
      {owed.length > 0 && (
        <Badge color="orange" variant="light" size="lg" tt="none" data-testid="summary-owed">
          {total
            ? t('attendance.summaryOwed', { count: owed.length, total })
            : t('attendance.summaryOwedByRule', { count: owed.length })}
        </Badge>
      )}
    </Group>
  );
}
