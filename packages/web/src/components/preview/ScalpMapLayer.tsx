import { useLayoutEffect, useRef, useState, type PointerEvent } from 'react';
import { overlayPixels } from '../../preview/scalp-map-editing.js';
import type { ScalpMapCorrection } from '../../preview/use-scalp-map-correction.js';
import type { View } from './ZoneStage.js';

/**
 * The head and scalp map as a translucent layer over the zone stage, in the stage's own view
 * (pan and zoom). While a map tool is on it takes the pointer: a tap adds or removes the region
 * under it, a stroke brushes the edge; otherwise the stage below gets every touch.
 * `k` is preview pixels per photo pixel.
 */
export function ScalpMapLayer({ map, view, k }: { map: ScalpMapCorrection; view: View; k: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const stroke = useRef<{
    points: [number, number][];
    start: { x: number; y: number };
    moved: boolean;
  } | null>(null);
  const [path, setPath] = useState<[number, number][] | null>(null);
  const [pointer, setPointer] = useState<[number, number] | null>(null);
  const { current, automatic, visible, tool } = map;

  useLayoutEffect(() => {
    const ctx = canvas.current?.getContext('2d');
    if (!ctx || !current) return;
    ctx.putImageData(new ImageData(overlayPixels(current), current.width, current.height), 0, 0);
  }, [current]);

  if (!current || !automatic || (!visible && tool === 'off')) return null;
  /** Preview pixels per map pixel. */
  const cell = automatic.factor * k;
  const toMap = (event: PointerEvent): [number, number] => {
    const rect = box.current!.getBoundingClientRect();
    return [
      (event.clientX - rect.left - view.tx) / view.scale / cell,
      (event.clientY - rect.top - view.ty) / view.scale / cell,
    ];
  };
  const editing = tool !== 'off';
  const brushing = tool === 'add' || tool === 'erase';

  const down = (event: PointerEvent<HTMLDivElement>) => {
    if (!editing) return;
    box.current?.setPointerCapture(event.pointerId);
    const p = toMap(event);
    stroke.current = { points: [p], start: { x: event.clientX, y: event.clientY }, moved: false };
    if (brushing) setPath([p]);
  };
  const move = (event: PointerEvent<HTMLDivElement>) => {
    const p = toMap(event);
    if (brushing) setPointer(p);
    const s = stroke.current;
    if (!s) return;
    if (Math.hypot(event.clientX - s.start.x, event.clientY - s.start.y) > 6) s.moved = true;
    const last = s.points[s.points.length - 1]!;
    if (brushing && Math.hypot(p[0] - last[0], p[1] - last[1]) >= map.brushRadius / 3) {
      s.points.push(p);
      setPath([...s.points]);
    }
  };
  const up = (event: PointerEvent<HTMLDivElement>) => {
    const s = stroke.current;
    stroke.current = null;
    setPath(null);
    if (!s) return;
    if (tool === 'tap') {
      if (!s.moved) map.tapAt(Math.floor(s.points[0]![0]), Math.floor(s.points[0]![1]));
    } else map.brush([...s.points, toMap(event)]);
  };

  const colour = tool === 'erase' ? '#fa5252' : '#40c057';
  return (
    <div
      ref={box}
      onPointerDown={down}
      onPointerMove={move}
      onPointerUp={up}
      onPointerCancel={() => {
        stroke.current = null;
        setPath(null);
      }}
      onPointerLeave={() => setPointer(null)}
      style={{
        position: 'absolute',
        inset: 0,
        overflow: 'hidden',
        borderRadius: 8,
        pointerEvents: editing ? 'auto' : 'none',
        touchAction: 'none',
        cursor: brushing ? 'none' : editing ? 'pointer' : 'default',
      }}
      data-testid="scalp-map-layer"
      data-tool={tool}
    >
      <div
        style={{
          position: 'absolute',
          left: 0,
          top: 0,
          transformOrigin: '0 0',
          transform: `translate(${view.tx}px, ${view.ty}px) scale(${view.scale})`,
        }}
      >
        <canvas
          ref={canvas}
          width={current.width}
          height={current.height}
          style={{
            display: visible ? 'block' : 'none',
            width: current.width * cell,
            height: current.height * cell,
            imageRendering: 'pixelated',
          }}
          data-testid="scalp-map-canvas"
        />
        <svg
          width={current.width * cell}
          height={current.height * cell}
          viewBox={`0 0 ${current.width} ${current.height}`}
          style={{ position: 'absolute', inset: 0, overflow: 'visible', pointerEvents: 'none' }}
        >
          {path && (
            <polyline
              points={path.map((p) => p.join(',')).join(' ')}
              fill="none"
              stroke={colour}
              strokeOpacity={0.5}
              strokeWidth={2 * map.brushRadius}
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          )}
          {brushing && pointer && (
            <circle
              cx={pointer[0]}
              cy={pointer[1]}
              r={map.brushRadius}
              fill="none"
              stroke={colour}
              strokeWidth={1.5 / (view.scale * cell)}
            />
          )}
        </svg>
      </div>
    </div>
  );
}
