import type { Deposit, UiLocale } from '@stipple/core';
import type { TFunction } from 'i18next';
import { formatMoney } from '../../forms/studio-form.js';

/** "Deposit paid: £25.00, card terminal", "Deposit owed: £25.00", "Deposit waived"; null for none. */
export function depositLabel(deposit: Deposit, t: TFunction, locale: UiLocale): string | null {
  if (deposit.status === 'none') return null;
  const amount =
    deposit.amountMinor !== null && deposit.currency
      ? formatMoney(deposit.amountMinor, deposit.currency, locale)
      : '';
  const method = deposit.method ? t(`attendance.methods.${deposit.method}`) : '';
  const key = deposit.status === 'required' && !amount ? 'requiredByRule' : deposit.status;
  return t(`attendance.depositState.${key}`, { amount, method });
}

/** The badge colour of a deposit: owed is a thing to do, paid is done, waived is neutral. */
export const depositColor = (deposit: Deposit): string =>
  deposit.status === 'required' ? 'orange' : deposit.status === 'paid' ? 'teal' : 'gray';
