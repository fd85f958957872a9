import { Alert, Box, Button, Group, SegmentedControl, Slider, Stack, Text } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useZoneName } from '../../i18n/zone-name.js';
import type { Brush } from '../../preview/use-brush.js';
import type { DrawableKind, Point } from '../../preview/zone-editing.js';
import type { StageTool, View } from './ZoneStage.js';

/** Only the hint's controls take taps; a tap on its words goes through to the photo. */
const takesTaps = { pointerEvents: 'auto' } as const;
/** A touch this close above or below the hint counts as under it (a fingertip is ~44 px). */
const NEAR_PX = 22;

/**
 * The hints of the chosen tool float over the photo, so choosing a tool never pushes the photo
 * down. They stick to the foot of the part of the photo in sight; once the artist puts a point or
 * a stroke under them they move to its top (and back), so they do not stay where the finger works.
 */
export function StageHints({
  tool,
  drawingKind,
  points,
  canFinish,
  onCancelDrawing,
  onFinish,
  brush,
  view,
  lastTouch,
}: {
  tool: StageTool;
  drawingKind: DrawableKind | null;
  /** Points of the shape being drawn. */
  points: number;
  canFinish: boolean;
  onCancelDrawing: () => void;
  onFinish: () => void;
  brush: Brush;
  view: View;
  /** Where the artist last put a point or ended a stroke, in the stage's image pixels. */
  lastTouch: Point | null;
}) {
  const { t } = useTranslation();
  const zoneName = useZoneName();
  const { selectedZone } = brush;
  const box = useRef<HTMLDivElement>(null);
  const hint = useRef<HTMLDivElement>(null);
  const [atTop, setAtTop] = useState(false);
  // Only a touch under the hint (or just beside it) sends it to the other end of the photo in
  // sight; panning, zooming and work elsewhere leave it where the artist last saw it.
  useLayoutEffect(() => {
    const stage = box.current?.getBoundingClientRect();
    const shown = hint.current?.getBoundingClientRect();
    if (!lastTouch || !stage || !shown || shown.height === 0) return;
    const y = stage.top + view.ty + lastTouch[1] * view.scale;
    if (y >= shown.top - NEAR_PX && y <= shown.bottom + NEAR_PX) setAtTop((top) => !top);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [lastTouch]);
  return (
    <Box
      ref={box}
      pos="absolute"
      data-placement={atTop ? 'top' : 'bottom'}
      data-testid="stage-hints"
      style={{
        inset: 0,
        zIndex: 3,
        display: 'flex',
        flexDirection: 'column',
        justifyContent: atTop ? 'flex-start' : 'flex-end',
        pointerEvents: 'none',
      }}
    >
      <Box
        ref={hint}
        mx={8}
        my={18}
        style={
          atTop
            ? { position: 'sticky', top: 'calc(var(--app-shell-header-offset, 0px) + 8px)' }
            : { position: 'sticky', bottom: 8 }
        }
      >
        {drawingKind && (
          <Alert color="yellow" p="xs" data-testid="drawing-help" data-points={points}>
            <Group justify="space-between" gap="xs">
              <Text size="sm">
                {t(drawingKind === 'hairline' ? 'editor.drawLineHelp' : 'editor.drawHelp', {
                  count: points,
                })}
              </Text>
              <Group gap={6} style={takesTaps}>
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconX size={14} />}
                  onClick={onCancelDrawing}
                >
                  {t('common.cancel')}
                </Button>
                <Button
                  size="xs"
                  leftSection={<IconCheck size={14} />}
                  disabled={!canFinish}
                  onClick={onFinish}
                  data-testid="finish-shape"
                >
                  {t('editor.finish')}
                </Button>
              </Group>
            </Group>
          </Alert>
        )}
        {(tool === 'paint' || tool === 'erase') && (
          <Alert color={tool === 'paint' ? 'yellow' : 'red'} p="xs" data-testid="brush-help">
            <Stack gap={6}>
              <Text size="sm">
                {tool === 'erase'
                  ? selectedZone && selectedZone.kind !== 'hairline'
                    ? t('editor.eraseSelectedHelp', { zone: zoneName(selectedZone.id) })
                    : t('editor.eraseAnyHelp')
                  : brush.paintsNewZone
                    ? t('editor.paintNewHelp')
                    : t('editor.paintSelectedHelp', { zone: zoneName(selectedZone!.id) })}
              </Text>
              <Group gap="md" wrap="wrap" align="center">
                {brush.paintsNewZone && (
                  <SegmentedControl
                    style={takesTaps}
                    size="xs"
                    value={brush.brushKind}
                    onChange={(v) => brush.setBrushKind(v)}
                    data={(['scar', 'fill', 'exclude'] as const).map((kind) => ({
                      value: kind,
                      label: t(`editor.tools.${kind}`),
                    }))}
                    data-testid="brush-kind"
                  />
                )}
                <Group gap={8} style={{ flex: 1, minWidth: 220 }} wrap="nowrap">
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {t('editor.brushSize', { mm: brush.brushMm })}
                  </Text>
                  <Slider
                    style={{ flex: 1, ...takesTaps }}
                    min={0.5}
                    max={15}
                    step={0.5}
                    value={brush.brushMm}
                    onChange={brush.setBrushMm}
                    label={(v) => `${v} mm`}
                    aria-label={t('editor.brushSizeLabel')}
                    data-testid="brush-size"
                  />
                </Group>
              </Group>
            </Stack>
          </Alert>
        )}
      </Box>
    </Box>
  );
}
