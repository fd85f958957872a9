import { Alert, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../api/describe-error.js';
import { NumberField } from '../fields/NumberField.js';
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
            <NumberField
              size="xs"
              label={t('editor.rulerMm', { count: ruler.length })}
              value={rulerMm}
              onChange={calibration.setRulerMm}
              error={calibration.rulerProblem}
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
          <NumberField
            size="xs"
            label={t('editor.typePxPerMm')}
            value={typedPxPerMm}
            onChange={calibration.setTypedPxPerMm}
            error={calibration.typedProblem}
            w={130}
            data-testid="px-per-mm"
          />
          <Button
            size="xs"
            variant="light"
            disabled={!calibration.canApplyTyped}
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
