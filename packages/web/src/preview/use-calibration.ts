import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { Calibration as ZonesCalibration, type Photo } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { rulerPxPerMm, type Point } from './zone-editing.js';
import { checkValue } from '../forms/validation-messages.js';

/** The rules of a zones file's scale (core's Calibration), which the editor's zones must keep. */
const [TYPED_SCALE, RULER_SCALE] = ZonesCalibration.options;

/**
 * Calibrating the photo: two points on a ruler in the picture and the millimetres between them, or
 * pixels per millimetre typed in. The ruler's points are in preview pixels (`k` per photo pixel);
 * the photo is calibrated in its own.
 */
export function useCalibration(photo: Photo, k: number, onCalibrated: () => void) {
  const { t } = useTranslation();
  const api = useApi();
  const queryClient = useQueryClient();
  const [ruler, setRuler] = useState<Point[]>([]);
  // As typed: a number, or the text when it is not one (refused beside the field, never rounded).
  const [rulerMm, setRulerMm] = useState<number | string | undefined>(10);
  const [typedPxPerMm, setTypedPxPerMm] = useState<number | string | undefined>(photo.pxPerMm ?? undefined);
  // Empty is refused too (the rule requires a value), but only said once something was typed.
  const rulerChecked = checkValue(RULER_SCALE.shape.ruler.shape.mm, rulerMm, t);
  const typedChecked = checkValue(TYPED_SCALE.shape.pxPerMm, typedPxPerMm, t);
  const rulerProblem = rulerMm === undefined || rulerChecked.ok ? undefined : rulerChecked.message;
  const typedProblem = typedPxPerMm === undefined || typedChecked.ok ? undefined : typedChecked.message;

  const calibrate = useMutation({
    mutationFn: (
      calibration:
        { pxPerMm: number } | { points: [{ x: number; y: number }, { x: number; y: number }]; mm: number },
    ) => api.updatePhoto(photo.id, { calibration }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['photo', updated.id], updated);
      setTypedPxPerMm(updated.pxPerMm ?? undefined);
      setRuler([]);
      onCalibrated();
      notifications.show({
        color: 'teal',
        message: t('editor.calibrated', { value: updated.pxPerMm?.toFixed(2) }),
      });
    },
  });
  const rulerValue =
    ruler.length === 2 && rulerChecked.ok ? rulerPxPerMm(ruler[0]!, ruler[1]!, rulerChecked.value) / k : null;

  return {
    ruler,
    /** A third point starts the ruler again. */
    addRulerPoint: (p: Point) => setRuler((r) => (r.length >= 2 ? [p] : [...r, p])),
    clearRuler: () => setRuler([]),
    rulerMm,
    setRulerMm,
    rulerProblem,
    rulerValue,
    applyRuler: () => {
      if (ruler.length === 2 && rulerChecked.ok)
        calibrate.mutate({
          points: [
            { x: ruler[0]![0] / k, y: ruler[0]![1] / k },
            { x: ruler[1]![0] / k, y: ruler[1]![1] / k },
          ],
          mm: rulerChecked.value,
        });
    },
    typedPxPerMm,
    setTypedPxPerMm,
    typedProblem,
    /** Only a number the server takes can be applied. */
    canApplyTyped: typedChecked.ok,
    applyTyped: () => {
      if (typedChecked.ok) calibrate.mutate({ pxPerMm: typedChecked.value });
    },
    calibrate,
  };
}

export type Calibration = ReturnType<typeof useCalibration>;
