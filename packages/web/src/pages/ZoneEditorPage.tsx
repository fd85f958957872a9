import { useEffect, useState } from 'react';
import {
  Alert,
  Badge,
  Box,
  Button,
  Center,
  Grid,
  Group,
  Loader,
  Paper,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconArrowLeft, IconDeviceFloppy } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Photo, PhotoZones, Plan } from '@stipple/core';
import { useApi } from '../api/ApiProvider.js';
import { isApiRequestError } from '../api/api-error.js';
import { describeError } from '../api/describe-error.js';
import { AnalysisPanel } from '../components/preview/AnalysisPanel.js';
import { CalibrationPanel } from '../components/preview/CalibrationPanel.js';
import { EditorToolbar } from '../components/preview/EditorToolbar.js';
import { PreviewControls } from '../components/preview/PreviewControls.js';
import { PreviewInsights } from '../components/preview/PreviewInsights.js';
import { RenderPanel } from '../components/preview/RenderPanel.js';
import { ScalpMapLayer } from '../components/preview/ScalpMapLayer.js';
import { ScalpMapPanel } from '../components/preview/ScalpMapPanel.js';
import { StageHints } from '../components/preview/StageHints.js';
import { refusesAny, ZoneList, type RefusedValues } from '../components/preview/ZoneList.js';
import { ZoneStage, type StageTool } from '../components/preview/ZoneStage.js';
import { formatIsoDate, formatPersonName } from '../i18n/format.js';
import { useLocale } from '../i18n/use-ui-locale.js';
import { useBrush } from '../preview/use-brush.js';
import { useCalibration } from '../preview/use-calibration.js';
import { useClientHair } from '../preview/use-client-hair.js';
import { usePhotoAnalysis } from '../preview/use-photo-analysis.js';
import { usePhotoPixels } from '../preview/use-photo-pixels.js';
import { usePreviewDisplay } from '../preview/use-preview-display.js';
import { usePreviewWorker } from '../preview/use-preview-worker.js';
import { useSaveAndRender } from '../preview/use-save-and-render.js';
import { useScalpMapCorrection } from '../preview/use-scalp-map-correction.js';
import { useStageView } from '../preview/use-stage-view.js';
import { useZoneDraft } from '../preview/use-zone-draft.js';
import { flipHairline, moveVertex, newZone, suggestedScarZone } from '../preview/zone-drafting.js';
import { newZoneId, type Point } from '../preview/zone-editing.js';

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
  // Editing happens on the preview image; the zones are stored in the photo's own pixels.
  const k = pixels.width / photo.width;
  const calibrated = photo.pxPerMm !== null;
  const { draft, change, dirty, setDirty, zonesFile } = useZoneDraft(photo, saved, plan, k);
  const [tool, setTool] = useState<StageTool>('select');
  const [drawing, setDrawing] = useState<Point[]>([]);
  const [lastTouch, setLastTouch] = useState<Point | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  // A value typed into a zone was refused (shown beside it): nothing is saved until it is corrected.
  const [refusedValues, setRefusedValues] = useState<RefusedValues>({});
  const valuesRefused = refusesAny(refusedValues, draft.zones);
  const display = usePreviewDisplay();
  const { stageBox, stageHeight, view, setView, fit, zoomBy, actualSize } = useStageView(pixels);
  const scalpMap = useScalpMapCorrection(photo.id, () => setDirty(true));
  const { save, renderId, progress, render } = useSaveAndRender({
    photo,
    saved,
    draft,
    k,
    scalpMap,
    onSaved: () => setDirty(false),
  });
  const analysis = usePhotoAnalysis(photo.id, k, draft.zones);
  const hair = useClientHair(analysis.record, k);
  const worker = usePreviewWorker(pixels, hair);
  const { look, session } = display;
  const { followed } = analysis;
  useEffect(() => {
    if (!zonesFile) {
      worker.clear();
      return;
    }
    worker.request(zonesFile, { look, afterSession: look === 'fresh' ? session : draft.sessions }, followed);
    // The worker only ever needs the newest request.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [zonesFile, look, session, draft.sessions, followed]);

  const calibration = useCalibration(photo, k, () => setTool('select'));
  const select = (id: string | null) => {
    setSelectedId(id);
    setTool('select');
  };
  const brush = useBrush({
    tool,
    pxPerMm: photo.pxPerMm ? photo.pxPerMm * k : 0,
    draft,
    plan,
    selectedId,
    change,
    select: setSelectedId,
  });

  // ---- drawing ----
  const drawingKind =
    tool === 'fill' || tool === 'scar' || tool === 'exclude' || tool === 'hairline' ? tool : null;
  const canFinish = drawingKind === 'hairline' ? drawing.length >= 2 : drawing.length >= 3;
  const finish = () => {
    if (!drawingKind || !canFinish) return;
    const id = newZoneId(drawingKind, draft.zones);
    const zone = newZone(drawingKind, id, drawing, plan, draft.sessions);
    change((d) => ({ ...d, zones: [...d.zones, zone] }));
    setDrawing([]);
    select(id);
  };
  const startTool = (next: StageTool) => {
    setDrawing([]);
    if (next !== 'ruler') calibration.clearRuler();
    setTool(next);
  };

  const acceptSuggestion = (id: string) => {
    const sug = analysis.openSuggestions.find((x) => x.id === id);
    if (!sug) return;
    const zoneId = newZoneId('photo-scar', draft.zones);
    const zone = suggestedScarZone(zoneId, sug, plan, draft.sessions, (photo.pxPerMm ?? 1) * k);
    change((d) => ({ ...d, zones: [...d.zones, zone] }));
    analysis.handle(id);
    select(zoneId);
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
            disabled={!calibrated || draft.zones.length === 0 || valuesRefused}
            data-testid="save-zones"
          >
            {t('editor.save')}
          </Button>
        </Group>
      </Group>
      {valuesRefused && (
        <Alert color="orange" data-testid="zone-values-refused">
          {t('editor.valuesRefused')}
        </Alert>
      )}
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
            <EditorToolbar
              tool={tool}
              calibrated={calibrated}
              onTool={startTool}
              onZoom={zoomBy}
              onActualSize={actualSize}
              onFit={fit}
            />
            <Box ref={stageBox} pos="relative">
              <ZoneStage
                photo={pixels}
                frame={frame?.image ?? null}
                split={display.split}
                zones={draft.zones}
                showZones={display.showZones}
                selectedId={selectedId}
                tool={tool}
                drawing={drawing}
                ruler={calibration.ruler}
                view={view}
                onView={setView}
                onSelect={setSelectedId}
                onAddPoint={(p) => {
                  setDrawing((d) => [...d, p]);
                  setLastTouch(p);
                }}
                onMoveVertex={(zoneId, index, p) =>
                  change((d) => ({ ...d, zones: moveVertex(d.zones, zoneId, index, p) }))
                }
                onRulerPoint={calibration.addRulerPoint}
                height={stageHeight}
                suggestions={analysis.openSuggestions}
                follicles={analysis.showFollicles ? analysis.follicles : null}
                brushRadius={brush.radius}
                onBrushStroke={(points) => {
                  brush.stroke(points);
                  setLastTouch(points.at(-1) ?? null);
                }}
              />
              <ScalpMapLayer map={scalpMap} view={view} k={k} />
              <StageHints
                tool={tool}
                drawingKind={drawingKind}
                points={drawing.length}
                canFinish={canFinish}
                onCancelDrawing={() => setDrawing([])}
                onFinish={finish}
                brush={brush}
                view={view}
                lastTouch={lastTouch}
              />
            </Box>
            <PreviewControls
              worker={worker}
              display={display}
              previewing={zonesFile !== null}
              calibrated={calibrated}
              sessions={draft.sessions}
              fadeYears={draft.fadeYears}
            />
          </Stack>
        </Grid.Col>

        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <CalibrationPanel
              pxPerMm={photo.pxPerMm}
              rulerActive={tool === 'ruler'}
              calibration={calibration}
            />
            <ScalpMapPanel map={scalpMap} />
            <AnalysisPanel analysis={analysis} calibrated={calibrated} onAccept={acceptSuggestion} />

            <Paper withBorder radius="md" p="sm">
              <Text fw={600} mb="xs">
                {t('editor.zones')}
              </Text>
              <ZoneList
                canMatch={Boolean(analysis.analysed?.density)}
                scores={render?.status === 'done' ? (render.camouflage ?? []) : []}
                zones={draft.zones}
                selectedId={selectedId}
                onSelect={select}
                onChange={(zone) =>
                  change((d) => ({ ...d, zones: d.zones.map((z) => (z.id === zone.id ? zone : z)) }))
                }
                onRemove={(id) => {
                  change((d) => ({ ...d, zones: d.zones.filter((z) => z.id !== id) }));
                  if (selectedId === id) setSelectedId(null);
                }}
                onFlipHairline={(id) => change((d) => ({ ...d, zones: flipHairline(d.zones, id) }))}
                refused={refusedValues}
                onRefusedChange={setRefusedValues}
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
              fillMatches={render?.status === 'done' ? render.fillMatches : []}
            />

            <RenderPanel renderId={renderId} progress={progress} render={render} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
