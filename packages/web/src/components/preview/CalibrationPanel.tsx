import { Alert, Badge, Button, Group, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/describe-error.js';
import type { Calibration } from '../../preview/use-calibration.js';

/** The photo's scale: the ruler's two points and their millimetres (while the ruler is the tool), or typed. */
export function CalibrationPanel({
  pxPerMm,
  rulerActive,
  calibration,
}: {
  pxPerMm: number | null;
  rulerActive: boolean;
  calibration: Calibration;
}) {
  const { t } = useTranslation();
  const { ruler, rulerMm, rulerValue, typedPxPerMm, calibrate } = calibration;
  return (
    <Paper withBorder radius="md" p="sm" data-testid="calibration-panel">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t('editor.calibration')}</Text>
          {pxPerMm !== null ? (
            <Badge color="teal" data-testid="calibration-value">
              {pxPerMm.toFixed(2)} px/mm
            </Badge>
          ) : (
            <Badge color="orange">{t('editor.notCalibrated')}</Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('editor.calibrationHint')}
        </Text>
        {rulerActive && (
          <Group align="flex-end" gap="xs">
            <NumberInput
              size="xs"
              label={t('editor.rulerMm', { count: ruler.length })}
              min={0.1}
              max={1000}
              value={rulerMm}
              onChange={(v) => calibration.setRulerMm(typeof v === 'number' ? v : '')}
              w={130}
              data-testid="ruler-mm"
            />
            <Button
              size="xs"
              disabled={rulerValue === null}
              loading={calibrate.isPending}
              onClick={calibration.applyRuler}
              data-testid="apply-ruler"
            >
              {rulerValue
                ? t('editor.applyRuler', { value: rulerValue.toFixed(2) })
                : t('editor.pickTwoPoints')}
            </Button>
          </Group>
        )}
        <Group align="flex-end" gap="xs">
          <NumberInput
            size="xs"
            label={t('editor.typePxPerMm')}
            min={0.5}
            max={400}
            decimalScale={3}
            value={typedPxPerMm}
            onChange={(v) => calibration.setTypedPxPerMm(typeof v === 'number' ? v : '')}
            w={130}
            data-testid="px-per-mm"
          />
          <Button
            size="xs"
            variant="light"
            disabled={typeof typedPxPerMm !== 'number' || typedPxPerMm <= 0}
            onClick={calibration.applyTyped}
            data-testid="apply-px-per-mm"
          >
            {t('editor.apply')}
          </Button>
        </Group>
        {calibrate.isError && <Alert color="red">{describeError(calibrate.error, t)}</Alert>}
      </Stack>
    </Paper>
  );
}
