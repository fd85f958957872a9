import { useEffect, useState } from 'react';
import { Progress, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { checkPasswordStrength, type PasswordStrength } from '../forms/password-strength.js';

const COLORS = ['red', 'red', 'orange', 'teal', 'green'] as const;

/**
 * Live feedback while choosing a password: a 0–4 bar, its name, and the main weakness, by the
 * server's rule. `userInputs` are the person's own details (name, email, studio) as written.
 */
export function PasswordStrengthMeter({ password, userInputs }: { password: string; userInputs: string[] }) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(password, 150);
  const [result, setResult] = useState<{ for: string; strength: PasswordStrength } | null>(null);
  const inputsKey = userInputs.join('\n');

  useEffect(() => {
    if (!debounced) return;
    let current = true;
    checkPasswordStrength(debounced, inputsKey ? inputsKey.split('\n') : []).then(
      (strength) => current && setResult({ for: debounced, strength }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [debounced, inputsKey]);

  if (!password)
    return (
      <Text size="sm" c="dimmed">
        {t('invite.strength.hint')}
      </Text>
    );
  const strength = result && result.for === debounced ? result.strength : null;
  // Below the minimum length, the password is refused whatever its score.
  const score = strength ? (password.length < 12 ? Math.min(strength.score, 1) : strength.score) : 0;

  return (
    <Stack gap={6} data-testid="password-strength" data-score={strength ? score : undefined}>
      <Progress
        value={strength ? ((score + 1) / 5) * 100 : 0}
        color={COLORS[score]}
        size="md"
        radius="xl"
        aria-hidden
      />
      <Text size="sm" fw={500} c={strength ? `${COLORS[score]}.8` : 'dimmed'} aria-live="polite">
        {strength
          ? t('invite.strength.label', { level: t(`invite.strength.${score}`) })
          : t('invite.strength.checking')}
      </Text>
      {strength?.warning && (
        <Text size="sm" data-testid="password-warning">
          {strength.warning === 'personal'
            ? t('validation.builtFromPersonal')
            : t(`passwordFeedback.warnings.${strength.warning}`)}
        </Text>
      )}
      {strength && score < 3 && strength.suggestions[0] && (
        <Text size="sm" c="dimmed">
          {t(`passwordFeedback.suggestions.${strength.suggestions[0]}`)}
        </Text>
      )}
      {password.length < 12 && (
        <Text size="sm" c="dimmed">
          {t('invite.strength.hint')}
        </Text>
      )}
    </Stack>
  );
}
