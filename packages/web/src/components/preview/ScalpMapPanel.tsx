import { Badge, Button, Group, Paper, SegmentedControl, Slider, Stack, Switch, Text } from '@mantine/core';
import { IconArrowBackUp, IconRestore } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CLASS_COLOURS } from '../../preview/scalp-map-editing.js';
import type { ScalpMapCorrection, ScalpMapTool } from '../../preview/use-scalp-map-correction.js';

const LEGEND = [
  { key: 'face', colour: CLASS_COLOURS[1]! },
  { key: 'bare', colour: CLASS_COLOURS[2]! },
  { key: 'hair', colour: CLASS_COLOURS[3]! },
] as const;

/**
 * The controls of the head and scalp map: show it, the tools that correct it (tap a region, add or
 * erase with a brush), brush size, undo, back to the automatic map, and what the map says now.
 */
export function ScalpMapPanel({ map }: { map: ScalpMapCorrection }) {
  const { t } = useTranslation();
  const tools: ScalpMapTool[] = ['off', 'tap', 'add', 'erase'];
  return (
    <Paper withBorder radius="md" p="sm" data-testid="scalp-map-panel">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Text fw={600}>{t('scalpMap.title')}</Text>
          {map.automatic && (
            <Badge color={map.corrected ? 'grape' : 'gray'} variant="light" data-testid="scalp-map-source">
              {map.corrected ? t('scalpMap.corrected') : t('scalpMap.automatic')}
            </Badge>
          )}
        </Group>
        {!map.automatic ? (
          <Text size="sm" c="dimmed" data-testid="scalp-map-none">
            {map.loading ? t('common.loading') : t('scalpMap.none')}
          </Text>
        ) : (
          <>
            <Switch
              checked={map.visible}
              onChange={(e) => map.setVisible(e.currentTarget.checked)}
              label={t('scalpMap.show')}
              data-testid="scalp-map-visible"
            />
            <Group gap="md">
              {LEGEND.map((l) => (
                <Group key={l.key} gap={6} wrap="nowrap">
                  <span
                    aria-hidden
                    style={{
                      width: 14,
                      height: 14,
                      borderRadius: 3,
                      background: `rgba(${l.colour[0]}, ${l.colour[1]}, ${l.colour[2]}, 0.8)`,
                    }}
                  />
                  <Text size="xs">{t(`scalpMap.classes.${l.key}`)}</Text>
                </Group>
              ))}
            </Group>
            <SegmentedControl
              fullWidth
              value={map.tool}
              onChange={(v) => map.setTool(v)}
              data={tools.map((tool) => ({ value: tool, label: t(`scalpMap.tools.${tool}`) }))}
              aria-label={t('scalpMap.toolsLabel')}
              data-testid="scalp-map-tool"
            />
            <Text size="xs" c="dimmed">
              {t(`scalpMap.help.${map.tool}`)}
            </Text>
            {(map.tool === 'add' || map.tool === 'erase') && (
              <Group gap="xs" wrap="nowrap">
                <Text size="sm">{t('scalpMap.brushSize')}</Text>
                <Slider
                  style={{ flex: 1 }}
                  min={1}
                  max={12}
                  step={0.5}
                  value={map.brushRadius}
                  onChange={map.setBrushRadius}
                  label={null}
                  aria-label={t('scalpMap.brushSize')}
                  data-testid="scalp-map-brush-size"
                />
              </Group>
            )}
            <Group gap="xs">
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<IconArrowBackUp size={16} aria-hidden />}
                onClick={map.undo}
                disabled={!map.canUndo}
                data-testid="scalp-map-undo"
              >
                {t('scalpMap.undo')}
              </Button>
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<IconRestore size={16} aria-hidden />}
                onClick={map.reset}
                disabled={!map.corrected}
                data-testid="scalp-map-reset"
              >
                {t('scalpMap.reset')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed" data-testid="scalp-map-share">
              {t('scalpMap.share', { percent: Math.round(100 * (map.scalpShare ?? 0)) })}
              {map.dirty ? ` · ${t('scalpMap.saveWithZones')}` : ''}
            </Text>
          </>
        )}
      </Stack>
    </Paper>
  );
}
