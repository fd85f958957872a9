import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconArrowsExchange, IconTrash } from '@tabler/icons-react';
import type { Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { NumberField } from '../fields/NumberField.js';
import { checkValue } from '../../forms/validation-messages.js';
import { useZoneName } from '../../i18n/zone-name.js';
import { FillZone, HairlineZone, ZONE_DEFAULTS, type ScarCamouflageScore } from '@stipple/core';
import type { ZoneInput } from '../../preview/zone-editing.js';

/** The zone values an artist types, each checked by the zones file's own rule (core's zones.schema). */
const RULES = {
  densityPerCm2: FillZone.shape.densityPerCm2,
  dotDiameterMm: FillZone.shape.dotDiameterMm,
  shade: FillZone.shape.shade,
  featherMm: FillZone.shape.featherMm,
  transitionMm: HairlineZone.shape.transitionMm,
};
type TypedField = keyof typeof RULES;
const typedKey = (zoneId: string, field: TypedField) => JSON.stringify([zoneId, field]);

/**
 * What was typed into a zone's values and refused, per zone and field: kept in the field as typed
 * with the reason beside it, while the zone (and its preview) keeps its last good value. Held by
 * the page, which may not save while any is left, and which keeps it while the list is not shown.
 */
export type RefusedValues = Record<string, number | string>;

/** Whether a value typed into one of these zones is refused (a removed zone's do not count). */
export function refusesAny(refused: RefusedValues, zones: readonly { id: string }[]): boolean {
  return Object.keys(refused).some((key) => zones.some((z) => z.id === (JSON.parse(key) as string[])[0]));
}

const KIND_COLOURS: Record<ZoneInput['kind'], string> = {
  fill: 'blue',
  scar: 'pink',
  exclude: 'gray',
  hairline: 'green',
};

/**
 * The zones drawn so far; the selected one's values (prefilled from the plan) can be changed. A value
 * left empty shows, greyed, the default the renderer uses.
 */
export function ZoneList({
  zones,
  selectedId,
  onSelect,
  onChange,
  onRemove,
  onFlipHairline,
  refused,
  onRefusedChange,
  canMatch = false,
  scores = [],
}: {
  zones: ZoneInput[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onChange: (zone: ZoneInput) => void;
  onRemove: (id: string) => void;
  onFlipHairline: (id: string) => void;
  refused: RefusedValues;
  onRefusedChange: Dispatch<SetStateAction<RefusedValues>>;
  /** A photo analysis exists: a scar zone may take the follicle density measured round it. */
  canMatch?: boolean;
  /** The camouflage score of each scar zone from the last full-resolution render. */
  scores?: readonly ScarCamouflageScore[];
}) {
  const { t } = useTranslation();
  const zoneName = useZoneName();
  const selected = zones.find((z) => z.id === selectedId);
  const scoreOf = (id: string) => scores.find((c) => c.zoneId === id);
  const set = (patch: Record<string, unknown>) => {
    if (!selected) return;
    const next: Record<string, unknown> = { ...selected };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete next[k];
      else next[k] = v;
    }
    // A single shade replaces the per-session shades the plan gave.
    if ('shade' in patch) delete next.shadePerSession;
    onChange(next as ZoneInput);
  };

  /** Props of the number field of `field` of the selected zone, whose value is `current`. */
  const typed = (field: TypedField, current: number | undefined) => {
    const key = typedKey(selected?.id ?? '', field);
    const shown = key in refused ? refused[key] : current;
    const checked = key in refused ? checkValue(RULES[field], refused[key], t) : null;
    return {
      value: shown,
      error: checked && !checked.ok ? checked.message : undefined,
      onChange: (v: number | string | undefined) => {
        if (!checkValue(RULES[field], v, t).ok) {
          onRefusedChange((r) => ({ ...r, [key]: v! }));
          return;
        }
        onRefusedChange(({ [key]: _, ...rest }) => rest);
        set({ [field]: v });
      },
    };
  };

  return (
    <Stack gap="xs" data-testid="zone-list">
      {zones.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('editor.noZones')}
        </Text>
      )}
      {zones.map((z) => (
        <Group
          key={z.id}
          gap="xs"
          justify="space-between"
          wrap="nowrap"
          p={6}
          style={{
            borderRadius: 6,
            cursor: 'pointer',
            background: z.id === selectedId ? 'var(--mantine-color-gray-1)' : undefined,
          }}
          onClick={() => onSelect(z.id)}
          data-testid={`zone-row-${z.id}`}
        >
          <Group gap="xs" style={{ flex: 1, minWidth: 0 }}>
            <Badge color={KIND_COLOURS[z.kind]} variant="light">
              {t(`zoneKinds.${z.kind}`)}
            </Badge>
            <Text size="sm" data-testid={`zone-name-${z.id}`}>
              {zoneName(z.id)}
            </Text>
            {scoreOf(z.id) && (
              <Tooltip label={t('editor.scoreHint')} multiline w={240} withinPortal>
                <Badge variant="outline" color="teal" tt="none" data-testid={`zone-score-${z.id}`}>
                  {t('editor.score', {
                    before: scoreOf(z.id)!.before.deltaE00.toFixed(1),
                    after: scoreOf(z.id)!.after.deltaE00.toFixed(1),
                  })}
                </Badge>
              </Tooltip>
            )}
          </Group>
          <ActionIcon
            variant="subtle"
            color="red"
            aria-label={t('editor.removeZone', { id: zoneName(z.id) })}
            onClick={(e) => {
              e.stopPropagation();
              onRemove(z.id);
            }}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      {selected && selected.kind !== 'exclude' && (
        <Paper withBorder radius="sm" p="xs" data-testid="zone-values">
          {selected.kind === 'scar' && (canMatch || selected.densityPerCm2 === 'match') && (
            <Checkbox
              size="xs"
              mb="xs"
              label={t('editor.matchDensity')}
              checked={selected.densityPerCm2 === 'match'}
              onChange={(e) => set({ densityPerCm2: e.currentTarget.checked ? 'match' : 70 })}
              data-testid="zone-match"
            />
          )}
          <SimpleGrid cols={2} spacing="xs">
            <NumberField
              size="xs"
              label={t('editor.density')}
              disabled={selected.densityPerCm2 === 'match'}
              {...typed(
                'densityPerCm2',
                typeof selected.densityPerCm2 === 'number' ? selected.densityPerCm2 : undefined,
              )}
              placeholder={String(ZONE_DEFAULTS.densityPerCm2)}
              data-testid="zone-density"
            />
            <NumberField
              size="xs"
              label={t('editor.dotSize')}
              // The plan gives the healed dot (0.1 mm); here it is the fresh one, about twice that.
              description={t('editor.dotSizeHint')}
              {...typed('dotDiameterMm', selected.dotDiameterMm)}
              placeholder={String(ZONE_DEFAULTS.dotDiameterMm[selected.kind])}
              data-testid="zone-dot"
            />
            <NumberField
              size="xs"
              label={t('editor.shade')}
              description={t('editor.shadeHint')}
              {...typed('shade', selected.shade ?? selected.shadePerSession?.at(-1))}
              placeholder={String(ZONE_DEFAULTS.shade)}
              data-testid="zone-shade"
            />
            <NumberField
              size="xs"
              label={t('editor.feather')}
              {...typed('featherMm', selected.featherMm)}
              placeholder={String(ZONE_DEFAULTS.featherMm)}
              data-testid="zone-feather"
            />
            {selected.kind === 'scar' && (
              <Select
                size="xs"
                label={t('editor.texture')}
                data={(['flat', 'raised', 'atrophic', 'keloid'] as const).map((v) => ({
                  value: v,
                  label: t(`scarTextures.${v}`),
                }))}
                value={selected.texture ?? 'flat'}
                onChange={(v) => set({ texture: v ?? undefined })}
                comboboxProps={{ withinPortal: true }}
              />
            )}
            {selected.kind === 'hairline' && (
              <NumberField
                size="xs"
                label={t('editor.transition')}
                {...typed('transitionMm', selected.transitionMm)}
                placeholder={String(ZONE_DEFAULTS.transitionMm)}
                data-testid="zone-transition"
              />
            )}
          </SimpleGrid>
          {selected.kind === 'hairline' && (
            <Button
              size="xs"
              variant="subtle"
              mt="xs"
              leftSection={<IconArrowsExchange size={14} aria-hidden />}
              onClick={() => onFlipHairline(selected.id)}
            >
              {t('editor.flipHairSide')}
            </Button>
          )}
        </Paper>
      )}
    </Stack>
  );
}
