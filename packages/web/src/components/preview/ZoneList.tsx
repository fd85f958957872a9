import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconArrowsExchange, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useZoneName } from '../../i18n/zone-name.js';
import { ZONE_DEFAULTS, type ScarCamouflageScore } from '@stipple/core';
import type { ZoneInput } from '../../preview/zone-editing.js';

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
  canMatch = false,
  scores = [],
}: {
  zones: ZoneInput[];
  selectedId: string | null;
  onSelect: (id: string) => void;
  onChange: (zone: ZoneInput) => void;
  onRemove: (id: string) => void;
  onFlipHairline: (id: string) => void;
  /** A photo analysis exists: a scar zone may take the follicle density measured round it. */
  canMatch?: boolean;
  /** The camouflage score of each scar zone from the last full-resolution render. */
  scores?: readonly ScarCamouflageScore[];
}) {
  const { t } = useTranslation();
  const zoneName = useZoneName();
  const selected = zones.find((z) => z.id === selectedId);
  const scoreOf = (id: string) => scores.find((c) => c.zoneId === id);
  const num = (v: string | number) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
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
            <NumberInput
              size="xs"
              label={t('editor.density')}
              min={1}
              max={200}
              disabled={selected.densityPerCm2 === 'match'}
              value={typeof selected.densityPerCm2 === 'number' ? selected.densityPerCm2 : ''}
              placeholder={String(ZONE_DEFAULTS.densityPerCm2)}
              onChange={(v) => set({ densityPerCm2: num(v) })}
              data-testid="zone-density"
            />
            <NumberInput
              size="xs"
              label={t('editor.dotSize')}
              // The plan gives the healed dot (0.1 mm); here it is the fresh one, about twice that.
              description={t('editor.dotSizeHint')}
              min={0.05}
              max={1}
              step={0.01}
              decimalScale={3}
              value={selected.dotDiameterMm ?? ''}
              placeholder={String(ZONE_DEFAULTS.dotDiameterMm[selected.kind])}
              onChange={(v) => set({ dotDiameterMm: num(v) })}
              data-testid="zone-dot"
            />
            <NumberInput
              size="xs"
              label={t('editor.shade')}
              description={t('editor.shadeHint')}
              min={10}
              max={60}
              value={selected.shade ?? selected.shadePerSession?.at(-1) ?? ''}
              placeholder={String(ZONE_DEFAULTS.shade)}
              onChange={(v) => set({ shade: num(v) })}
              data-testid="zone-shade"
            />
            <NumberInput
              size="xs"
              label={t('editor.feather')}
              min={0}
              max={30}
              step={0.5}
              value={selected.featherMm ?? ''}
              placeholder={String(ZONE_DEFAULTS.featherMm)}
              onChange={(v) => set({ featherMm: num(v) })}
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
              <NumberInput
                size="xs"
                label={t('editor.transition')}
                min={5}
                max={10}
                value={selected.transitionMm ?? ''}
                placeholder={String(ZONE_DEFAULTS.transitionMm)}
                onChange={(v) => set({ transitionMm: num(v) })}
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
