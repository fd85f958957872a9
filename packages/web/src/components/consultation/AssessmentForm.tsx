import { useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Chip,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowRight, IconDeviceFloppy, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  ANCESTRIES,
  Assessment,
  HAIR_COLOURS,
  HAIR_LOSS_TYPES,
  LUDWIG_STAGES,
  NORWOOD_STAGES,
  SAVIN_STAGES,
  TREATMENT_GOALS,
  type AssessmentInput,
  type Consultation,
} from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { isApiRequestError } from '../../api/api-error.js';
import { describeError } from '../../api/describe-error.js';
import { errorsAfterEdit } from '../../forms/field-errors.js';
import { issuesToFieldErrors, type FieldErrors } from '../../forms/schema-form.js';
import { translateFieldError } from '../../forms/validation-messages.js';
import { DateField } from '../fields/DateField.js';
import { formatIsoDate } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { NumberField } from '../fields/NumberField.js';
import { ScarCard, type ScarDraft } from './ScarCard.js';
import { catalogueFieldLabel } from '../../i18n/messages.js';
import { useMeasuredDensities } from './useMeasuredDensities.js';
import { useUnsavedChanges } from '../UnsavedChanges.js';
import { ScreeningQuestions } from './ScreeningQuestions.js';

type Draft = AssessmentInput;
type HairLossScale = 'norwood' | 'ludwig' | 'savin' | 'none';

const STAGES: Record<Exclude<HairLossScale, 'none'>, readonly string[]> = {
  norwood: NORWOOD_STAGES,
  ludwig: LUDWIG_STAGES,
  savin: SAVIN_STAGES,
};
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'] as const;

/** Empty strings and blank numbers mean "not recorded": they leave the field out. */
function clean(draft: Draft): Draft {
  const out = JSON.parse(JSON.stringify(draft)) as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) if (v === '' || v === undefined) delete out[k];
  if (typeof out.notes === 'string' && !out.notes.trim()) delete out.notes;
  return out as Draft;
}

function newScarId(scars: readonly { id?: string | undefined }[]): string {
  const taken = new Set(scars.map((s) => s.id));
  for (let n = 1; ; n++) if (!taken.has(`scar-${n}`)) return `scar-${n}`;
}

/**
 * Every field of the planner's `Assessment`, with "not recorded" kept apart from "no": an answer
 * left out tells the plan to assume and to say what it assumed.
 */
export function AssessmentForm({
  consultation,
  onSaved,
  onOpenPlan,
}: {
  consultation: Consultation;
  onSaved: (c: Consultation) => void;
  /** The next step once the assessment is saved: the plan, from the save bar at the foot of the form. */
  onOpenPlan?: () => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => consultation.assessment);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty);
  const measured = useMeasuredDensities(consultation.clientId);

  const update = (fn: (d: Draft) => void) => {
    setDraft((d) => {
      const next = structuredClone(d);
      fn(next);
      return next;
    });
    // The edit takes away the errors of the fields it changes ("Required" under a stage just
    // chosen); tried on a copy of what is on screen, since the draft above may still be queued.
    const edited = structuredClone(draft);
    fn(edited);
    setErrors((e) => errorsAfterEdit(e, draft, edited));
    setDirty(true);
  };

  const save = useMutation({
    mutationFn: (assessment: Draft) =>
      api.updateConsultation(consultation.id, { assessment, version: consultation.version }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['consultation', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: ['consultations'] });
      setDirty(false);
      notifications.show({ color: 'teal', message: t('assessment.saved') });
      onSaved(saved);
    },
    onError: (err) => {
      if (isApiRequestError(err)) {
        const fields: FieldErrors = {};
        for (const [field, error] of Object.entries(err.bodyFields()))
          fields[field.replace(/^assessment\./, '')] = translateFieldError(error, t);
        setErrors(fields);
      }
    },
  });

  const submit = () => {
    const value = clean(draft);
    const checked = Assessment.safeParse(value, { reportInput: true });
    if (!checked.success) {
      setErrors(issuesToFieldErrors(checked.error.issues, t));
      return;
    }
    setErrors({});
    save.mutate(value);
  };

  const hairLoss = draft.hairLoss;
  const scale: HairLossScale | null = hairLoss?.scale ?? null;
  const scars = (draft.scars ?? []) as ScarDraft[];
  const scarState = draft.scars === undefined ? 'unknown' : scars.length === 0 ? 'none' : 'some';
  const goals = draft.goal === undefined ? [] : Array.isArray(draft.goal) ? draft.goal : [draft.goal];
  const fitz = draft.fitzpatrick === undefined ? '' : String(draft.fitzpatrick);
  const fitzValue = /^[1-6]$/.test(fitz) ? ROMAN[Number(fitz) - 1]! : fitz;
  const errorList = Object.entries(errors);

  return (
    <Stack gap="lg" data-testid="assessment-form">
      <Section title={t('assessment.basics')}>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
          <DateField
            label={t('assessment.consultationDate')}
            value={draft.consultationDate}
            onChange={(v) => update((d) => void (d.consultationDate = v ?? ''))}
            error={errors.consultationDate}
            data-testid="assessment-date"
          />
          {draft.dateOfBirth ? (
            <div>
              <Text size="sm" fw={500}>
                {t('assessment.dateOfBirth')}
              </Text>
              <Text size="sm" mt={6} data-testid="assessment-date-of-birth">
                {formatIsoDate(draft.dateOfBirth, locale)}
              </Text>
            </div>
          ) : (
            <NumberField
              label={t('assessment.ageYears')}
              value={draft.ageYears}
              onChange={(v) => update((d) => void (d.ageYears = v as number | undefined))}
              error={errors.ageYears}
              data-testid="assessment-age"
            />
          )}
          <Select
            label={t('assessment.hairColour')}
            placeholder={t('assessment.notRecorded')}
            data={HAIR_COLOURS.map((c) => ({ value: c, label: t(`hairColours.${c}`) }))}
            value={draft.hairColour ?? null}
            onChange={(v) => update((d) => void (d.hairColour = (v as Draft['hairColour']) ?? undefined))}
            clearable
            comboboxProps={{ withinPortal: true }}
            data-testid="assessment-hair-colour"
          />
        </SimpleGrid>
        <div>
          <Text size="sm" fw={500} mb={4}>
            {t('assessment.fitzpatrick')}
          </Text>
          <SegmentedControl
            value={fitzValue}
            onChange={(v) =>
              update((d) => void (d.fitzpatrick = v ? (v as (typeof ROMAN)[number]) : undefined))
            }
            data={[
              { value: '', label: t('assessment.notRecordedShort') },
              ...ROMAN.map((r) => ({ value: r, label: r })),
            ]}
            data-testid="assessment-fitzpatrick"
          />
          <Text size="xs" c="dimmed" mt={4}>
            {fitzValue ? t(`fitzpatrick.${fitzValue}`) : t('assessment.fitzpatrickHint')}
          </Text>
        </div>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('assessment.ancestry')}
            description={t('assessment.ancestryHint')}
            placeholder={t('assessment.notRecorded')}
            data={ANCESTRIES.map((a) => ({ value: a, label: t(`ancestries.${a}`) }))}
            value={draft.ancestry ?? null}
            onChange={(v) => update((d) => void (d.ancestry = (v as Draft['ancestry']) ?? undefined))}
            clearable
            comboboxProps={{ withinPortal: true }}
          />
          <div>
            <Text size="sm" fw={500} mb={6}>
              {t('assessment.goals')}
            </Text>
            <Chip.Group
              multiple
              value={goals}
              onChange={(v) => update((d) => void (d.goal = v.length ? v : undefined))}
            >
              <Group gap="xs">
                {TREATMENT_GOALS.map((g) => (
                  <Chip key={g} value={g} data-testid={`goal-${g}`}>
                    {t(`goals.${g}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </div>
        </SimpleGrid>
      </Section>

      <Section title={t('assessment.hairLoss')}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t('assessment.scale')}
            placeholder={t('assessment.notAssessed')}
            data={(['norwood', 'ludwig', 'savin', 'none'] as const).map((s) => ({
              value: s,
              label: t(`scales.${s}`),
            }))}
            value={scale}
            onChange={(v) =>
              update((d) => {
                if (!v) d.hairLoss = undefined;
                else if (v === 'none') d.hairLoss = { scale: 'none' };
                // No stage until the artist chooses one: a stage filled in for them (the first,
                // "I") would be saved as if assessed.
                else d.hairLoss = { scale: v } as Draft['hairLoss'];
              })
            }
            clearable
            comboboxProps={{ withinPortal: true }}
            data-testid="assessment-scale"
          />
          {hairLoss && hairLoss.scale !== 'none' && (
            <Select
              label={t('assessment.stage')}
              placeholder={t('assessment.chooseStage')}
              data={STAGES[hairLoss.scale].map((s) => ({ value: s, label: s }))}
              value={hairLoss.stage === undefined ? null : String(hairLoss.stage)}
              onChange={(v) => v && update((d) => void ((d.hairLoss as { stage: string }).stage = v))}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              error={errors['hairLoss.stage']}
              data-testid="assessment-stage"
            />
          )}
          {hairLoss && hairLoss.scale !== 'none' && (
            <Select
              label={t('assessment.hairLossType')}
              placeholder={t('assessment.notRecorded')}
              data={HAIR_LOSS_TYPES.map((h) => ({ value: h, label: t(`hairLossTypes.${h}`) }))}
              value={hairLoss.type ?? null}
              onChange={(v) => update((d) => void ((d.hairLoss as { type?: string }).type = v ?? undefined))}
              clearable
              comboboxProps={{ withinPortal: true }}
            />
          )}
        </SimpleGrid>
      </Section>

      <Section title={t('assessment.scars')}>
        <SegmentedControl
          value={scarState}
          onChange={(v) =>
            update((d) => {
              if (v === 'unknown') d.scars = undefined;
              else if (v === 'none') d.scars = [];
              else if (!d.scars?.length) d.scars = [{ id: 'scar-1', cause: 'fut', texture: 'flat' }];
            })
          }
          data={[
            { value: 'unknown', label: t('assessment.scarsNotExamined') },
            { value: 'none', label: t('assessment.noScars') },
            { value: 'some', label: t('assessment.hasScars') },
          ]}
          data-testid="assessment-scar-state"
        />
        {scars.map((scar, i) => (
          <ScarCard
            key={scar.id ?? i}
            index={i}
            scar={scar}
            others={scars}
            errors={errors}
            onChange={(next) => update((d) => void (d.scars![i] = next))}
            onRemove={() => update((d) => void d.scars!.splice(i, 1))}
            measured={measured}
          />
        ))}
        {scarState === 'some' && (
          <Button
            variant="light"
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() =>
              update((d) => void d.scars!.push({ id: newScarId(d.scars!), cause: 'fut', texture: 'flat' }))
            }
            w="fit-content"
            data-testid="add-scar"
          >
            {t('assessment.addScar')}
          </Button>
        )}
      </Section>

      <Section title={t('assessment.screening')} hint={t('assessment.screeningHint')}>
        <ScreeningQuestions
          screening={draft.screening ?? {}}
          errors={errors}
          onChange={(screening) =>
            update((d) => void (d.screening = Object.keys(screening).length ? screening : undefined))
          }
        />
      </Section>

      <Section title={t('assessment.notes')}>
        <Textarea
          autosize
          minRows={2}
          value={draft.notes ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            update((d) => void (d.notes = value));
          }}
          aria-label={t('assessment.notes')}
        />
      </Section>

      {errorList.length > 0 && (
        <Alert color="red" role="alert" data-testid="assessment-errors">
          {t('assessment.fixFields')}
          <ul style={{ margin: 0 }}>
            {errorList.map(([field, message]) => (
              <li key={field}>
                {t('assessment.fieldError', {
                  // The field as the form labels it, never its path (`scars.0.lengthMm`).
                  field: catalogueFieldLabel(t, field) || t('assessment.otherField'),
                  message,
                })}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {save.isError && !isApiRequestError(save.error) && (
        <Alert color="red" role="alert">
          {describeError(save.error, t)}
        </Alert>
      )}
      {save.isError && isApiRequestError(save.error) && save.error.status === 409 && (
        <Alert color="orange" role="alert">
          {t('assessment.conflict')}
        </Alert>
      )}
      <Group
        justify="flex-end"
        // Above the segmented answers it slides over (their indicators are positioned).
        style={{ position: 'sticky', bottom: 0, zIndex: 5 }}
        py="xs"
        bg="var(--mantine-color-body)"
      >
        {dirty && (
          <Text size="sm" c="dimmed">
            {t('assessment.unsaved')}
          </Text>
        )}
        {/* Saved at the end of a long form, the plan's tab is far above: the next step is here. */}
        {!dirty && onOpenPlan && (
          <Button
            variant="light"
            rightSection={<IconArrowRight size={18} aria-hidden />}
            onClick={onOpenPlan}
            data-testid="assessment-to-plan"
          >
            {t('assessment.toPlan')}
          </Button>
        )}
        <Button
          leftSection={<IconDeviceFloppy size={18} aria-hidden />}
          onClick={submit}
          loading={save.isPending}
          data-testid="save-assessment"
        >
          {t('assessment.save')}
        </Button>
      </Group>
    </Stack>
  );
}

function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm">
        <div>
          <Title order={4}>{title}</Title>
          {hint && (
            <Text size="sm" c="dimmed">
              {hint}
            </Text>
          )}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}
