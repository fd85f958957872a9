import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Deposit } from '@stipple/core';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { depositColor, depositLabel } from './deposit-label.js';

/** Where a deposit stands, as a badge; with no deposit asked, nothing unless `showNone`. */
export function DepositBadge({
  deposit,
  showNone = false,
  testId,
}: {
  deposit: Deposit;
  showNone?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const label = depositLabel(deposit, t, locale);
  if (!label && !showNone) return null;
  return (
    <Badge variant="light" tt="none" color={label ? depositColor(deposit) : 'gray'} data-testid={testId}>
      {label ?? t('attendance.noDeposit')}
    </Badge>
  );
}
