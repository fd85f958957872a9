import { Button, Group, Tooltip } from '@mantine/core';
import {
  IconBrush,
  IconEraser,
  IconHandMove,
  IconLine,
  IconPointer,
  IconPolygon,
  IconRuler2,
  IconZoomIn,
  IconZoomOut,
  IconZoomReset,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { StageTool } from './ZoneStage.js';

/** The zone editor's tools (the drawing ones once the photo is calibrated) and its zoom. */
export function EditorToolbar({
  tool,
  calibrated,
  onTool,
  onZoom,
  onActualSize,
  onFit,
}: {
  tool: StageTool;
  calibrated: boolean;
  onTool: (tool: StageTool) => void;
  onZoom: (factor: number) => void;
  onActualSize: () => void;
  onFit: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap" data-testid="editor-tools">
      <ToolButton
        active={tool === 'select'}
        label={t('editor.tools.select')}
        onClick={() => onTool('select')}
        icon={<IconPointer size={18} />}
        testId="tool-select"
      />
      <ToolButton
        active={tool === 'pan'}
        label={t('editor.tools.pan')}
        onClick={() => onTool('pan')}
        icon={<IconHandMove size={18} />}
        testId="tool-pan"
      />
      <ToolButton
        active={tool === 'ruler'}
        label={t('editor.tools.ruler')}
        onClick={() => onTool('ruler')}
        icon={<IconRuler2 size={18} />}
        testId="tool-ruler"
      />
      {(['scar', 'fill', 'exclude'] as const).map((kind) => (
        <ToolButton
          key={kind}
          active={tool === kind}
          label={t(`editor.tools.${kind}`)}
          onClick={() => onTool(kind)}
          icon={<IconPolygon size={18} />}
          disabled={!calibrated}
          testId={`tool-${kind}`}
        />
      ))}
      <ToolButton
        active={tool === 'hairline'}
        label={t('editor.tools.hairline')}
        onClick={() => onTool('hairline')}
        icon={<IconLine size={18} />}
        disabled={!calibrated}
        testId="tool-hairline"
      />
      <ToolButton
        active={tool === 'paint'}
        label={t('editor.tools.paint')}
        onClick={() => onTool('paint')}
        icon={<IconBrush size={18} />}
        disabled={!calibrated}
        testId="tool-paint"
      />
      <ToolButton
        active={tool === 'erase'}
        label={t('editor.tools.erase')}
        onClick={() => onTool('erase')}
        icon={<IconEraser size={18} />}
        disabled={!calibrated}
        testId="tool-erase"
      />
      <Group gap={4} ml="auto">
        <Tooltip label={t('editor.zoomOut')}>
          <Button
            variant="default"
            size="compact-md"
            onClick={() => onZoom(1 / 1.4)}
            aria-label={t('editor.zoomOut')}
          >
            <IconZoomOut size={18} />
          </Button>
        </Tooltip>
        <Tooltip label={t('editor.zoomIn')}>
          <Button
            variant="default"
            size="compact-md"
            onClick={() => onZoom(1.4)}
            aria-label={t('editor.zoomIn')}
          >
            <IconZoomIn size={18} />
          </Button>
        </Tooltip>
        <Button variant="default" size="compact-md" onClick={onActualSize} data-testid="zoom-100">
          100 %
        </Button>
        <Tooltip label={t('editor.fit')}>
          <Button
            variant="default"
            size="compact-md"
            onClick={onFit}
            aria-label={t('editor.fit')}
            data-testid="zoom-fit"
          >
            <IconZoomReset size={18} />
          </Button>
        </Tooltip>
      </Group>
    </Group>
  );
}

function ToolButton({
  active,
  label,
  icon,
  onClick,
  disabled,
  testId,
}: {
  active: boolean;
  label: string;
  icon: React.ReactNode;
  onClick: () => void;
  disabled?: boolean;
  testId: string;
}) {
  return (
    <Button
      variant={active ? 'filled' : 'default'}
      size="compact-md"
      leftSection={icon}
      onClick={onClick}
      disabled={disabled}
      data-testid={testId}
      h={40}
    >
      {label}
    </Button>
  );
}
