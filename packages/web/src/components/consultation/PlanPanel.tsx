import { useMemo, useState } from 'react';
import { Alert, Badge, Button, Center, Group, Loader, Modal, Paper, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconHistory, IconRefresh, IconSparkles, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  localisePlan,
  safeApplyPlanOverrides,
  type Consultation,
  type Plan,
  type PlanOverrideRequest,
  type PlanVersion,
} from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { isApiRequestError } from '../../api/api-error.js';
import { describeError } from '../../api/describe-error.js';
import { translateIssue } from '../../forms/validation-messages.js';
import { useSignedInSession } from '../../api/session.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { OverrideModal, type OverrideTarget } from './OverrideModal.js';
import { ELIGIBILITY_COLOURS, PlanDocument } from './PlanDocument.js';
import { useUnsavedChanges } from '../UnsavedChanges.js';

const requestOf = (p: Plan): PlanOverrideRequest[] =>
  p.overrides.map((o) => ({ path: o.path, value: o.value, reason: o.reason }));

/**
 * "Make the plan" (the rules on the server, as the CLI runs them), the plan with every reason,
 * the artist's overrides with their reasons, "Save the plan" as a new version, and the history.
 */
export function PlanPanel({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const me = useSignedInSession().user;
  const latestId = consultation.latestPlan?.id ?? null;
  const plan = useQuery({
    queryKey: ['plan', latestId],
    queryFn: () => api.getPlan(latestId!),
    enabled: Boolean(latestId),
  });
  const history = useQuery({
    queryKey: ['plans', consultation.id, latestId],
    queryFn: () => api.listPlans(consultation.id),
    enabled: Boolean(latestId),
  });
  const [edits, setEdits] = useState<PlanOverrideRequest[] | null>(null);
  const [editing, setEditing] = useState<OverrideTarget | null>(null);
  const [viewing, setViewing] = useState<string | null>(null);

  const saved = plan.data?.plan;
  // The plan with a list of edits: the same applyPlanOverrides the server runs.
  const withEdits = useMemo(() => {
    if (!saved) return null;
    const base: Plan = { ...(saved.ruleOutput ?? saved), overrides: [] };
    delete (base as Partial<Plan>).ruleOutput;
    const previous = new Map(saved.overrides.map((o) => [o.path, o]));
    return (list: PlanOverrideRequest[]) => {
      const now = new Date().toISOString();
      return safeApplyPlanOverrides(
        base,
        list.map((e) => {
          const kept = previous.get(e.path);
          const same =
            kept && JSON.stringify(kept.value) === JSON.stringify(e.value) && kept.reason === e.reason;
          return { ...e, by: same ? kept.by : { id: me.id, name: me.name }, at: same ? kept.at : now };
        }),
      );
    };
  }, [saved, me]);
  const shown = useMemo(() => {
    if (!saved || !edits || !withEdits) return { plan: saved, error: null };
    const result = withEdits(edits);
    return result.success
      ? { plan: result.data, error: null }
      : { plan: saved, error: result.error.issues[0] ?? null };
  }, [saved, edits, withEdits]);
  // The plan in the artist's language: the same rules with their translated texts, same numbers.
  const assessment = plan.data?.assessment;
  const display = useMemo(
    () => (shown.plan && assessment ? localisePlan(shown.plan, assessment, locale) : shown.plan),
    [shown.plan, assessment, locale],
  );

  /** What is wrong with one more edit, in words beside the value (undefined when the plan takes it). */
  const check = (path: string, value: unknown, reason: string): string | undefined => {
    if (!withEdits || !saved) return undefined;
    const list = (edits ?? requestOf(saved)).filter((e) => e.path !== path);
    const result = withEdits([...list, { path, value: value as PlanOverrideRequest['value'], reason }]);
    if (result.success) return undefined;
    const mine = result.error.issues.find((i) => i.path[1] === list.length) ?? result.error.issues[0];
    return mine ? translateIssue(mine, t) : undefined;
  };

  const pending = useMemo(() => {
    if (!saved || !edits) return new Set<string>();
    const before = new Map(saved.overrides.map((o) => [o.path, JSON.stringify([o.value, o.reason])]));
    return new Set(
      edits.filter((e) => before.get(e.path) !== JSON.stringify([e.value, e.reason])).map((e) => e.path),
    );
  }, [saved, edits]);
  useUnsavedChanges(pending.size > 0);

  const stored = (version: PlanVersion) => {
    queryClient.setQueryData(['plan', version.id], version);
    void queryClient.invalidateQueries({ queryKey: ['consultation', consultation.id] });
    void queryClient.invalidateQueries({ queryKey: ['consultations'] });
    setEdits(null);
  };

  const make = useMutation({
    mutationFn: () =>
      api.savePlan(consultation.id, {
        basedOnVersion: consultation.latestPlan?.version ?? 0,
        overrides: saved ? requestOf(saved) : [],
      }),
    onSuccess: (version) => {
      stored(version);
      notifications.show({ color: 'teal', message: t('plan.made', { version: version.version }) });
    },
  });
  const save = useMutation({
    mutationFn: () =>
      api.savePlan(consultation.id, {
        basedOnVersion: consultation.latestPlan?.version ?? 0,
        overrides: edits ?? [],
      }),
    onSuccess: (version) => {
      stored(version);
      notifications.show({ color: 'teal', message: t('plan.saved', { version: version.version }) });
    },
  });

  const edit = (path: string, value: unknown, reason: string) =>
    setEdits((current) => {
      const list = (current ?? (saved ? requestOf(saved) : [])).filter((e) => e.path !== path);
      return [...list, { path, value: value as PlanOverrideRequest['value'], reason }];
    });
  const removeEdit = (path: string) =>
    setEdits((current) => (current ?? (saved ? requestOf(saved) : [])).filter((e) => e.path !== path));

  if (!latestId) {
    return (
      <Paper withBorder radius="md" p="lg">
        <Stack align="flex-start">
          <Text>{t('plan.none')}</Text>
          {make.isError && (
            <Alert color="red" role="alert" w="100%">
              {describeError(make.error, t)}
            </Alert>
          )}
          <Button
            leftSection={<IconSparkles size={18} aria-hidden />}
            onClick={() => make.mutate()}
            loading={make.isPending}
            data-testid="make-plan"
          >
            {t('plan.make')}
          </Button>
        </Stack>
      </Paper>
    );
  }
  if (plan.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (plan.isError || !shown.plan || !display) {
    return <Alert color="red">{describeError(plan.error, t)}</Alert>;
  }
  const summary = consultation.latestPlan!;
  const saveError = save.error ?? make.error;

  return (
    <Stack gap="md">
      <Paper withBorder radius="md" p="sm">
        <Group justify="space-between" gap="sm">
          <Group gap="sm">
            <Badge size="lg" variant="light" data-testid="plan-version">
              {t('plan.version', { version: summary.version })}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('plan.savedBy', {
                name: summary.createdBy?.name ?? '—',
                when: formatDateTime(summary.createdAt, locale),
              })}{' '}
              · {t('plan.rules', { version: shown.plan.rulesVersion })}
            </Text>
          </Group>
          <Group gap="xs">
            <Button
              variant="default"
              leftSection={<IconHistory size={16} aria-hidden />}
              onClick={() => setViewing('history')}
              data-testid="plan-history"
            >
              {t('plan.history', { count: history.data?.items.length ?? summary.version })}
            </Button>
            <Button
              variant={summary.stale ? 'filled' : 'default'}
              color={summary.stale ? 'orange' : undefined}
              leftSection={<IconRefresh size={16} aria-hidden />}
              onClick={() => make.mutate()}
              loading={make.isPending}
              disabled={edits !== null}
              data-testid="remake-plan"
            >
              {t('plan.remake')}
            </Button>
          </Group>
        </Group>
        {summary.stale && (
          <Alert color="orange" mt="sm" data-testid="plan-stale">
            {t('plan.stale')}
          </Alert>
        )}
      </Paper>

      {edits !== null && (
        <Paper
          withBorder
          radius="md"
          p="sm"
          style={{ position: 'sticky', top: 64, zIndex: 5, borderColor: 'var(--mantine-color-orange-5)' }}
          data-testid="plan-pending"
        >
          <Group justify="space-between">
            <Text size="sm">{t('plan.pending', { count: pending.size })}</Text>
            <Group gap="xs">
              <Button
                variant="default"
                leftSection={<IconX size={16} aria-hidden />}
                onClick={() => setEdits(null)}
              >
                {t('plan.discard')}
              </Button>
              <Button
                leftSection={<IconDeviceFloppy size={16} aria-hidden />}
                onClick={() => save.mutate()}
                loading={save.isPending}
                disabled={Boolean(shown.error)}
                data-testid="save-plan"
              >
                {t('plan.save')}
              </Button>
            </Group>
          </Group>
          {shown.error && (
            <Alert color="red" mt="xs">
              {translateIssue(shown.error, t)}
            </Alert>
          )}
        </Paper>
      )}
      {saveError && (
        <Alert color="red" role="alert">
          {isApiRequestError(saveError) && saveError.status === 409
            ? t('plan.conflict')
            : describeError(saveError, t)}
        </Alert>
      )}

      <PlanDocument
        plan={display}
        pending={pending}
        onEdit={(e) =>
          setEditing({
            path: e.path,
            label: e.label,
            ruleValue: e.ruleValue,
            current: e.current,
            reason: edits?.find((x) => x.path === e.path)?.reason ?? e.override?.reason ?? '',
          })
        }
      />

      {editing && (
        <OverrideModal
          target={editing}
          onClose={() => setEditing(null)}
          onApply={(value, reason) => {
            edit(editing.path, value, reason);
            setEditing(null);
          }}
          validate={(value, reason) => check(editing.path, value, reason)}
          {...(shown.plan.overrides.some((o) => o.path === editing.path)
            ? {
                onRemove: () => {
                  removeEdit(editing.path);
                  setEditing(null);
                },
              }
            : {})}
        />
      )}

      <Modal
        opened={viewing !== null}
        onClose={() => setViewing(null)}
        title={t('plan.historyTitle')}
        size="xl"
      >
        {viewing === 'history' ? (
          <Table data-testid="plan-history-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('plan.versionColumn')}</Table.Th>
                <Table.Th>{t('plan.savedColumn')}</Table.Th>
                <Table.Th>{t('plan.eligibility')}</Table.Th>
                <Table.Th>{t('plan.overrideCount')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {history.data?.items.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>{v.version}</Table.Td>
                  <Table.Td>
                    {v.createdBy?.name ?? '—'}, {formatDateTime(v.createdAt, locale)}
                  </Table.Td>
                  <Table.Td>
                    <Badge color={ELIGIBILITY_COLOURS[v.eligibility]} variant="light">
                      {t(`eligibility.${v.eligibility}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{v.overrideCount}</Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="subtle" onClick={() => setViewing(v.id)}>
                      {t('common.open')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : viewing ? (
          <HistoricPlan id={viewing} onBack={() => setViewing('history')} />
        ) : null}
      </Modal>
    </Stack>
  );
}

function HistoricPlan({ id, onBack }: { id: string; onBack: () => void }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const version = useQuery({ queryKey: ['plan', id], queryFn: () => api.getPlan(id) });
  return (
    <Stack>
      <Button variant="subtle" onClick={onBack} w="fit-content">
        {t('common.back')}
      </Button>
      {version.data ? (
        <>
          <Text fw={600}>{t('plan.version', { version: version.data.version })}</Text>
          <PlanDocument plan={localisePlan(version.data.plan, version.data.assessment, locale)} />
        </>
      ) : (
        <Loader />
      )}
    </Stack>
  );
}
