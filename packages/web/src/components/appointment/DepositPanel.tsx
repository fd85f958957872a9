import { useState } from 'react';
import { Button, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DEPOSIT_METHODS, RecordDepositRequest, type Appointment, type DepositMethod } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { issuesToFieldErrors, type FieldErrors } from '../../forms/schema-form.js';
import { minorOfTyped } from '../../forms/studio-form.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { NumberField } from '../fields/NumberField.js';
import { studioKey } from '../studio/LogoUpload.js';
import { DepositBadge } from './DepositBadge.js';
import { InlineFormFooter } from './InlineFormFooter.js';

type Step = 'view' | 'required' | 'paid' | 'waived';

/**
 * The appointment's deposit and the desk's three ways to record it: asked, paid by hand (cash, the
 * studio's card terminal, a transfer: no payment provider is connected) or waived with a reason.
 * A paid deposit changes only with a reason (a refund, a payment on the wrong booking).
 */
export function DepositPanel({
  appointment,
  onSaved,
  onEditing,
}: {
  appointment: Appointment;
  onSaved: (message: string) => Promise<void> | void;
  /** Told whether a deposit form is open with something typed (for the unsaved-changes guard). */
  onEditing: (dirty: boolean) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const studio = useQuery({ queryKey: studioKey, queryFn: () => api.getStudio() });
  const deposit = appointment.deposit;
  const [step, setStep] = useState<Step>('view');
  /** As typed, in pounds: a number, the text when it is not one, undefined when empty. */
  const [amount, setAmount] = useState<number | string | undefined>();
  const [method, setMethod] = useState<DepositMethod>('card_terminal');
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const currency = deposit.currency ?? studio.data?.currency ?? 'GBP';
  const paid = deposit.status === 'paid';

  const open = (next: Step) => {
    const known = deposit.amountMinor ?? studio.data?.policy.depositAmountMinor ?? null;
    setAmount(known === null ? undefined : known / 100);
    setReference('');
    setReason('');
    setErrors({});
    setStep(next);
    onEditing(true);
  };
  const close = () => {
    setStep('view');
    onEditing(false);
  };

  /** The request as typed, checked by the shared rules: the reason beside each field, or the body. */
  const checked = (): RecordDepositRequest | null => {
    const minor = minorOfTyped(amount);
    const why = reason.trim() ? { reason: reason.trim() } : {};
    const version = appointment.version;
    const body =
      step === 'paid'
        ? { status: 'paid', amountMinor: minor, method, reference, version, ...why }
        : step === 'waived'
          ? { status: 'waived', reason: reason.trim(), version }
          : { status: 'required', amountMinor: minor, version, ...why };
    const parsed = RecordDepositRequest.safeParse(body, { reportInput: true });
    if (parsed.success) return parsed.data;
    setErrors(issuesToFieldErrors(parsed.error.issues, t, ['amountMinor']));
    return null;
  };
  const save = useMutation({
    mutationFn: (body: RecordDepositRequest) => api.recordDeposit(appointment.id, body),
    onSuccess: () => {
      onEditing(false);
      void onSaved(t(`attendance.depositSaved.${step}`));
    },
  });

  return (
    <Stack gap="xs" data-testid="deposit-panel">
      <Group gap="xs" justify="space-between">
        <Group gap="xs">
          <Text fw={600} size="sm">
            {t('attendance.deposit')}
          </Text>
          <DepositBadge deposit={deposit} showNone testId="deposit-status" />
        </Group>
        {step === 'view' && (
          <Group gap="xs">
            {deposit.status === 'none' && (
              <Button size="xs" variant="default" onClick={() => open('required')} data-testid="deposit-ask">
                {t('attendance.ask')}
              </Button>
            )}
            {!paid && (
              <Button size="xs" variant="light" onClick={() => open('paid')} data-testid="deposit-pay">
                {t('attendance.recordPayment')}
              </Button>
            )}
            {deposit.status !== 'waived' && (
              <Button size="xs" variant="subtle" onClick={() => open('waived')} data-testid="deposit-waive">
                {paid ? t('attendance.refundOrWaive') : t('attendance.waive')}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {step === 'view' && (deposit.reference || deposit.reason || deposit.recordedAt) && (
        <Text size="xs" c="dimmed" data-testid="deposit-details">
          {[
            deposit.reference && t('attendance.referenceIs', { reference: deposit.reference }),
            deposit.reason,
            deposit.recordedAt && formatDateTime(deposit.recordedAt, locale),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
      )}
      {step !== 'view' && (
        <Stack gap="sm" data-testid="deposit-form">
          {step !== 'waived' && (
            <NumberField
              label={t('attendance.amount', { currency })}
              description={step === 'required' ? t('attendance.amountOptional') : undefined}
              value={amount}
              onChange={(v) => {
                setAmount(v);
                setErrors(({ amountMinor: _, ...rest }) => rest);
              }}
              error={errors.amountMinor}
              data-testid="deposit-amount"
            />
          )}
          {step === 'paid' && (
            <>
              <div>
                <Text size="sm" fw={500} mb={4}>
                  {t('attendance.paidBy')}
                </Text>
                <SegmentedControl
                  fullWidth
                  value={method}
                  onChange={(v) => setMethod(v)}
                  data={DEPOSIT_METHODS.map((m) => ({ value: m, label: t(`attendance.methods.${m}`) }))}
                  data-testid="deposit-method"
                />
              </div>
              <TextInput
                label={t('attendance.reference')}
                description={t('attendance.referenceHint')}
                value={reference}
                onChange={(e) => {
                  setReference(e.currentTarget.value);
                  setErrors(({ reference: _, ...rest }) => rest);
                }}
                error={errors.reference}
                data-testid="deposit-reference"
              />
            </>
          )}
          {(step === 'waived' || paid) && (
            <TextInput
              label={t('attendance.reason')}
              description={paid ? t('attendance.paidReasonHint') : t('attendance.waiveReasonHint')}
              value={reason}
              onChange={(e) => {
                setReason(e.currentTarget.value);
                setErrors(({ reason: _, ...rest }) => rest);
              }}
              error={errors.reason}
              data-testid="deposit-reason"
            />
          )}
          <InlineFormFooter
            error={save.error}
            onBack={close}
            confirmLabel={t(`attendance.save.${step}`)}
            onConfirm={() => {
              const body = checked();
              if (body) save.mutate(body);
            }}
            loading={save.isPending}
            testId="deposit-save"
          />
        </Stack>
      )}
    </Stack>
  );
}
