// One value of a plan as the artist reads it: the value, the rule's value struck through when it
// was overridden (who, when and why in a tooltip), and a pencil that opens the edit when editing.
import type { ReactNode } from 'react';
import { ActionIcon, Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AppliedPlanOverride, Plan } from '@stipple/core';
import { formatDateTime } from '../../i18n/format.js';
import { useLocale } from '../../i18n/use-ui-locale.js';

export interface ValueEdit {
  path: string;
  label: string;
  ruleValue: unknown;
  current: unknown;
  override: AppliedPlanOverride | undefined;
}

export interface ValueShown {
  path: string;
  label: string;
  value: unknown;
  format?: (v: unknown) => string;
  /** The value already shows beside it (the decision badge): repeat it only once overridden. */
  shownBeside?: boolean;
}

/** Renders one value of the plan at its path (the sections call it for each value they show). */
export type RenderValue = (shown: ValueShown) => ReactNode;

/** A plan value as text: plain values as they are, anything else as JSON. */
export function formatPlanValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  return JSON.stringify(value);
}

/** The renderer of the plan's values, with its overrides, pending changes and edit action. */
export function usePlanValue(
  plan: Plan,
  pending: ReadonlySet<string> | undefined,
  onEdit: ((edit: ValueEdit) => void) | undefined,
): RenderValue {
  const { t } = useTranslation();
  const locale = useLocale();
  const rules = plan.ruleOutput ?? plan;
  const overrides = new Map(plan.overrides.map((o) => [o.path, o]));

  const ruleValueAt = (path: string): unknown =>
    path
      .split('.')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], rules);

  return ({ path, label, value, format, shownBeside }: ValueShown) => {
    const o = overrides.get(path);
    const show = (v: unknown) =>
      v === null || v === undefined ? '—' : format ? format(v) : formatPlanValue(v);
    return (
      <Group gap={6} wrap="nowrap" data-testid={`value-${path}`}>
        {o && (
          <Text span size="sm" c="dimmed" td="line-through" data-testid={`rule-value-${path}`}>
            {show(o.ruleValue)}
          </Text>
        )}
        {(o || !shownBeside) && (
          <Text span fw={600} c={o ? 'grape' : undefined}>
            {show(value)}
          </Text>
        )}
        {o && (
          <Tooltip
            multiline
            w={280}
            withinPortal
            label={t('plan.overrideBy', {
              name: o.by.name,
              when: formatDateTime(o.at, locale),
              reason: o.reason,
            })}
          >
            <Badge
              size="xs"
              color={pending?.has(path) ? 'orange' : 'grape'}
              variant="light"
              data-testid={`override-${path}`}
            >
              {pending?.has(path) ? t('plan.unsavedChange') : t('plan.changed')}
            </Badge>
          </Tooltip>
        )}
        {onEdit && (
          <ActionIcon
            variant="subtle"
            size="sm"
            aria-label={t('plan.editValue', { label })}
            onClick={() => onEdit({ path, label, ruleValue: ruleValueAt(path), current: value, override: o })}
            data-testid={`edit-${path}`}
          >
            <IconPencil size={14} />
          </ActionIcon>
        )}
      </Group>
    );
  };
}
