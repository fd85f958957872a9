import { useRef, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Button,
  Group,
  Paper,
  Stack,
  Switch,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AftercareTemplate, CreateAftercareTemplateRequest } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { useFieldErrors } from '../forms/field-errors.js';
import { serverFieldErrors } from '../forms/schema-form.js';
import {
  blankStep,
  changedFrom,
  draftFromTemplate,
  moveStep,
  templateRequest,
  type AftercareDraft,
  type StepDraft,
} from '../forms/aftercare-steps-form.js';
import { scrollToFirstError } from './scroll-to-first-error.js';
import { NumberField } from './fields/NumberField.js';
import { FormModal, useFormModal } from './FormModal.js';
import { StickyActions } from './StickyActions.js';

/**
 * Writes the next version of an aftercare template, starting from the current one. Sessions keep
 * the version they were completed with; earlier versions stay listed.
 */
export function AftercareTemplateEditor(props: { template: AftercareTemplate | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormModal
      opened={props.template !== null}
      onClose={props.onClose}
      title={
        props.template
          ? t('aftercareEditor.title', { name: props.template.name, version: props.template.version + 1 })
          : ''
      }
      size="xl"
    >
      {props.template && <EditorForm template={props.template} onClose={props.onClose} />}
    </FormModal>
  );
}

function EditorForm({ template, onClose }: { template: AftercareTemplate; onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<AftercareDraft>(() => draftFromTemplate(template));
  const { errors, setErrors, clearErrors } = useFieldErrors();
  // Steps carry list keys of their own; only what the owner typed counts as a change.
  const typed = (d: AftercareDraft) => JSON.stringify(d, (k, v: unknown) => (k === 'key' ? undefined : v));
  const { requestClose } = useFormModal(typed(draft) !== typed(draftFromTemplate(template)));
  const root = useRef<HTMLDivElement>(null);
  /** Steps change places: their errors would name the wrong step. */
  const setSteps = (change: (steps: StepDraft[]) => StepDraft[]) => {
    clearErrors('steps');
    setDraft((d) => ({ ...d, steps: change(d.steps) }));
  };

  const publish = useMutation({
    mutationFn: (body: CreateAftercareTemplateRequest) => api.createAftercareTemplate(body),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['aftercare-templates'] });
      notifications.show({
        color: 'teal',
        message: t('aftercareEditor.published', { name: saved.name, version: saved.version }),
      });
      onClose();
    },
    onError: (err) => {
      setErrors(serverFieldErrors(err, t));
      scrollToFirstError(root.current);
    },
  });

  const submit = () => {
    const result = templateRequest(draft, t);
    if (!result.ok) {
      setErrors(result.errors);
      scrollToFirstError(root.current);
      return;
    }
    setErrors({});
    publish.mutate(result.body);
  };

  const setStep = (index: number, change: Partial<StepDraft>) => {
    clearErrors(`steps.${index}.`);
    setDraft((d) => ({ ...d, steps: d.steps.map((s, i) => (i === index ? { ...s, ...change } : s)) }));
  };
  const changed = changedFrom(draft, template);
  const errorCount = Object.keys(errors).length;

  return (
    <Stack gap="md" ref={root} data-testid="aftercare-editor">
      <Text size="sm" c="dimmed">
        {t('aftercareEditor.intro')}
      </Text>
      <TextInput
        label={t('aftercareEditor.name')}
        value={draft.name}
        onChange={(e) => {
          const name = e.currentTarget.value;
          clearErrors('name');
          setDraft((d) => ({ ...d, name }));
        }}
        error={errors.name}
        data-testid="aftercare-name"
      />
      {errors.steps && (
        <Text c="red" size="sm">
          {errors.steps}
        </Text>
      )}
      {draft.steps.map((step, i) => {
        const n = i + 1;
        return (
          <Paper key={step.key} withBorder radius="md" p="sm" data-testid="aftercare-step-editor">
            <Group justify="space-between" mb="xs" gap="xs">
              <Text fw={600}>{t('aftercareEditor.stepNumber', { n })}</Text>
              <Group gap={4}>
                <ActionIcon
                  variant="subtle"
                  size={44}
                  disabled={i === 0}
                  onClick={() => setSteps((steps) => moveStep(steps, i, -1))}
                  aria-label={t('aftercareEditor.moveUp', { n })}
                  data-testid="step-up"
                >
                  <IconArrowUp size={18} aria-hidden />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  size={44}
                  disabled={i === draft.steps.length - 1}
                  onClick={() => setSteps((steps) => moveStep(steps, i, 1))}
                  aria-label={t('aftercareEditor.moveDown', { n })}
                  data-testid="step-down"
                >
                  <IconArrowDown size={18} aria-hidden />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size={44}
                  onClick={() => setSteps((steps) => steps.filter((_, j) => j !== i))}
                  aria-label={t('aftercareEditor.remove', { n })}
                  data-testid="step-remove"
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Group>
            </Group>
            <Stack gap="xs">
              <Group gap="xs" align="flex-start" grow>
                <NumberField
                  size="md"
                  label={t('aftercareEditor.fromDay')}
                  description={t('aftercareEditor.fromDayHint')}
                  value={step.fromDay}
                  onChange={(v) => setStep(i, { fromDay: v ?? '' })}
                  error={errors[`steps.${i}.fromDay`]}
                  data-testid="step-from"
                />
                <NumberField
                  size="md"
                  label={t('aftercareEditor.untilDay')}
                  description={t('aftercareEditor.untilDayHint')}
                  value={step.untilDay}
                  onChange={(v) => setStep(i, { untilDay: v ?? '' })}
                  error={errors[`steps.${i}.untilDay`]}
                  data-testid="step-until"
                />
              </Group>
              <TextInput
                label={t('aftercareEditor.stepTitle')}
                value={step.title}
                onChange={(e) => setStep(i, { title: e.currentTarget.value })}
                error={errors[`steps.${i}.title`]}
                data-testid="step-title"
              />
              <Textarea
                label={t('aftercareEditor.instructions')}
                autosize
                minRows={2}
                value={step.instructions}
                onChange={(e) => setStep(i, { instructions: e.currentTarget.value })}
                error={errors[`steps.${i}.instructions`]}
                data-testid="step-instructions"
              />
              <Switch
                label={t('aftercareEditor.remind')}
                checked={step.remind}
                onChange={(e) => setStep(i, { remind: e.currentTarget.checked })}
                size="md"
                // The (invisible) input spans the root: a fingertip-high root makes a fingertip-high target.
                styles={{ root: { minHeight: 44, display: 'flex', alignItems: 'center' } }}
                data-testid="step-remind"
              />
            </Stack>
          </Paper>
        );
      })}
      <Group>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setSteps((steps) => [...steps, blankStep(steps[steps.length - 1])])}
          data-testid="add-step"
        >
          {t('aftercareEditor.addStep')}
        </Button>
      </Group>
      {errorCount > 0 && (
        <Alert color="red" role="alert" data-testid="aftercare-invalid">
          {t('aftercareEditor.fixFields', { count: errorCount })}
        </Alert>
      )}
      {publish.error && !(isApiRequestError(publish.error) && publish.error.fields.length > 0) && (
        <Alert color="red" role="alert">
          {describeError(publish.error, t)}
        </Alert>
      )}
      <Text size="sm" c="dimmed">
        {t('aftercareEditor.versionHint')}
      </Text>
      <StickyActions dialog>
        <Group justify="flex-end">
          <Button variant="default" onClick={requestClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={publish.isPending}
            disabled={!changed}
            onClick={submit}
            data-testid="publish-aftercare"
          >
            {t('aftercareEditor.publish', { version: template.version + 1 })}
          </Button>
        </Group>
      </StickyActions>
    </Stack>
  );
}
