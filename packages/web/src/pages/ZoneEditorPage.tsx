import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Box,
  Badge,
  Button,
  Center,
  Grid,
  Group,
  Image,
  Loader,
  NumberInput,
  Paper,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Slider,
  Stack,
  Switch,
  Text,
  Title,
  Tooltip,
} from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconArrowLeft,
  IconBrush,
  IconEraser,
  IconCheck,
  IconDeviceFloppy,
  IconHandMove,
  IconLine,
  IconPointer,
  IconPolygon,
  IconRuler2,
  IconX,
  IconZoomIn,
  IconZoomOut,
  IconZoomReset,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  simplifyPolygon,
  type Photo,
  type PhotoZones,
  type Plan,
  type PreviewRender,
  type ZonesFileInput,
} from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { ScalpMapLayer } from '../components/preview/ScalpMapLayer.js';
import { ScalpMapPanel } from '../components/preview/ScalpMapPanel.js';
import { useScalpMapCorrection } from '../preview/use-scalp-map-correction.js';
import { fileLinks } from '../api/stipple-api.js';
import { useUnsavedChanges } from '../components/UnsavedChanges.js';
import { PreviewInsights } from '../components/preview/PreviewInsights.js';
import { ZoneList } from '../components/preview/ZoneList.js';
import { clampScale, ZoneStage, type StageTool, type View } from '../components/preview/ZoneStage.js';
import { formatIsoDate, formatPersonName } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import type { PreviewLook } from '../preview/preview-protocol.js';
import { useClientHair } from '../preview/use-client-hair.js';
import { usePreviewWorker } from '../preview/use-preview-worker.js';
import {
  coveredShare,
  inwardPoint,
  newZoneId,
  rulerPxPerMm,
  scaleZones,
  sessionsFromPlan,
  zoneValuesFromPlan,
  type DrawableKind,
  type Point,
  type ZoneInput,
} from '../preview/zone-editing.js';
import { applyBrushStroke } from '../preview/brush-editing.js';

/** The photo as pixels, at the screen size the server made (~1600 px on the long side). */
function usePhotoPixels(photoId: string) {
  const [pixels, setPixels] = useState<ImageData | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    const img = new window.Image();
    img.onload = () => {
      if (!live) return;
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d', { willReadFrequently: true })!;
      ctx.drawImage(img, 0, 0);
      setPixels(ctx.getImageData(0, 0, c.width, c.height));
    };
    img.onerror = () => live && setFailed(true);
    img.src = fileLinks.photo(photoId, 'preview');
    return () => {
      live = false;
    };
  }, [photoId]);
  return { pixels, failed };
}

export function ZoneEditorPage() {
  const { t } = useTranslation();
  const { clientId = '', photoId = '' } = useParams();
  const api = useApi();
  const photo = useQuery({ queryKey: ['photo', photoId], queryFn: () => api.getPhoto(photoId) });
  const zones = useQuery({
    queryKey: ['zones', photoId],
    queryFn: () => api.getZones(photoId),
    staleTime: Infinity,
  });
  const client = useQuery({ queryKey: ['client', clientId], queryFn: () => api.getClient(clientId) });
  const consultations = useQuery({
    queryKey: ['consultations', 'client', clientId],
    queryFn: () => api.listClientConsultations(clientId),
  });
  const planId = consultations.data?.items.find((c) => c.latestPlan)?.latestPlan?.id ?? null;
  const plan = useQuery({
    queryKey: ['plan', planId],
    queryFn: () => api.getPlan(planId!),
    enabled: Boolean(planId),
  });
  const { pixels, failed } = usePhotoPixels(photoId);

  const error = photo.error ?? zones.error;
  if (error)
    return (
      <Alert color="red" role="alert">
        {describeError(error, t)}
      </Alert>
    );
  if (failed)
    return (
      <Alert color="red" role="alert">
        {t('editor.photoFailed')}
      </Alert>
    );
  const planReady = !planId || !plan.isPending;
  if (!photo.data || !zones.data || !pixels || consultations.isPending || !planReady)
    return (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  return (
    <Editor
      key={photo.data.id}
      photo={photo.data}
      saved={zones.data}
      pixels={pixels}
      plan={plan.data?.plan ?? null}
      clientName={client.data ? formatPersonName(client.data) : ''}
    />
  );
}

interface Draft {
  seed: number;
  sessions: number;
  sessionShares?: number[] | undefined;
  fadeYears: number;
  zones: ZoneInput[];
}

function Editor({
  photo,
  saved,
  pixels,
  plan,
  clientName,
}: {
  photo: Photo;
  saved: PhotoZones;
  pixels: ImageData;
  plan: Plan | null;
  clientName: string;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  // Editing happens on the preview image; the zones are stored in the photo's own pixels.
  const k = pixels.width / photo.width;
  const [draft, setDraft] = useState<Draft>(() => {
    if (saved.zones) {
      const scaled = scaleZones(saved.zones, k);
      return {
        seed: saved.zones.seed,
        sessions: saved.zones.sessions,
        sessionShares: saved.zones.sessionShares,
        fadeYears: saved.zones.fadeYears,
        zones: scaled.zones,
      };
    }
    return { seed: 1, fadeYears: 5, zones: [], ...sessionsFromPlan(plan) };
  });
  const [version, setVersion] = useState(saved.version);
  const [dirty, setDirty] = useState(false);
  useUnsavedChanges(dirty);
  const [tool, setTool] = useState<StageTool>('select');
  const [drawing, setDrawing] = useState<Point[]>([]);
  const [ruler, setRuler] = useState<Point[]>([]);
  const [rulerMm, setRulerMm] = useState<number | ''>(10);
  const [typedPxPerMm, setTypedPxPerMm] = useState<number | ''>(photo.pxPerMm ?? '');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [look, setLook] = useState<PreviewLook>('healed');
  const [session, setSession] = useState(1);
  const [split, setSplit] = useState(0.5);
  const [showZones, setShowZones] = useState(true);
  const [renderId, setRenderId] = useState<string | null>(saved.latestRender?.id ?? null);
  const { ref: stageBox, width: stageWidth } = useElementSize();
  const stageHeight = Math.max(
    360,
    Math.min(720, Math.round((stageWidth || 800) * (pixels.height / pixels.width))),
  );
  const [view, setView] = useState<View>({ scale: 1, tx: 0, ty: 0 });
  const fitted = useRef(false);

  const fit = useCallback(() => {
    if (!stageWidth) return;
    const scale = Math.min(stageWidth / pixels.width, stageHeight / pixels.height);
    setView({
      scale,
      tx: (stageWidth - pixels.width * scale) / 2,
      ty: (stageHeight - pixels.height * scale) / 2,
    });
  }, [stageWidth, stageHeight, pixels]);
  useEffect(() => {
    if (!fitted.current && stageWidth) {
      fitted.current = true;
      fit();
    }
  }, [stageWidth, fit]);
  const zoomBy = (factor: number) =>
    setView((v) => {
      const cx = (stageWidth || 800) / 2;
      const cy = stageHeight / 2;
      const scale = clampScale(v.scale * factor);
      return { scale, tx: cx - ((cx - v.tx) / v.scale) * scale, ty: cy - ((cy - v.ty) / v.scale) * scale };
    });
  const actualSize = () => {
    // 100 %: one pixel of the preview image per screen pixel, centred where the view is centred.
    setView((v) => {
      const cx = (stageWidth || 800) / 2;
      const cy = stageHeight / 2;
      return { scale: 1, tx: cx - (cx - v.tx) / v.scale, ty: cy - (cy - v.ty) / v.scale };
    });
  };

  const change = (fn: (d: Draft) => Draft) => {
    setDraft(fn);
    setDirty(true);
  };

  const calibrated = photo.pxPerMm !== null;
  const scalpMap = useScalpMapCorrection(photo.id, () => setDirty(true));
  const zonesFile = useMemo<ZonesFileInput | null>(() => {
    if (!photo.pxPerMm || draft.zones.length === 0) return null;
    return {
      calibration: { pxPerMm: photo.pxPerMm * k },
      seed: draft.seed,
      sessions: draft.sessions,
      ...(draft.sessionShares ? { sessionShares: draft.sessionShares } : {}),
      fadeYears: draft.fadeYears,
      zones: draft.zones,
    };
  }, [photo.pxPerMm, k, draft]);

  // Scar zones may match the follicle density the analysis measured round them.
  const analysisForMatch = useQuery({
    queryKey: ['analysis', photo.id],
    queryFn: () => api.getAnalysis(photo.id),
  }).data;
  const hair = useClientHair(analysisForMatch, k);
  const worker = usePreviewWorker(pixels, hair);
  const followed = useMemo(() => {
    if (!analysisForMatch || analysisForMatch.status !== 'done') return undefined;
    const f = analysisForMatch.follicles;
    const points: { x: number; y: number }[] = [];
    for (let i = 0; i + 1 < f.length; i += 2) points.push({ x: f[i]! * k, y: f[i + 1]! * k });
    return { follicles: points };
  }, [analysisForMatch, k]);
  useEffect(() => {
    if (!zonesFile) {
      worker.clear();
      return;
    }
    worker.request(zonesFile, { look, afterSession: look === 'fresh' ? session : draft.sessions }, followed);
    // The worker only ever needs the newest request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [zonesFile, look, session, draft.sessions, followed]);

  // ---- drawing ----
  const drawingKind =
    tool === 'fill' || tool === 'scar' || tool === 'exclude' || tool === 'hairline' ? tool : null;
  const canFinish = drawingKind === 'hairline' ? drawing.length >= 2 : drawing.length >= 3;
  /** A new zone of a kind, starting from the plan's values for it. */
  const makeZone = (kind: DrawableKind, id: string, points: Point[]): ZoneInput => {
    const values = zoneValuesFromPlan(kind, plan, draft.sessions);
    return kind === 'hairline'
      ? {
          id,
          kind: 'hairline',
          polyline: points,
          inward: inwardPoint(points, 'right', 40),
          ...pick(values, ['densityPerCm2', 'dotDiameterMm', 'shade', 'shadePerSession', 'transitionMm']),
        }
      : kind === 'exclude'
        ? { id, kind: 'exclude', polygon: points, featherMm: 1 }
        : kind === 'scar'
          ? {
              id,
              kind: 'scar',
              polygon: points,
              texture: 'flat',
              featherMm: 2,
              ...pick(values, ['densityPerCm2', 'dotDiameterMm', 'shade', 'shadePerSession']),
            }
          : {
              id,
              kind: 'fill',
              polygon: points,
              ...pick(values, ['densityPerCm2', 'dotDiameterMm', 'shade', 'shadePerSession']),
            };
  };
  const finish = () => {
    if (!drawingKind || !canFinish) return;
    const id = newZoneId(drawingKind, draft.zones);
    const zone = makeZone(drawingKind, id, drawing);
    change((d) => ({ ...d, zones: [...d.zones, zone] }));
    setDrawing([]);
    setSelectedId(id);
    setTool('select');
  };
  const startTool = (next: StageTool) => {
    setDrawing([]);
    if (next !== 'ruler') setRuler([]);
    setTool(next);
  };

  // ---- brush: paint and erase area zones ----
  const [brushMm, setBrushMm] = useState(3);
  const [brushKind, setBrushKind] = useState<'scar' | 'fill' | 'exclude'>('scar');
  const brushRadius = photo.pxPerMm ? brushMm * photo.pxPerMm * k : 0;
  const selectedZone = draft.zones.find((z) => z.id === selectedId);
  const paintsNewZone = tool === 'paint' && (!selectedZone || selectedZone.kind === 'hairline');
  const brushStroke = (points: Point[]) => {
    if (!brushRadius || (tool !== 'paint' && tool !== 'erase')) return;
    const result = applyBrushStroke(
      draft.zones,
      selectedId,
      { points, radius: brushRadius, mode: tool },
      (id, polygon) => makeZone(brushKind, id, polygon) as Exclude<ZoneInput, { kind: 'hairline' }>,
      brushKind,
    );
    change((d) => ({ ...d, zones: result.zones }));
    setSelectedId(result.selectedId);
  };

  // ---- calibration ----
  const calibrate = useMutation({
    mutationFn: (
      calibration:
        { pxPerMm: number } | { points: [{ x: number; y: number }, { x: number; y: number }]; mm: number },
    ) => api.updatePhoto(photo.id, { calibration }),
    onSuccess: (updated) => {
      queryClient.setQueryData(['photo', updated.id], updated);
      setTypedPxPerMm(updated.pxPerMm ?? '');
      setRuler([]);
      setTool('select');
      notifications.show({
        color: 'teal',
        message: t('editor.calibrated', { value: updated.pxPerMm?.toFixed(2) }),
      });
    },
  });
  const rulerValue =
    ruler.length === 2 && typeof rulerMm === 'number' && rulerMm > 0
      ? rulerPxPerMm(ruler[0]!, ruler[1]!, rulerMm) / k
      : null;

  // ---- saving and the full-resolution render ----
  const save = useMutation({
    mutationFn: () => {
      const file: ZonesFileInput = {
        calibration: { pxPerMm: photo.pxPerMm! },
        seed: draft.seed,
        sessions: draft.sessions,
        ...(draft.sessionShares ? { sessionShares: draft.sessionShares } : {}),
        fadeYears: draft.fadeYears,
        zones: scaleZones({ calibration: { pxPerMm: 1 }, zones: draft.zones }, 1 / k).zones,
      };
      return api.saveZones(photo.id, { zones: file, version, ...scalpMap.toSave() });
    },
    onSuccess: (result) => {
      setVersion(result.version);
      setDirty(false);
      scalpMap.saved();
      setRenderId(result.latestRender?.id ?? null);
      queryClient.setQueryData(['zones', photo.id], result);
      void queryClient.invalidateQueries({ queryKey: ['previews'] });
      notifications.show({ color: 'teal', message: t('editor.saved') });
    },
  });
  const progress = useQuery({
    queryKey: ['render-progress', renderId],
    queryFn: () => api.renderProgress(renderId!),
    enabled: Boolean(renderId),
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === 'done' || q.state.data.status === 'failed') ? false : 1000,
  });
  const finished = progress.data?.status === 'done' || progress.data?.status === 'failed';
  const render = useQuery({
    queryKey: ['render', renderId, finished],
    queryFn: () => api.getRender(renderId!),
    enabled: Boolean(renderId) && finished,
  });

  // ---- the photo analysis ----
  const analysis = useQuery({
    queryKey: ['analysis', photo.id],
    queryFn: () => api.getAnalysis(photo.id),
    refetchInterval: (q) =>
      q.state.data && (q.state.data.status === 'queued' || q.state.data.status === 'running') ? 1000 : false,
  });
  const runAnalysis = useMutation({
    mutationFn: () => api.startAnalysis(photo.id),
    onSuccess: (record) => queryClient.setQueryData(['analysis', photo.id], record),
  });
  const [handled, setHandled] = useState<Set<string>>(() => new Set());
  const [showFollicles, setShowFollicles] = useState(false);
  const analysed = analysis.data?.status === 'done' ? analysis.data : null;
  // A finished analysis brings a new automatic head and scalp map with it.
  const analysedAt = analysed?.finishedAt ?? null;
  useEffect(() => {
    if (analysedAt) void queryClient.invalidateQueries({ queryKey: ['scalp-map', photo.id] });
  }, [analysedAt, photo.id, queryClient]);
  // Accepted suggestions are zones now (also after a reload): only the others are offered.
  const openSuggestions = (analysed?.suggestions ?? [])
    .filter((sug) => !handled.has(sug.id))
    .map((sug) => ({ ...sug, polygon: sug.polygon.map(([x, y]) => [x * k, y * k] as Point) }))
    .filter((sug) => coveredShare(sug.polygon, draft.zones) < 0.5);
  const follicles = useMemo(() => (analysed ? analysed.follicles.map((v) => v * k) : null), [analysed, k]);
  const acceptSuggestion = (id: string) => {
    const sug = openSuggestions.find((x) => x.id === id);
    if (!sug) return;
    const zoneId = newZoneId('photo-scar', draft.zones);
    const values = zoneValuesFromPlan('scar', plan, draft.sessions);
    change((d) => ({
      ...d,
      zones: [
        ...d.zones,
        {
          id: zoneId,
          kind: 'scar',
          polygon: editableOutline(sug.polygon, sug.areaCm2, (photo.pxPerMm ?? 1) * k),
          texture: 'flat',
          featherMm: 2,
          ...pick(values, ['densityPerCm2', 'dotDiameterMm', 'shade', 'shadePerSession']),
        },
      ],
    }));
    setHandled((h) => new Set([...h, id]));
    setSelectedId(zoneId);
    setTool('select');
  };

  const selected = draft.zones.find((z) => z.id === selectedId) ?? null;
  const frame = worker.frame;

  return (
    <Stack gap="md" data-testid="zone-editor">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Button
            component={Link}
            to={`/clients/${photo.clientId}?tab=photos`}
            variant="subtle"
            leftSection={<IconArrowLeft size={18} aria-hidden />}
            px="xs"
            w="fit-content"
          >
            {t('editor.back', { name: clientName })}
          </Button>
          <Title order={2}>{t('editor.title')}</Title>
          <Text size="sm" c="dimmed">
            {t(`photoViews.${photo.view}`)} · {formatIsoDate(photo.takenOn, locale)} · {photo.width}×
            {photo.height} px
            {plan ? ` · ${t('editor.fromPlan')}` : ''}
          </Text>
        </Stack>
        <Group gap="xs">
          {dirty && <Badge color="orange">{t('editor.unsaved')}</Badge>}
          <Button
            leftSection={<IconDeviceFloppy size={18} aria-hidden />}
            onClick={() => save.mutate()}
            loading={save.isPending}
            disabled={!calibrated || draft.zones.length === 0}
            data-testid="save-zones"
          >
            {t('editor.save')}
          </Button>
        </Group>
      </Group>
      {save.isError && (
        <Alert color="red" role="alert">
          {isApiRequestError(save.error) && save.error.status === 400
            ? save.error.message
            : describeError(save.error, t)}
        </Alert>
      )}

      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="xs">
            <Group gap={6} wrap="wrap" data-testid="editor-tools">
              <ToolButton
                active={tool === 'select'}
                label={t('editor.tools.select')}
                onClick={() => startTool('select')}
                icon={<IconPointer size={18} />}
                testId="tool-select"
              />
              <ToolButton
                active={tool === 'pan'}
                label={t('editor.tools.pan')}
                onClick={() => startTool('pan')}
                icon={<IconHandMove size={18} />}
                testId="tool-pan"
              />
              <ToolButton
                active={tool === 'ruler'}
                label={t('editor.tools.ruler')}
                onClick={() => startTool('ruler')}
                icon={<IconRuler2 size={18} />}
                testId="tool-ruler"
              />
              {(['scar', 'fill', 'exclude'] as const).map((kind) => (
                <ToolButton
                  key={kind}
                  active={tool === kind}
                  label={t(`editor.tools.${kind}`)}
                  onClick={() => startTool(kind)}
                  icon={<IconPolygon size={18} />}
                  disabled={!calibrated}
                  testId={`tool-${kind}`}
                />
              ))}
              <ToolButton
                active={tool === 'hairline'}
                label={t('editor.tools.hairline')}
                onClick={() => startTool('hairline')}
                icon={<IconLine size={18} />}
                disabled={!calibrated}
                testId="tool-hairline"
              />
              <ToolButton
                active={tool === 'paint'}
                label={t('editor.tools.paint')}
                onClick={() => startTool('paint')}
                icon={<IconBrush size={18} />}
                disabled={!calibrated}
                testId="tool-paint"
              />
              <ToolButton
                active={tool === 'erase'}
                label={t('editor.tools.erase')}
                onClick={() => startTool('erase')}
                icon={<IconEraser size={18} />}
                disabled={!calibrated}
                testId="tool-erase"
              />
              <Group gap={4} ml="auto">
                <Tooltip label={t('editor.zoomOut')}>
                  <Button
                    variant="default"
                    size="compact-md"
                    onClick={() => zoomBy(1 / 1.4)}
                    aria-label={t('editor.zoomOut')}
                  >
                    <IconZoomOut size={18} />
                  </Button>
                </Tooltip>
                <Tooltip label={t('editor.zoomIn')}>
                  <Button
                    variant="default"
                    size="compact-md"
                    onClick={() => zoomBy(1.4)}
                    aria-label={t('editor.zoomIn')}
                  >
                    <IconZoomIn size={18} />
                  </Button>
                </Tooltip>
                <Button variant="default" size="compact-md" onClick={actualSize} data-testid="zoom-100">
                  100 %
                </Button>
                <Tooltip label={t('editor.fit')}>
                  <Button
                    variant="default"
                    size="compact-md"
                    onClick={fit}
                    aria-label={t('editor.fit')}
                    data-testid="zoom-fit"
                  >
                    <IconZoomReset size={18} />
                  </Button>
                </Tooltip>
              </Group>
            </Group>
            {/* The hints of the chosen tool float over the photo, so choosing a tool never pushes
                the photo down; they stick to the window's foot while the photo runs below it. */}
            <Box ref={stageBox} pos="relative">
              <ZoneStage
                photo={pixels}
                frame={frame?.image ?? null}
                split={split}
                zones={draft.zones}
                showZones={showZones}
                selectedId={selectedId}
                tool={tool}
                drawing={drawing}
                ruler={ruler}
                view={view}
                onView={setView}
                onSelect={setSelectedId}
                onAddPoint={(p) => setDrawing((d) => [...d, p])}
                onMoveVertex={(zoneId, index, p) =>
                  change((d) => ({
                    ...d,
                    zones: d.zones.map((z) => {
                      if (z.id !== zoneId) return z;
                      if (z.kind === 'hairline') {
                        const polyline = z.polyline.map((q, i) => (i === index ? p : q));
                        return { ...z, polyline };
                      }
                      return { ...z, polygon: z.polygon.map((q, i) => (i === index ? p : q)) };
                    }),
                  }))
                }
                onRulerPoint={(p) => setRuler((r) => (r.length >= 2 ? [p] : [...r, p]))}
                height={stageHeight}
                suggestions={openSuggestions}
                follicles={showFollicles ? follicles : null}
                brushRadius={brushRadius}
                onBrushStroke={brushStroke}
              />
              <ScalpMapLayer map={scalpMap} view={view} k={k} />
              <Box
                pos="absolute"
                style={{
                  inset: 0,
                  zIndex: 3,
                  display: 'flex',
                  flexDirection: 'column',
                  justifyContent: 'flex-end',
                  // Drawing goes through to the photo; only the hint itself takes taps.
                  pointerEvents: 'none',
                }}
              >
                <Box mx={8} mb={18} style={{ position: 'sticky', bottom: 8, pointerEvents: 'auto' }}>
                  {drawingKind && (
                    <Alert color="yellow" p="xs" data-testid="drawing-help">
                      <Group justify="space-between" gap="xs">
                        <Text size="sm">
                          {t(drawingKind === 'hairline' ? 'editor.drawLineHelp' : 'editor.drawHelp', {
                            count: drawing.length,
                          })}
                        </Text>
                        <Group gap={6}>
                          <Button
                            size="xs"
                            variant="default"
                            leftSection={<IconX size={14} />}
                            onClick={() => setDrawing([])}
                          >
                            {t('common.cancel')}
                          </Button>
                          <Button
                            size="xs"
                            leftSection={<IconCheck size={14} />}
                            disabled={!canFinish}
                            onClick={finish}
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
                              ? t('editor.eraseSelectedHelp', { zone: selectedZone.id })
                              : t('editor.eraseAnyHelp')
                            : paintsNewZone
                              ? t('editor.paintNewHelp')
                              : t('editor.paintSelectedHelp', { zone: selectedZone!.id })}
                        </Text>
                        <Group gap="md" wrap="wrap" align="center">
                          {paintsNewZone && (
                            <SegmentedControl
                              size="xs"
                              value={brushKind}
                              onChange={(v) => setBrushKind(v)}
                              data={(['scar', 'fill', 'exclude'] as const).map((kind) => ({
                                value: kind,
                                label: t(`editor.tools.${kind}`),
                              }))}
                              data-testid="brush-kind"
                            />
                          )}
                          <Group gap={8} style={{ flex: 1, minWidth: 220 }} wrap="nowrap">
                            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                              {t('editor.brushSize', { mm: brushMm })}
                            </Text>
                            <Slider
                              style={{ flex: 1 }}
                              min={0.5}
                              max={15}
                              step={0.5}
                              value={brushMm}
                              onChange={setBrushMm}
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
            </Box>
            <Group justify="space-between" gap="xs">
              <Text size="xs" c="dimmed" data-testid="preview-timing">
                {frame
                  ? t('editor.timing', {
                      ms: Math.round(frame.totalMs),
                      dots: frame.dots.toLocaleString(locale),
                    })
                  : zonesFile
                    ? t('editor.rendering')
                    : calibrated
                      ? t('editor.drawToPreview')
                      : t('editor.calibrateFirst')}
              </Text>
              {worker.error && (
                <Text size="xs" c="red" data-testid="preview-error">
                  {worker.error.code
                    ? t(`editor.zoneRefusal.${worker.error.code}`, worker.error.params)
                    : `${worker.error.field ? `${worker.error.field}: ` : ''}${worker.error.message}`}
                </Text>
              )}
            </Group>
            <Paper withBorder radius="md" p="sm">
              {/* One above the other: the three looks need the width, and the slider end labels room. */}
              <Stack gap="md">
                <Stack gap={6}>
                  <Text size="sm" fw={600}>
                    {t('editor.stage')}
                  </Text>
                  <SegmentedControl
                    value={look}
                    onChange={(v) => setLook(v)}
                    data={[
                      { value: 'fresh', label: t('editor.looks.fresh') },
                      { value: 'healed', label: t('editor.looks.healed') },
                      { value: 'faded', label: t('editor.looks.faded', { years: draft.fadeYears }) },
                    ]}
                    fullWidth
                    data-testid="stage-look"
                  />
                  {look === 'fresh' && (
                    <>
                      <Text size="xs" c="dimmed" data-testid="session-of">
                        {t('editor.sessionOf', { session, count: draft.sessions })}
                      </Text>
                      <Slider
                        min={1}
                        max={draft.sessions}
                        step={1}
                        value={Math.min(session, draft.sessions)}
                        onChange={setSession}
                        marks={Array.from({ length: draft.sessions }, (_, i) => ({
                          value: i + 1,
                          label: String(i + 1),
                        }))}
                        mb="md"
                        thumbSize={26}
                        mx="xs"
                        aria-label={t('editor.sessionSlider')}
                        data-testid="session-slider"
                      />
                    </>
                  )}
                </Stack>
                <Stack gap={6}>
                  <Text size="sm" fw={600}>
                    {t('editor.split')}
                  </Text>
                  <Slider
                    min={0}
                    max={100}
                    value={Math.round(split * 100)}
                    onChange={(v) => setSplit(v / 100)}
                    marks={[
                      { value: 0, label: t('editor.after') },
                      { value: 100, label: t('editor.before') },
                    ]}
                    mb="md"
                    thumbSize={26}
                    label={null}
                    mx="lg"
                    aria-label={t('editor.split')}
                    data-testid="split-slider"
                  />
                  <Switch
                    checked={showZones}
                    onChange={(e) => setShowZones(e.currentTarget.checked)}
                    label={t('editor.showZones')}
                    data-testid="show-zones"
                  />
                </Stack>
              </Stack>
            </Paper>
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="sm" data-testid="calibration-panel">
              <Stack gap="xs">
                <Group justify="space-between">
                  <Text fw={600}>{t('editor.calibration')}</Text>
                  {calibrated ? (
                    <Badge color="teal" data-testid="calibration-value">
                      {photo.pxPerMm!.toFixed(2)} px/mm
                    </Badge>
                  ) : (
                    <Badge color="orange">{t('editor.notCalibrated')}</Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  {t('editor.calibrationHint')}
                </Text>
                {tool === 'ruler' && (
                  <Group align="flex-end" gap="xs">
                    <NumberInput
                      size="xs"
                      label={t('editor.rulerMm', { count: ruler.length })}
                      min={0.1}
                      max={1000}
                      value={rulerMm}
                      onChange={(v) => setRulerMm(typeof v === 'number' ? v : '')}
                      w={130}
                      data-testid="ruler-mm"
                    />
                    <Button
                      size="xs"
                      disabled={rulerValue === null}
                      loading={calibrate.isPending}
                      onClick={() =>
                        calibrate.mutate({
                          points: [
                            { x: ruler[0]![0] / k, y: ruler[0]![1] / k },
                            { x: ruler[1]![0] / k, y: ruler[1]![1] / k },
                          ],
                          mm: rulerMm as number,
                        })
                      }
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
                    onChange={(v) => setTypedPxPerMm(typeof v === 'number' ? v : '')}
                    w={130}
                    data-testid="px-per-mm"
                  />
                  <Button
                    size="xs"
                    variant="light"
                    disabled={typeof typedPxPerMm !== 'number' || typedPxPerMm <= 0}
                    onClick={() => calibrate.mutate({ pxPerMm: typedPxPerMm as number })}
                    data-testid="apply-px-per-mm"
                  >
                    {t('editor.apply')}
                  </Button>
                </Group>
                {calibrate.isError && <Alert color="red">{describeError(calibrate.error, t)}</Alert>}
              </Stack>
            </Paper>

            <ScalpMapPanel map={scalpMap} />
            <Paper withBorder radius="md" p="sm" data-testid="analysis-panel">
              <Stack gap="xs">
                <Group justify="space-between">
                  <Text fw={600}>{t('editor.analysis')}</Text>
                  {analysis.data && (
                    <Badge
                      color={
                        analysis.data.status === 'done'
                          ? 'teal'
                          : analysis.data.status === 'failed'
                            ? 'red'
                            : 'blue'
                      }
                      data-testid="analysis-status"
                    >
                      {t(`editor.renderStatus.${analysis.data.status}`)}
                    </Badge>
                  )}
                </Group>
                {!analysis.data && (
                  <Text size="xs" c="dimmed">
                    {t('editor.analysisHint')}
                  </Text>
                )}
                {analysis.data?.stale && (
                  <Alert color="orange" p="xs">
                    {t('editor.analysisStale')}
                  </Alert>
                )}
                {analysis.data?.error && <Alert color="red">{analysis.data.error}</Alert>}
                {analysed && (
                  <Stack gap={2} data-testid="analysis-result">
                    <Text size="sm">
                      {analysed.density
                        ? t('editor.analysisDensity', {
                            median: Math.round(analysed.density.perCm2Median),
                            p10: Math.round(analysed.density.perCm2P10),
                            p90: Math.round(analysed.density.perCm2P90),
                          })
                        : t('editor.analysisNoDensity')}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('editor.analysisCounts', {
                        follicles: analysed.follicleCount ?? 0,
                        resolved: Math.round((analysed.resolvedFraction ?? 0) * 100),
                      })}
                    </Text>
                    <Switch
                      size="xs"
                      checked={showFollicles}
                      onChange={(e) => setShowFollicles(e.currentTarget.checked)}
                      label={t('editor.showFollicles')}
                    />
                  </Stack>
                )}
                {openSuggestions.length > 0 && (
                  <Stack gap={4} data-testid="suggestions">
                    <Text size="sm" fw={600}>
                      {t('editor.suggestions')}
                    </Text>
                    {openSuggestions.map((sug) => (
                      <Group
                        key={sug.id}
                        justify="space-between"
                        gap={4}
                        wrap="nowrap"
                        data-testid={`suggestion-row-${sug.id}`}
                      >
                        <Text size="xs" style={{ flex: 1 }}>
                          {t(`editor.suggestionKinds.${sug.kind}`)}
                          {sug.areaCm2 !== null ? ` · ${sug.areaCm2.toFixed(2)} cm²` : ''} ·{' '}
                          {t('editor.confidence', { percent: Math.round(sug.confidence * 100) })}
                        </Text>
                        <Button
                          size="compact-xs"
                          onClick={() => acceptSuggestion(sug.id)}
                          disabled={!calibrated}
                          data-testid={`accept-${sug.id}`}
                        >
                          {t('editor.accept')}
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="default"
                          onClick={() => setHandled((h) => new Set([...h, sug.id]))}
                          data-testid={`dismiss-${sug.id}`}
                        >
                          {t('editor.dismiss')}
                        </Button>
                      </Group>
                    ))}
                  </Stack>
                )}
                {analysed && analysed.suggestions.length === 0 && (
                  <Text size="xs" c="dimmed">
                    {t('editor.noSuggestions')}
                  </Text>
                )}
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => runAnalysis.mutate()}
                  loading={
                    runAnalysis.isPending ||
                    analysis.data?.status === 'queued' ||
                    analysis.data?.status === 'running'
                  }
                  data-testid="run-analysis"
                >
                  {analysis.data ? t('editor.runAgain') : t('editor.runAnalysis')}
                </Button>
                {runAnalysis.isError && <Alert color="red">{describeError(runAnalysis.error, t)}</Alert>}
              </Stack>
            </Paper>

            <Paper withBorder radius="md" p="sm">
              <Text fw={600} mb="xs">
                {t('editor.zones')}
              </Text>
              <ZoneList
                canMatch={Boolean(analysed?.density)}
                scores={render.data?.status === 'done' ? (render.data.camouflage ?? []) : []}
                zones={draft.zones}
                selectedId={selectedId}
                onSelect={(id) => {
                  setSelectedId(id);
                  setTool('select');
                }}
                onChange={(zone) =>
                  change((d) => ({ ...d, zones: d.zones.map((z) => (z.id === zone.id ? zone : z)) }))
                }
                onRemove={(id) => {
                  change((d) => ({ ...d, zones: d.zones.filter((z) => z.id !== id) }));
                  if (selectedId === id) setSelectedId(null);
                }}
                onFlipHairline={(id) =>
                  change((d) => ({
                    ...d,
                    zones: d.zones.map((z) => {
                      if (z.id !== id || z.kind !== 'hairline') return z;
                      const [mx, my] = z.polyline[Math.floor((z.polyline.length - 1) / 2)]!;
                      return { ...z, inward: [2 * mx - z.inward[0], 2 * my - z.inward[1]] as Point };
                    }),
                  }))
                }
              />
              {selected === null && draft.zones.length > 0 && (
                <Text size="xs" c="dimmed" mt="xs">
                  {t('editor.selectHint')}
                </Text>
              )}
            </Paper>

            <PreviewInsights
              summary={frame?.summary ?? []}
              stubble={frame?.stubble ?? null}
              selectedId={selectedId}
              scar={worker.scar}
              onCompareScar={worker.compareScar}
              frameVersion={frame}
              fillMatches={render.data?.status === 'done' ? render.data.fillMatches : []}
            />

            <RenderPanel renderId={renderId} progress={progress.data ?? null} render={render.data ?? null} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

/**
 * The analysis traces a suggestion on its 0.3-mm grid, so a strip comes with dozens of notched
 * vertices, each a handle to drag. The zone keeps the outline within a tenth of its size (at most
 * 1 mm, less than the soft edge it is painted with) and a handful of vertices.
 */
function editableOutline(polygon: Point[], areaCm2: number | null, pxPerMm: number): Point[] {
  const sizeMm = Math.sqrt((areaCm2 ?? 0) * 100);
  const toleranceMm = Math.min(1, Math.max(0.2, sizeMm / 10));
  return simplifyPolygon(polygon, toleranceMm * pxPerMm);
}

function pick<T extends object, K extends string>(values: T, keys: K[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys)
    if ((values as Record<string, unknown>)[key] !== undefined)
      out[key] = (values as Record<string, unknown>)[key];
  return out;
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

function RenderPanel({
  renderId,
  progress,
  render,
}: {
  renderId: string | null;
  progress: { status: string; progress: number; error: string | null } | null;
  render: PreviewRender | null;
}) {
  const { t } = useTranslation();
  if (!renderId)
    return (
      <Paper withBorder radius="md" p="sm">
        <Text fw={600}>{t('editor.fullRender')}</Text>
        <Text size="xs" c="dimmed">
          {t('editor.fullRenderHint')}
        </Text>
      </Paper>
    );
  return (
    <Paper withBorder radius="md" p="sm" data-testid="render-panel">
      <Stack gap="xs">
        <Group justify="space-between">
          <Text fw={600}>{t('editor.fullRender')}</Text>
          {progress && (
            <Badge
              color={progress.status === 'done' ? 'teal' : progress.status === 'failed' ? 'red' : 'blue'}
              data-testid="render-status"
            >
              {t(`editor.renderStatus.${progress.status}`)}
            </Badge>
          )}
        </Group>
        {progress && progress.status !== 'done' && progress.status !== 'failed' && (
          <Progress value={progress.progress} animated data-testid="render-progress" />
        )}
        {progress?.error && <Alert color="red">{progress.error}</Alert>}
        {render && render.status === 'done' && (
          <>
            <SimpleGrid cols={3} spacing={6} data-testid="render-stages">
              {render.stages.map((s) => (
                <a
                  key={s.name}
                  href={fileLinks.renderStage(render.id, s.name, 'full')}
                  target="_blank"
                  rel="noreferrer"
                >
                  <Image
                    src={fileLinks.renderStage(render.id, s.name)}
                    alt={s.name}
                    radius="sm"
                    h={70}
                    fit="cover"
                  />
                  <Text size="xs" ta="center">
                    {s.look === 'fresh'
                      ? t('editor.stageSession', { n: s.afterSession })
                      : s.look === 'healed'
                        ? s.scarRetention === 'poor'
                          ? t('editor.insights.scar.poorStage')
                          : t('editor.looks.healed')
                        : t('editor.looks.faded', { years: s.years })}
                  </Text>
                </a>
              ))}
            </SimpleGrid>
            {render.camouflage?.map((c) => (
              <Text key={c.zoneId} size="xs" data-testid={`camouflage-${c.zoneId}`}>
                {t('editor.camouflage', {
                  zone: c.zoneId,
                  before: c.before.deltaE00.toFixed(1),
                  after: c.after.deltaE00.toFixed(1),
                })}
                {/* Worse after than before: said here, not left beside the plan's "up to 100 %". */}
                {c.after.deltaE00 > c.before.deltaE00 && (
                  <Text span size="xs" c="red" fw={600} data-testid={`camouflage-worse-${c.zoneId}`}>
                    {' '}
                    {t('editor.camouflageWorse')}
                  </Text>
                )}
              </Text>
            ))}
            {render.notes.map((n, i) => (
              <Text key={i} size="xs" c="dimmed">
                {n}
              </Text>
            ))}
          </>
        )}
      </Stack>
    </Paper>
  );
}
