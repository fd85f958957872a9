import type { PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REGION_BANDS, REGION_LABELS } from '../../consultation/scalp-regions.js';

export interface DiagramMark {
  x: number;
  y: number;
  label: string;
  active?: boolean;
}

const W = 200;
const H = 250;
// The head outline: an ellipse a little longer than wide, forehead at the top.
const CX = W / 2;
const CY = H / 2 + 4;
const RX = 82;
const RY = 106;
const toSvg = (x: number, y: number): [number, number] => [CX - RX + x * 2 * RX, CY - RY + y * 2 * RY];

/**
 * The top view of a head on which the artist taps where a scar is. Coordinates are normalised:
 * x from the client's left (0) to right (1), y from the forehead (0) to the nape (1).
 */
export function ScalpDiagram({
  marks,
  onPick,
  size = 220,
  testId,
}: {
  marks: DiagramMark[];
  onPick?: (point: { x: number; y: number }) => void;
  size?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const pick = (event: PointerEvent<SVGSVGElement>) => {
    if (!onPick) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const sx = ((event.clientX - rect.left) / rect.width) * W;
    const sy = ((event.clientY - rect.top) / rect.height) * H;
    const x = (sx - (CX - RX)) / (2 * RX);
    const y = (sy - (CY - RY)) / (2 * RY);
    // Only inside the head outline.
    if ((sx - CX) ** 2 / RX ** 2 + (sy - CY) ** 2 / RY ** 2 > 1) return;
    onPick({ x: Math.round(x * 1000) / 1000, y: Math.round(y * 1000) / 1000 });
  };

  return (
    <svg
      viewBox={`0 0 ${W} ${H}`}
      width={size}
      height={(size * H) / W}
      role={onPick ? 'button' : 'img'}
      aria-label={t('assessment.diagram.label')}
      onPointerDown={pick}
      style={{ touchAction: 'manipulation', cursor: onPick ? 'crosshair' : 'default', display: 'block' }}
      data-testid={testId}
    >
      <defs>
        <clipPath id="scalp-clip">
          <ellipse cx={CX} cy={CY} rx={RX} ry={RY} />
        </clipPath>
      </defs>
      {/* Nose and ears for orientation. */}
      <path
        d={`M ${CX - 10} ${CY - RY + 2} L ${CX} ${CY - RY - 14} L ${CX + 10} ${CY - RY + 2}`}
        fill="#f3e1d3"
        stroke="#a08878"
      />
      <ellipse cx={CX - RX - 4} cy={CY - 10} rx={8} ry={20} fill="#f3e1d3" stroke="#a08878" />
      <ellipse cx={CX + RX + 4} cy={CY - 10} rx={8} ry={20} fill="#f3e1d3" stroke="#a08878" />
      <ellipse cx={CX} cy={CY} rx={RX} ry={RY} fill="#f6e6da" stroke="#8a7262" strokeWidth={1.5} />
      <g clipPath="url(#scalp-clip)" stroke="#cdb4a3" strokeWidth={0.8} strokeDasharray="3 3">
        {REGION_BANDS.map((band) => {
          const [, y] = toSvg(0, band);
          return <line key={band} x1={0} x2={W} y1={y} y2={y} />;
        })}
        <line x1={toSvg(0.2, 0)[0]} x2={toSvg(0.2, 0)[0]} y1={toSvg(0, 0)[1]} y2={toSvg(0, 0.22)[1]} />
        <line x1={toSvg(0.8, 0)[0]} x2={toSvg(0.8, 0)[0]} y1={toSvg(0, 0)[1]} y2={toSvg(0, 0.22)[1]} />
        <line x1={toSvg(0.23, 0)[0]} x2={toSvg(0.2, 0)[0]} y1={toSvg(0, 0.22)[1]} y2={toSvg(0, 0.6)[1]} />
        <line x1={toSvg(0.77, 0)[0]} x2={toSvg(0.8, 0)[0]} y1={toSvg(0, 0.22)[1]} y2={toSvg(0, 0.6)[1]} />
      </g>
      {REGION_LABELS.map(({ region, x, y }) => {
        const [sx, sy] = toSvg(x, y);
        return (
          <text
            key={region}
            x={sx}
            y={sy}
            fontSize={8}
            textAnchor="middle"
            fill="#8a7262"
            pointerEvents="none"
          >
            {t(`scalpRegions.${region}`)}
          </text>
        );
      })}
      <text x={CX} y={10} fontSize={8} textAnchor="middle" fill="#8a7262" pointerEvents="none">
        {t('assessment.diagram.front')}
      </text>
      {marks.map((m, i) => {
        const [sx, sy] = toSvg(m.x, m.y);
        return (
          <g key={i} pointerEvents="none">
            <circle
              cx={sx}
              cy={sy}
              r={m.active ? 9 : 7}
              fill={m.active ? '#c2255c' : '#868e96'}
              stroke="#fff"
              strokeWidth={1.5}
            />
            <text x={sx} y={sy + 3} fontSize={8} textAnchor="middle" fill="#fff" fontWeight={700}>
              {m.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
