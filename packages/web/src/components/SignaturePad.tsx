import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { Box, Button, Group, Text } from '@mantine/core';
import { IconEraser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import SignaturePadLib from 'signature_pad';

export interface SignaturePadHandle {
  isEmpty(): boolean;
  /** The drawing as a PNG data URL (transparent background). */
  toPng(): string;
  clear(): void;
}

/**
 * A canvas to sign on with a finger, a pencil or a mouse (signature_pad draws smooth strokes).
 * The canvas is sized to its box at the device's pixel ratio, so strokes are sharp on an iPad.
 */
export function SignaturePad({
  ref,
  label,
  onChange,
}: {
  ref?: Ref<SignaturePadHandle>;
  label: string;
  onChange?: (empty: boolean) => void;
}) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePadLib | null>(null);
  const changed = useRef(onChange);
  useEffect(() => {
    changed.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    el.width = el.offsetWidth * ratio;
    el.height = el.offsetHeight * ratio;
    el.getContext('2d')?.scale(ratio, ratio);
    const instance = new SignaturePadLib(el, { penColor: '#111827', minWidth: 1, maxWidth: 3 });
    const ended = () => changed.current?.(instance.isEmpty());
    instance.addEventListener('endStroke', ended);
    pad.current = instance;
    return () => {
      instance.removeEventListener('endStroke', ended);
      instance.off();
      pad.current = null;
    };
  }, []);

  useImperativeHandle(ref, () => ({
    isEmpty: () => pad.current?.isEmpty() ?? true,
    toPng: () => pad.current?.toDataURL('image/png') ?? '',
    clear: () => {
      pad.current?.clear();
      changed.current?.(true);
    },
  }));

  return (
    <div>
      <Group justify="space-between" mb={4}>
        <Text size="sm" fw={500}>
          {label}
        </Text>
        <Button
          variant="subtle"
          size="sm"
          leftSection={<IconEraser size={16} aria-hidden />}
          onClick={() => {
            pad.current?.clear();
            changed.current?.(true);
          }}
        >
          {t('consents.clearSignature')}
        </Button>
      </Group>
      <Box
        component="canvas"
        ref={canvas}
        data-testid="signature-canvas"
        aria-label={label}
        style={{
          width: '100%',
          height: 180,
          border: '1px dashed var(--mantine-color-gray-5)',
          borderRadius: 8,
          background: 'white',
          touchAction: 'none',
          display: 'block',
        }}
      />
    </div>
  );
}
