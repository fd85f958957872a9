import { ActionIcon, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import {
  SCALP_REGIONS,
  SCAR_CAUSES,
  SCAR_COLOURS,
  SCAR_TEXTURES,
  scarDisplayName,
  type AssessmentScar,
} from '@stipple/core';
import { scalpRegionAt } from '../../consultation/scalp-regions.js';
import type { FieldErrors } from '../../forms/schema-form.js';
import { formatIsoDate } from '../../i18n/format.js';
import { NumberField } from '../fields/NumberField.js';
import { useLocale } from '../../i18n/use-ui-locale.js';
import { ScalpDiagram } from './ScalpDiagram.js';
import type { MeasuredDensity } from './useMeasuredDensities.js';

export type ScarDraft = AssessmentScar;

type NumericKey =
  | 'lengthMm'
  | 'widthMm'
  | 'ageMonths'
  | 'count'
  | 'donorAreaLengthMm'
  | 'donorAreaWidthMm'
  | 'surroundingHairDensityPerCm2';

/**
 * One scar: cause, size, texture, colour, age, FUE count, the hair density around it (typed, or
 * taken from a photo analysis), and where it is on the scalp.
 */
export function ScarCard({
  index,
  scar,
  others,
  errors,
  onChange,
  onRemove,
  measured = [],
}: {
  index: number;
  scar: ScarDraft;
  others: readonly ScarDraft[];
  errors: FieldErrors;
  onChange: (scar: ScarDraft) => void;
  onRemove: () => void;
  /** Densities the photo analysis measured on the client's photos, to take as the density around it. */
  measured?: readonly MeasuredDensity[];
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const set = <K extends keyof ScarDraft>(key: K, value: ScarDraft[K] | undefined) => {
    const next = { ...scar };
    if (value === undefined || value === null) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  // What was typed goes into the draft as it is (text that is not a number included): the shared
  // schema then names what is wrong beside the field, and nothing is clamped or rounded.
  const setNumber = (key: NumericKey, value: number | string | undefined) =>
    set(key, value as ScarDraft[NumericKey]);
  const err = (field: string) => errors[`scars.${index}.${field}`];
  const numberField = (key: NumericKey, label: string, testId: string, placeholder?: string) => (
    <NumberField
      label={label}
      placeholder={placeholder}
      value={scar[key]}
      onChange={(v) => setNumber(key, v)}
      error={err(key)}
      data-testid={`scar-${index}-${testId}`}
    />
  );
  const marks = others.flatMap((s, i) =>
    s.location?.point ? [{ ...s.location.point, label: String(i + 1), active: i === index }] : [],
  );

  return (
    <Paper withBorder radius="md" p="sm" data-testid={`scar-${index}`}>
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <Badge size="lg" variant="filled" color="grape">
            {index + 1}
          </Badge>
          <Text fw={600} data-testid={`scar-${index}-name`}>
            {scarDisplayName(scar.id ?? `scar-${index + 1}`, locale)}
          </Text>
        </Group>
        <ActionIcon
          variant="subtle"
          color="red"
          size="lg"
          onClick={onRemove}
          aria-label={t('assessment.removeScar')}
        >
          <IconTrash size={18} />
        </ActionIcon>
      </Group>
      <Group align="flex-start" gap="md" wrap="wrap">
        <Stack gap={4} align="center">
          <ScalpDiagram
            marks={marks}
            size={200}
            testId={`scar-${index}-diagram`}
            onPick={(p) => onChange({ ...scar, location: { region: scalpRegionAt(p.x, p.y), point: p } })}
          />
          <Text size="xs" c="dimmed" maw={200} ta="center">
            {t('assessment.diagram.tap')}
          </Text>
        </Stack>
        <SimpleGrid cols={{ base: 1, xs: 2, xl: 3 }} style={{ flex: 1, minWidth: 260 }}>
          <Select
            label={t('assessment.cause')}
            data={SCAR_CAUSES.map((c) => ({ value: c, label: t(`scarCauses.${c}`) }))}
            value={scar.cause}
            onChange={(v) => v && onChange({ ...scar, cause: v })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            error={err('cause')}
            data-testid={`scar-${index}-cause`}
          />
          <Select
            label={t('assessment.texture')}
            data={SCAR_TEXTURES.map((c) => ({ value: c, label: t(`scarTextures.${c}`) }))}
            value={scar.texture}
            onChange={(v) => v && onChange({ ...scar, texture: v })}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            error={err('texture')}
            data-testid={`scar-${index}-texture`}
          />
          <Select
            label={t('assessment.colour')}
            placeholder={t('assessment.notRecorded')}
            data={SCAR_COLOURS.map((c) => ({ value: c, label: t(`scarColours.${c}`) }))}
            value={scar.colour ?? null}
            onChange={(v) => set('colour', (v as ScarDraft['colour']) ?? undefined)}
            clearable
            comboboxProps={{ withinPortal: true }}
            data-testid={`scar-${index}-colour`}
          />
          {numberField(
            'lengthMm',
            scar.cause === 'fue' ? t('assessment.dotDiameterMm') : t('assessment.lengthMm'),
            'length',
          )}
          {scar.cause !== 'fue' && numberField('widthMm', t('assessment.widthMm'), 'width')}
          {numberField('ageMonths', t('assessment.ageMonths'), 'age')}
          {scar.cause === 'fue' && (
            <>
              {numberField('count', t('assessment.count'), 'count')}
              {numberField('donorAreaLengthMm', t('assessment.donorAreaLengthMm'), 'donor-length')}
              {numberField('donorAreaWidthMm', t('assessment.donorAreaWidthMm'), 'donor-width')}
            </>
          )}
          <Stack gap={4}>
            {numberField(
              'surroundingHairDensityPerCm2',
              t('assessment.surroundingDensity'),
              'density',
              t('assessment.notRecorded'),
            )}
            {measured.slice(0, 3).map((m) => (
              <Button
                key={m.photoId}
                size="compact-xs"
                variant="light"
                onClick={() => set('surroundingHairDensityPerCm2', m.perCm2)}
                data-testid={`scar-${index}-use-density-${m.photoId}`}
              >
                {t('assessment.useMeasured', {
                  perCm2: m.perCm2,
                  view: t(`photoViews.${m.view}`),
                  date: formatIsoDate(m.takenOn, locale),
                })}
              </Button>
            ))}
          </Stack>
          <Select
            label={t('assessment.region')}
            placeholder={t('assessment.tapDiagram')}
            data={SCALP_REGIONS.map((r) => ({ value: r, label: t(`scalpRegions.${r}`) }))}
            value={scar.location?.region ?? null}
            onChange={(v) =>
              onChange(
                v
                  ? { ...scar, location: { ...scar.location, region: v } }
                  : (({ location: _l, ...rest }) => rest)(scar),
              )
            }
            clearable
            comboboxProps={{ withinPortal: true }}
            error={err('location')}
            data-testid={`scar-${index}-region`}
          />
        </SimpleGrid>
      </Group>
    </Paper>
  );
}
