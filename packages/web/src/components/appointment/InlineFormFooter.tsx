import { Alert, Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/describe-error.js';

/** The end of a small form inside the appointment: what went wrong, then Back and the action. */
export function InlineFormFooter({
  error,
  onBack,
  confirmLabel,
  onConfirm,
  loading,
  color,
  testId,
}: {
  error: unknown;
  onBack: () => void;
  confirmLabel: string;
  onConfirm: () => void;
  loading: boolean;
  color?: string | undefined;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <>
      {error ? (
        <Alert color="red" role="alert">
          {describeError(error, t)}
        </Alert>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onBack}>
          {t('common.back')}
        </Button>
        <Button color={color} loading={loading} onClick={onConfirm} data-testid={testId}>
          {confirmLabel}
        </Button>
      </Group>
    </>
  );
}
