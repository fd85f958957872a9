import { useState, type MouseEvent } from 'react';
import { Alert, Box, Button, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AlignmentPointPair, Photo, PhotoAlignment } from '@stipple/core';
import { useApi } from '../../api/ApiProvider.js';
import { describeError, describeFirstField } from '../../api/describe-error.js';
import { fileLinks } from '../../api/stipple-api.js';

type Side = 'earlier' | 'later';
type Point = AlignmentPointPair['earlier'];
const COLOURS = ['#e03131', '#1971c2', '#2f9e44', '#f08c00', '#9c36b5', '#0c8599'];

/**
 * Correcting an alignment by hand: tap a spot on the earlier photo, then the same spot on the
 * follow-up; three pairs fix the alignment (four or more also a perspective). Points are kept in
 * each photo's full-size pixels, whatever size the pictures show at.
 */
export function PointPairEditor({
  earlier,
  later,
  onSaved,
}: {
  earlier: Photo;
  later: Photo;
  onSaved: (alignment: PhotoAlignment) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [pairs, setPairs] = useState<{ earlier: Point; later?: Point }[]>([]);
  const next: Side = pairs.length && !pairs.at(-1)!.later ? 'later' : 'earlier';
  const complete = pairs.filter((p): p is AlignmentPointPair => Boolean(p.later));
  const save = useMutation({
    mutationFn: () => api.correctAlignment(later.id, { pairs: complete }),
    onSuccess: onSaved,
  });

  const tap = (side: Side, photo: Photo) => (e: MouseEvent<HTMLDivElement>) => {
    if (side !== next) return;
    const box = e.currentTarget.getBoundingClientRect();
    const point = {
      x: Math.max(0, ((e.clientX - box.left) / box.width) * photo.width - 0.5),
      y: Math.max(0, ((e.clientY - box.top) / box.height) * photo.height - 0.5),
    };
    if (side === 'earlier') setPairs([...pairs, { earlier: point }]);
    else setPairs([...pairs.slice(0, -1), { ...pairs.at(-1)!, later: point }]);
  };

  const marks = (side: Side, photo: Photo) =>
    pairs.map((pair, i) => {
      const p = pair[side];
      if (!p) return null;
      return (
        <div
          key={i}
          aria-hidden
          style={{
            position: 'absolute',
            left: `${((p.x + 0.5) / photo.width) * 100}%`,
            top: `${((p.y + 0.5) / photo.height) * 100}%`,
            transform: 'translate(-50%, -50%)',
            width: 26,
            height: 26,
            borderRadius: 13,
            border: '2px solid white',
            background: COLOURS[i % COLOURS.length],
            color: 'white',
            fontSize: 13,
            fontWeight: 700,
            lineHeight: '22px',
            textAlign: 'center',
            pointerEvents: 'none',
          }}
        >
          {i + 1}
        </div>
      );
    });

  const picture = (side: Side, photo: Photo) => (
    <Stack gap={4}>
      <Text size="sm" fw={next === side ? 700 : 400} c={next === side ? undefined : 'dimmed'}>
        {t(side === 'earlier' ? 'compare.earlierPhoto' : 'compare.laterPhoto')}
      </Text>
      <Box
        pos="relative"
        onClick={tap(side, photo)}
        data-testid={`points-${side}`}
        style={{
          lineHeight: 0,
          cursor: next === side ? 'crosshair' : 'default',
          outline: next === side ? '3px solid var(--mantine-color-blue-5)' : undefined,
          borderRadius: 4,
        }}
      >
        <img
          src={fileLinks.photo(photo.id, 'preview')}
          alt=""
          draggable={false}
          style={{ width: '100%', display: 'block', borderRadius: 4, userSelect: 'none' }}
        />
        {marks(side, photo)}
      </Box>
    </Stack>
  );

  return (
    <Stack gap="sm" data-testid="point-pair-editor">
      <Text size="sm">
        {t(next === 'earlier' ? 'compare.tapEarlier' : 'compare.tapLater', {
          n: pairs.length + (next === 'earlier' ? 1 : 0),
        })}
      </Text>
      <SimpleGrid cols={2} spacing="xs">
        {picture('earlier', earlier)}
        {picture('later', later)}
      </SimpleGrid>
      {save.error && (
        <Alert color="red" role="alert" data-testid="points-error">
          {describeError(save.error, t)} {describeFirstField(save.error, t)}
        </Alert>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t(complete.length >= 3 ? 'compare.pairsEnough' : 'compare.pairsCount', { count: complete.length })}
        </Text>
        <Group gap="xs">
          <Button variant="default" onClick={() => setPairs([])} disabled={!pairs.length}>
            {t('compare.clearPoints')}
          </Button>
          <Button
            onClick={() => save.mutate()}
            disabled={complete.length < 3 || next === 'later'}
            loading={save.isPending}
            data-testid="points-save"
          >
            {t('compare.savePoints')}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
