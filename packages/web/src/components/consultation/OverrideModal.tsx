import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ELIGIBILITIES, PLAN_NEEDLES } from '@stipple/core';
import { DateField } from '../fields/DateField.js';
import { NumberField } from '../fields/NumberField.js';
import { formatPlanValue } from './PlanDocument.js';
import { useUnsavedChanges } from '../UnsavedChanges.js';

export interface OverrideTarget {
  path: string;
  label: string;
  /** The value the rules gave (shown for comparison). */
  ruleValue: unknown;
  /** The value now (the rules' or an earlier override's). */
  current: unknown;
  reason: string;
}

type Kind = 'number' | 'date' | 'eligibility' | 'needle' | 'text';

function kindOf(path: string, value: unknown): Kind {
  if (path === 'eligibility') return 'eligibility';
  if (path.endsWith('.needle')) return 'needle';
  if (path === 'earliestStartDate' || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)))
    return 'date';
  if (typeof value === 'number' || value === null) return 'number';
  return 'text';
}

/** Change one value of the plan: the new value and, always, the reason. */
export function OverrideModal({
  target,
  onClose,
  onApply,
  onRemove,
  validate,
}: {
  target: OverrideTarget;
  onClose: () => void;
  onApply: (value: unknown, reason: string) => void;
  onRemove?: () => void;
  /** What is wrong with the value for the plan, in the artist's words; undefined when it fits. */
  validate: (value: unknown, reason: string) => string | undefined;
}) {
  const { t } = useTranslation();
  const kind = kindOf(target.path, target.ruleValue);
  const [value, setValue] = useState<unknown>(target.current);
  const [reason, setReason] = useState(target.reason);
  const [tried, setTried] = useState(false);
  const unsaved = useUnsavedChanges(value !== target.current || reason !== target.reason);
  const requestClose = () => unsaved.confirmDiscard(onClose);
  const reasonMissing = !reason.trim();
  const valueMissing = value === '' || value === undefined || (kind !== 'number' && value === null);
  const valueError = tried
    ? valueMissing
      ? t('messages.field.required')
      : validate(value, reason.trim() || '—')
    : undefined;

  return (
    <Modal opened onClose={requestClose} title={t('plan.overrideTitle', { label: target.label })} size="md">
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('plan.ruleValue')}: <b>{formatPlanValue(target.ruleValue)}</b>
        </Text>
        {kind === 'number' && (
          <NumberField
            label={t('plan.newValue')}
            value={typeof value === 'number' || typeof value === 'string' ? value : undefined}
            onChange={(v) => setValue(v ?? '')}
            error={valueError}
            data-autofocus
            data-testid="override-value"
          />
        )}
        {kind === 'date' && (
          <DateField
            label={t('plan.newValue')}
            value={typeof value === 'string' ? value : null}
            onChange={(v) => setValue(v ?? '')}
            error={valueError}
            data-testid="override-value"
          />
        )}
        {(kind === 'eligibility' || kind === 'needle') && (
          <Select
            label={t('plan.newValue')}
            data={(kind === 'eligibility' ? ELIGIBILITIES : PLAN_NEEDLES).map((v) => ({
              value: v,
              label: kind === 'eligibility' ? t(`eligibility.${v}`) : v,
            }))}
            value={typeof value === 'string' ? value : null}
            onChange={(v) => setValue(v)}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            error={valueError}
            data-testid="override-value"
          />
        )}
        {kind === 'text' && (
          <TextInput
            label={t('plan.newValue')}
            value={
              typeof value === 'string'
                ? value
                : value === null || value === undefined
                  ? ''
                  : formatPlanValue(value)
            }
            onChange={(e) => setValue(e.currentTarget.value)}
            error={valueError}
            data-testid="override-value"
          />
        )}
        <Textarea
          label={t('plan.reason')}
          description={t('plan.reasonHint')}
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={tried && reasonMissing ? t('messages.field.required') : undefined}
          data-testid="override-reason"
        />
        <Group justify="space-between">
          {onRemove ? (
            <Button variant="subtle" color="red" onClick={onRemove} data-testid="override-remove">
              {t('plan.backToRule')}
            </Button>
          ) : (
            <span />
          )}
          <Group gap="sm">
            <Button variant="default" onClick={requestClose}>
              {t('common.cancel')}
            </Button>
            <Button
              onClick={() => {
                setTried(true);
                if (!reasonMissing && !valueMissing && !validate(value, reason.trim()))
                  onApply(value, reason.trim());
              }}
              data-testid="override-apply"
            >
              {t('plan.applyOverride')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
