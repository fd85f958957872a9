import { PasswordInput, Stack } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from '@stipple/core';
import type { Translate } from '../forms/validation-messages.js';
import { PasswordStrengthMeter } from './PasswordStrengthMeter.js';

export interface NewPasswordValues {
  password: string;
  confirm: string;
}

/**
 * A new password with its live strength (judged against the person's own details, as the
 * server judges it) and the same password again. Used to accept an invitation, to reset a
 * forgotten password and to change one.
 */
export function NewPasswordFields<V extends NewPasswordValues>({
  form,
  personal,
}: {
  form: UseFormReturnType<V>;
  /** The person's name, email and studio name, as written. */
  personal: string[];
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <PasswordInput
        label={t('invite.password')}
        autoComplete="new-password"
        withAsterisk
        data-testid="new-password"
        {...form.getInputProps('password')}
      />
      <PasswordStrengthMeter password={form.getValues().password} userInputs={personal} />
      <PasswordInput
        label={t('invite.confirm')}
        autoComplete="new-password"
        withAsterisk
        data-testid="new-password-confirm"
        {...form.getInputProps('confirm')}
      />
    </Stack>
  );
}

/** Form errors of the two fields: the length rule of the shared schema, then that both match. */
export function newPasswordErrors(values: NewPasswordValues, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.password.length < MIN_PASSWORD_LENGTH)
    errors.password = t('validation.minLength', { min: MIN_PASSWORD_LENGTH });
  else if (values.confirm !== values.password) errors.confirm = t('invite.mismatch');
  return errors;
}
