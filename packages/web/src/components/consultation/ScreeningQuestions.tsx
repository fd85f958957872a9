import type { ReactNode } from 'react';
import { Group, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Screening } from '@stipple/core';
import type { FieldErrors } from '../../forms/schema-form.js';
import { DateField } from '../fields/DateField.js';
import { NumberField } from '../fields/NumberField.js';

export type ScreeningDraft = Partial<Record<keyof Screening, unknown>>;
export type YesNoKey = {
  [K in keyof Screening]-?: NonNullable<Screening[K]> extends boolean ? K : never;
}[keyof Screening];

/** An event with a waiting time: when it was (a date, or time elapsed), or never. */
export interface EventQuestion {
  key: string;
  date: keyof Screening;
  elapsed: keyof Screening;
  unit: 'months' | 'days';
}

export type Question = { yesNo: YesNoKey } | { event: EventQuestion };

/** Every contraindication and caution of domain.md §2.5, grouped as the brief groups them. */
export const SCREENING_GROUPS: { group: string; questions: Question[] }[] = [
  {
    group: 'skin',
    questions: [
      { yesNo: 'keloidHistory' },
      { yesNo: 'hypertrophicScarringTendency' },
      { yesNo: 'activeScalpCondition' },
      { yesNo: 'sunburnOrWounds' },
      { yesNo: 'severeScalpDryness' },
      { yesNo: 'wartsOrMolesInArea' },
      { yesNo: 'herpesOnScalp' },
      { yesNo: 'pihTendency' },
      { yesNo: 'vitiligo' },
    ],
  },
  { group: 'bleeding', questions: [{ yesNo: 'anticoagulants' }, { yesNo: 'bleedingDisorder' }] },
  {
    group: 'systemic',
    questions: [
      { yesNo: 'diabetes' },
      { yesNo: 'immuneCondition' },
      { yesNo: 'heartConditionOrHighBloodPressure' },
      { yesNo: 'epilepsy' },
      { yesNo: 'liverDisease' },
      { yesNo: 'infectiousDisease' },
    ],
  },
  {
    group: 'drugs',
    questions: [
      { yesNo: 'steroidsOrRetinoids' },
      { yesNo: 'antibiotics' },
      {
        event: {
          key: 'isotretinoin',
          date: 'isotretinoinStoppedDate',
          elapsed: 'isotretinoinMonthsAgo',
          unit: 'months',
        },
      },
    ],
  },
  { group: 'pregnancy', questions: [{ yesNo: 'pregnant' }, { yesNo: 'breastfeeding' }] },
  {
    group: 'cancer',
    questions: [
      {
        event: {
          key: 'chemotherapy',
          date: 'chemotherapyEndDate',
          elapsed: 'chemotherapyMonthsAgo',
          unit: 'months',
        },
      },
      { yesNo: 'chemotherapyPlanned' },
    ],
  },
  {
    group: 'other',
    questions: [
      {
        event: {
          key: 'laserRemoval',
          date: 'laserRemovalDate',
          elapsed: 'laserRemovalDaysAgo',
          unit: 'days',
        },
      },
      {
        event: {
          key: 'hairTransplant',
          date: 'hairTransplantDate',
          elapsed: 'monthsSinceHairTransplant',
          unit: 'months',
        },
      },
      {
        event: {
          key: 'scalpSurgery',
          date: 'scalpSurgeryDate',
          elapsed: 'monthsSinceScalpSurgery',
          unit: 'months',
        },
      },
      { yesNo: 'inkAllergy' },
      { yesNo: 'activeProgressiveHairLoss' },
      { yesNo: 'temporaryAlopecia' },
    ],
  },
];

/** The screening questionnaire: each answer yes, no, or not asked (left out, so the plan assumes). */
export function ScreeningQuestions({
  screening,
  errors,
  onChange,
}: {
  screening: ScreeningDraft;
  errors: FieldErrors;
  onChange: (next: Screening) => void;
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

  const yesNo = (key: YesNoKey) => {
    const value = screening[key];
    return (
      <Row key={key} label={t(`screening.${key}`)} testId={`screening-${key}`}>
        <SegmentedControl
          size="xs"
          value={value === true ? 'yes' : value === false ? 'no' : 'unknown'}
          onChange={(v) => write({ [key]: v === 'yes' ? true : v === 'no' ? false : undefined })}
          data={[
            { value: 'unknown', label: t('screening.notAsked') },
            { value: 'no', label: t('common.no') },
            { value: 'yes', label: t('common.yes') },
          ]}
          data-testid={`screening-${key}`}
        />
      </Row>
    );
  };

  const event = (q: EventQuestion) => {
    const date = screening[q.date];
    const elapsed = screening[q.elapsed];
    const state =
      date === null || elapsed === null
        ? 'never'
        : date !== undefined || elapsed !== undefined
          ? 'yes'
          : 'unknown';
    return (
      <Row key={q.key} label={t(`screening.${q.key}`)} testId={`screening-${q.key}`}>
        <Stack gap={6} align="flex-end">
          <SegmentedControl
            size="xs"
            value={state}
            onChange={(v) =>
              write(
                v === 'never'
                  ? { [q.date]: null, [q.elapsed]: undefined }
                  : v === 'unknown'
                    ? { [q.date]: undefined, [q.elapsed]: undefined }
                    : { [q.date]: undefined, [q.elapsed]: 0 },
              )
            }
            data={[
              { value: 'unknown', label: t('screening.notAsked') },
              { value: 'never', label: t('screening.never') },
              { value: 'yes', label: t('common.yes') },
            ]}
            data-testid={`screening-${q.key}`}
          />
          {state === 'yes' && (
            <Group gap="xs" align="flex-end" wrap="wrap" justify="flex-end">
              <DateField
                size="xs"
                label={t('screening.when')}
                value={typeof date === 'string' ? date : null}
                onChange={(v) =>
                  write(v ? { [q.date]: v, [q.elapsed]: undefined } : { [q.date]: undefined, [q.elapsed]: 0 })
                }
                error={errors[`screening.${q.date}`]}
                w={140}
                clearable
                data-testid={`screening-${q.key}-date`}
              />
              <NumberField
                size="xs"
                label={t(q.unit === 'days' ? 'screening.daysAgo' : 'screening.monthsAgo')}
                value={typeof elapsed === 'number' || typeof elapsed === 'string' ? elapsed : undefined}
                onChange={(v) => write({ [q.elapsed]: v, [q.date]: undefined })}
                disabled={typeof date === 'string'}
                error={errors[`screening.${q.elapsed}`]}
                w={120}
                data-testid={`screening-${q.key}-elapsed`}
              />
            </Group>
          )}
        </Stack>
      </Row>
    );
  };

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      {SCREENING_GROUPS.map(({ group, questions }) => (
        <Stack key={group} gap={4}>
          <Text fw={600} size="sm" tt="uppercase" c="dimmed">
            {t(`screening.groups.${group}`)}
          </Text>
          {questions.map((q) => ('yesNo' in q ? yesNo(q.yesNo) : event(q.event)))}
        </Stack>
      ))}
    </SimpleGrid>
  );
}

function Row({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <Group
      justify="space-between"
      align="flex-start"
      wrap="nowrap"
      gap="sm"
      py={4}
      style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
      data-testid={`${testId}-row`}
    >
      <Text size="sm" style={{ flex: 1 }}>
        {label}
      </Text>
      {children}
    </Group>
  );
}
