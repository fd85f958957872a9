import { Card, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Screening } from '@stipple/core';
import {
  SCREENING_GROUPS,
  type EventQuestion,
  type ScreeningDraft,
  type YesNoKey,
} from '../consultation/ScreeningQuestions.js';
import { DateField } from '../fields/DateField.js';
import type { FieldErrors } from '../../forms/schema-form.js';
import { todayIso } from '../../i18n/format.js';

/** Every question the artist asks, put as a question to the client, with why it is asked. */
export function ClientScreening({
  screening,
  onChange,
  errors = {},
}: {
  screening: ScreeningDraft;
  onChange: (next: Screening) => void;
  /** Keyed as the request names the fields: `screening.isotretinoinStoppedDate`. */
  errors?: FieldErrors;
}) {
  const { t } = useTranslation();
  const write = (patch: ScreeningDraft) => {
    const next: Record<string, unknown> = { ...screening };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete next[k];
      else next[k] = v;
    }
    onChange(next);
  };

  const question = (key: string, control: React.ReactNode, extra?: React.ReactNode) => (
    <Card key={key} withBorder radius="md" p="sm" data-testid={`intake-${key}`}>
      <Stack gap={6}>
        <Text fw={600} size="sm">
          {t(`intake.q.${key}`)}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`intake.why.${key}`)}
        </Text>
        {control}
        {extra}
      </Stack>
    </Card>
  );

  const yesNo = (key: YesNoKey) => {
    const value = screening[key];
    return question(
      key,
      <SegmentedControl
        fullWidth
        value={value === true ? 'yes' : value === false ? 'no' : 'unsure'}
        onChange={(v) => write({ [key]: v === 'yes' ? true : v === 'no' ? false : undefined })}
        data={[
          { value: 'no', label: t('intake.no') },
          { value: 'yes', label: t('intake.yes') },
          { value: 'unsure', label: t('intake.notSure') },
        ]}
        data-testid={`intake-${key}-answer`}
      />,
    );
  };

  const event = (q: EventQuestion) => {
    const date = screening[q.date];
    const state =
      date === null ? 'never' : date !== undefined || screening[q.elapsed] !== undefined ? 'yes' : 'unsure';
    return question(
      q.key,
      <SegmentedControl
        fullWidth
        value={state}
        onChange={(v) =>
          write(
            v === 'never'
              ? { [q.date]: null, [q.elapsed]: undefined }
              : v === 'unsure'
                ? { [q.date]: undefined, [q.elapsed]: undefined }
                : { [q.date]: undefined, [q.elapsed]: 0 },
          )
        }
        data={[
          { value: 'never', label: t('intake.never') },
          { value: 'yes', label: t('intake.yes') },
          { value: 'unsure', label: t('intake.notSure') },
        ]}
        data-testid={`intake-${q.key}-answer`}
      />,
      state === 'yes' ? (
        <Group>
          <DateField
            label={t('intake.when')}
            maxDate={todayIso()}
            description={t('intake.whenHint')}
            clearable
            value={typeof date === 'string' ? date : null}
            onChange={(v) =>
              write(v ? { [q.date]: v, [q.elapsed]: undefined } : { [q.date]: undefined, [q.elapsed]: 0 })
            }
            error={errors[`screening.${q.date}`]}
            data-testid={`intake-${q.key}-date`}
          />
        </Group>
      ) : null,
    );
  };

  return (
    <Stack gap="lg">
      {SCREENING_GROUPS.map(({ group, questions }) => (
        <Stack key={group} gap="xs">
          <Title order={3} size="h5" c="dimmed" tt="uppercase">
            {t(`screening.groups.${group}`)}
          </Title>
          {questions.map((q) => ('yesNo' in q ? yesNo(q.yesNo) : event(q.event)))}
        </Stack>
      ))}
    </Stack>
  );
}

/** How many questions have no answer (neither yes, no, nor never). */
export function unanswered(screening: ScreeningDraft): number {
  let n = 0;
  for (const { questions } of SCREENING_GROUPS)
    for (const q of questions)
      if (
        'yesNo' in q
          ? screening[q.yesNo] === undefined
          : screening[q.event.date] === undefined && screening[q.event.elapsed] === undefined
      )
        n += 1;
  return n;
}
