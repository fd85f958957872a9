import { useState } from 'react';
import { Alert, Button, Stack, Text, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { OverrideReason } from '@stipple/core';
import { useSignedInSession } from '../api/session.js';
import { checkValue } from '../forms/validation-messages.js';

/**
 * A rule the studio keeps (the treatment plan's decision, the interval between sessions) that this
 * booking or record would not: what the rule says, and, for owners and artists, going ahead with a
 * reason that is kept with who and when. Front desk is told who can.
 */
export function RuleOverrideNotice({
  title,
  message,
  reason,
  onReason,
  confirmLabel,
  onConfirm,
  loading,
  testId,
  showError = false,
}: {
  title: string;
  message: string;
  reason: string;
  onReason: (reason: string) => void;
  confirmLabel?: string;
  /** Called with a valid reason; without it the reason is sent with the form's own button. */
  onConfirm?: () => void;
  loading?: boolean;
  testId: string;
  /** The form's own button was pressed: say what the reason lacks, as the box's button does. */
  showError?: boolean;
}) {
  const { t } = useTranslation();
  const clinical = useSignedInSession().user.role !== 'front_desk';
  const [tried, setTried] = useState(false);
  const checked = checkValue(OverrideReason, reason, t);
  const error = (tried || showError) && !checked.ok ? checked.message : undefined;
  return (
    <Alert color="orange" title={title} data-testid={testId}>
      <Stack gap="sm">
        <Text size="sm">{message}</Text>
        {clinical ? (
          <>
            <Textarea
              label={t('calendar.overrideReason')}
              description={t('calendar.overrideReasonHint')}
              value={reason}
              onChange={(e) => onReason(e.currentTarget.value)}
              onBlur={() => setTried(reason.trim() !== '')}
              error={error}
              autosize
              minRows={2}
              data-testid={`${testId}-reason`}
            />
            {onConfirm && confirmLabel && (
              <Button
                color="orange"
                loading={loading}
                onClick={() => {
                  setTried(true);
                  if (checked.ok) onConfirm();
                }}
                data-testid={`${testId}-confirm`}
              >
                {confirmLabel}
              </Button>
            )}
          </>
        ) : (
          <Text size="sm" fw={500}>
            {t('calendar.overrideClinicalOnly')}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
