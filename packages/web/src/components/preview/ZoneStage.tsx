import { useCallback, useEffect, useLayoutEffect, useRef, useState, type PointerEvent } from 'react';
import type { Point, ZoneInput } from '../../preview/zone-editing.js';
import { distanceToSegment, pointInPolygon } from '@stipple/core';
import { ZoneShapes } from './ZoneShapes.js';

export type StageTool =
  'select' | 'pan' | 'ruler' | 'fill' | 'scar' | 'exclude' | 'hairline' | 'paint' | 'erase';

export interface View {
  scale: number;
  tx: number;
  ty: number;
}

/**
 * The photo with the rendered preview (split before/after), the zones over it, and everything a
 * finger or a mouse does there: tap to add points, drag vertices, one finger (pan tool) or two
 * fingers to pan, pinch to zoom. Pointer events only, so a pen, a finger and a mouse all work.
 */
export function ZoneStage({
  photo,
  frame,
  split,
  zones,
  showZones,
  selectedId,
  tool,
  drawing,
  ruler,
  view,
  onView,
  onSelect,
  onAddPoint,
  onMoveVertex,
  onRulerPoint,
  height,
  suggestions = [],
  follicles = null,
  brushRadius = 0,
  onBrushStroke,
}: {
  photo: ImageData;
  frame: ImageData | null;
  split: number;
  zones: ZoneInput[];
  showZones: boolean;
  selectedId: string | null;
  tool: StageTool;
  drawing: Point[];
  ruler: Point[];
  view: View;
  onView: (v: View) => void;
  onSelect: (id: string | null) => void;
  onAddPoint: (p: Point) => void;
  onMoveVertex: (zoneId: string, index: number, p: Point) => void;
  onRulerPoint: (p: Point) => void;
  height: number;
  /** Scar regions the analysis suggests (not yet accepted or dismissed), in preview pixels. */
  suggestions?: { id: string; polygon: Point[] }[];
  /** Follicle centres found by the analysis (x0, y0, x1, y1, … in preview pixels), when shown. */
  follicles?: number[] | null;
  /** Radius of the paint and erase brush, in preview pixels. */
  brushRadius?: number;
  onBrushStroke?: (points: Point[]) => void;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef<
    | { kind: 'pan'; startX: number; startY: number; view: View; moved: boolean }
    | { kind: 'vertex'; zoneId: string; index: number }
    | { kind: 'pinch'; distance: number; mid: { x: number; y: number }; view: View }
    | { kind: 'tap'; x: number; y: number }
    | { kind: 'brush'; points: Point[] }
    | null
  >(null);
  const [brushPath, setBrushPath] = useState<Point[] | null>(null);
  const [pointer, setPointer] = useState<Point | null>(null);
  const brushing = tool === 'paint' || tool === 'erase';
  const { width: w, height: h } = photo;

  useLayoutEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx) return;
    ctx.putImageData(photo, 0, 0);
    if (frame && frame.width === w && frame.height === h) {
      const sx = Math.round(split * w);
      if (sx < w) ctx.putImageData(frame, 0, 0, sx, 0, w - sx, h);
    }
    if (follicles) {
      ctx.fillStyle = 'rgba(21, 170, 191, 0.9)';
      for (let i = 0; i + 1 < follicles.length; i += 2)
        ctx.fillRect(follicles[i]! - 1, follicles[i + 1]! - 1, 3, 3);
    }
  }, [photo, frame, split, w, h, follicles]);

  const toImage = useCallback(
    (clientX: number, clientY: number): Point => {
      const rect = box.current!.getBoundingClientRect();
      return [(clientX - rect.left - view.tx) / view.scale, (clientY - rect.top - view.ty) / view.scale];
    },
    [view],
  );

  const down = (event: PointerEvent<HTMLDivElement>) => {
    box.current?.setPointerCapture(event.pointerId);
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.current.size === 2) {
      const [a, b] = [...pointers.current.values()] as [{ x: number; y: number }, { x: number; y: number }];
      gesture.current = {
        kind: 'pinch',
        distance: Math.hypot(a.x - b.x, a.y - b.y),
        mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 },
        view,
      };
      return;
    }
    const target = event.target as Element;
    const vertex = target.getAttribute('data-vertex');
    if (vertex !== null && selectedId && tool === 'select') {
      gesture.current = { kind: 'vertex', zoneId: selectedId, index: Number(vertex) };
      return;
    }
    if (tool === 'pan' || tool === 'select') {
      gesture.current = { kind: 'pan', startX: event.clientX, startY: event.clientY, view, moved: false };
      return;
    }
    if (brushing) {
      const points = [toImage(event.clientX, event.clientY)];
      gesture.current = { kind: 'brush', points };
      setBrushPath(points);
      return;
    }
    gesture.current = { kind: 'tap', x: event.clientX, y: event.clientY };
  };

  const move = (event: PointerEvent<HTMLDivElement>) => {
    if (brushing) setPointer(toImage(event.clientX, event.clientY));
    if (!pointers.current.has(event.pointerId)) return;
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    const g = gesture.current;
    if (!g) return;
    if (g.kind === 'pinch' && pointers.current.size >= 2) {
      const [a, b] = [...pointers.current.values()] as [{ x: number; y: number }, { x: number; y: number }];
      const distance = Math.hypot(a.x - b.x, a.y - b.y);
      const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
      const rect = box.current!.getBoundingClientRect();
      const scale = clampScale((g.view.scale * distance) / g.distance);
      // Keep the image point under the fingers' midpoint where it was.
      const ix = (g.mid.x - rect.left - g.view.tx) / g.view.scale;
      const iy = (g.mid.y - rect.top - g.view.ty) / g.view.scale;
      onView({ scale, tx: mid.x - rect.left - ix * scale, ty: mid.y - rect.top - iy * scale });
    } else if (g.kind === 'pan') {
      const dx = event.clientX - g.startX;
      const dy = event.clientY - g.startY;
      if (Math.abs(dx) + Math.abs(dy) > 4) g.moved = true;
      if (g.moved) onView({ ...g.view, tx: g.view.tx + dx, ty: g.view.ty + dy });
    } else if (g.kind === 'brush') {
      // A point every quarter radius keeps the stroke smooth without thousands of segments.
      const p = toImage(event.clientX, event.clientY);
      const last = g.points[g.points.length - 1]!;
      if (Math.hypot(p[0] - last[0], p[1] - last[1]) >= Math.max(1, brushRadius / 4)) {
        g.points = [...g.points, p];
        setBrushPath(g.points);
      }
    } else if (g.kind === 'vertex') {
      const [x, y] = toImage(event.clientX, event.clientY);
      onMoveVertex(g.zoneId, g.index, [clamp(x, 0, w - 1), clamp(y, 0, h - 1)]);
    }
  };

  const up = (event: PointerEvent<HTMLDivElement>) => {
    pointers.current.delete(event.pointerId);
    const g = gesture.current;
    if (pointers.current.size > 0) return;
    gesture.current = null;
    if (!g) return;
    if (g.kind === 'brush') {
      setBrushPath(null);
      onBrushStroke?.(g.points);
      return;
    }
    if (g.kind === 'pan' && !g.moved && tool === 'select') {
      const [x, y] = toImage(event.clientX, event.clientY);
      const hit = [...zones].reverse().find((z) => z.kind !== 'hairline' && pointInPolygon(z.polygon, x, y));
      const line = zones.find(
        (z) => z.kind === 'hairline' && nearPolyline(z.polyline, x, y, 12 / view.scale),
      );
      onSelect(hit?.id ?? line?.id ?? null);
    }
    if (g.kind === 'tap' && Math.hypot(event.clientX - g.x, event.clientY - g.y) < 10) {
      const [x, y] = toImage(event.clientX, event.clientY);
      if (x < 0 || y < 0 || x >= w || y >= h) return;
      if (tool === 'ruler') onRulerPoint([x, y]);
      else onAddPoint([x, y]);
    }
  };

  // The wheel zooms about the pointer (desktop).
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const wheel = (event: WheelEvent) => {
      event.preventDefault();
      const rect = el.getBoundingClientRect();
      const scale = clampScale(view.scale * Math.exp(-event.deltaY / 400));
      const ix = (event.clientX - rect.left - view.tx) / view.scale;
      const iy = (event.clientY - rect.top - view.ty) / view.scale;
      onView({
        scale,
        tx: event.clientX - rect.left - ix * scale,
        ty: event.clientY - rect.top - iy * scale,
      });
    };
    el.addEventListener('wheel', wheel, { passive: false });
    return () => el.removeEventListener('wheel', wheel);
  }, [view, onView]);

  const [hovered, setHovered] = useState(false);
  const cursor = tool === 'pan' ? 'grab' : tool === 'select' ? 'default' : brushing ? 'none' : 'crosshair';

  return (
    <div
      ref={box}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={up}
      onPointerEnter={() => setHovered(true)}
      onPointerLeave={() => {
        setHovered(false);
        setPointer(null);
      }}
      style={{
        position: 'relative',
        overflow: 'hidden',
        height,
        background: '#1a1b1e',
        borderRadius: 8,
        touchAction: 'none',
        cursor: hovered ? cursor : 'default',
        userSelect: 'none',
      }}
      data-testid="zone-stage"
    >
      <div
        style={{
          position: 'absolute',
          left: 0,
          top: 0,
          width: w,
          height: h,
          transformOrigin: '0 0',
          transform: `translate(${view.tx}px, ${view.ty}px) scale(${view.scale})`,
        }}
      >
        <canvas
          ref={canvas}
          width={w}
          height={h}
          style={{
            display: 'block',
            width: w,
            height: h,
            imageRendering: view.scale > 2 ? 'pixelated' : 'auto',
          }}
          data-testid="preview-canvas"
        />
        <svg
          viewBox={`0 0 ${w} ${h}`}
          width={w}
          height={h}
          style={{ position: 'absolute', inset: 0, overflow: 'visible' }}
          data-testid="zone-overlay"
        >
          {frame && split > 0 && split < 1 && (
            <line
              x1={split * w}
              x2={split * w}
              y1={0}
              y2={h}
              stroke="#fff"
              strokeWidth={2 / view.scale}
              strokeDasharray={`${6 / view.scale} ${4 / view.scale}`}
            />
          )}
          <ZoneShapes
            zones={zones}
            suggestions={suggestions}
            showZones={showZones}
            selectedId={selectedId}
            tool={tool}
            view={view}
          />
          {drawing.length > 0 && (
            <g data-testid="drawing">
              <polyline
                points={drawing.map((p) => p.join(',')).join(' ')}
                fill="none"
                stroke="#fab005"
                strokeWidth={2 / view.scale}
              />
              {drawing.map((p, i) => (
                <circle key={i} cx={p[0]} cy={p[1]} r={4 / view.scale} fill="#fab005" />
              ))}
            </g>
          )}
          {brushing && brushPath && (
            <polyline
              points={brushPath.map((p) => p.join(',')).join(' ')}
              fill="none"
              stroke={tool === 'paint' ? '#fab005' : '#fa5252'}
              strokeOpacity={0.45}
              strokeWidth={2 * brushRadius}
              strokeLinecap="round"
              strokeLinejoin="round"
              data-testid="brush-stroke"
            />
          )}
          {brushing && pointer && hovered && (
            <circle
              cx={pointer[0]}
              cy={pointer[1]}
              r={brushRadius}
              fill="none"
              stroke={tool === 'paint' ? '#fab005' : '#fa5252'}
              strokeWidth={1.5 / view.scale}
              pointerEvents="none"
            />
          )}
          {ruler.length > 0 && (
            <g data-testid="ruler">
              {ruler.length === 2 && (
                <line
                  x1={ruler[0]![0]}
                  y1={ruler[0]![1]}
                  x2={ruler[1]![0]}
                  y2={ruler[1]![1]}
                  stroke="#15aabf"
                  strokeWidth={2 / view.scale}
                />
              )}
              {ruler.map((p, i) => (
                <circle
                  key={i}
                  cx={p[0]}
                  cy={p[1]}
                  r={5 / view.scale}
                  fill="none"
                  stroke="#15aabf"
                  strokeWidth={2 / view.scale}
                />
              ))}
            </g>
          )}
        </svg>
      </div>
    </div>
  );
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
/** The zoom the stage allows: 5 % to 800 %. */
export const clampScale = (s: number) => clamp(s, 0.05, 8);

function nearPolyline(line: readonly Point[], x: number, y: number, tolerance: number): boolean {
  for (let i = 0; i + 1 < line.length; i++)
    if (distanceToSegment(x, y, line[i]!, line[i + 1]!).d <= tolerance) return true;
  return false;
}
