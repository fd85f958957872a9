// The zones over the photo on the stage: the analysis's suggested scars (dashed), each zone in the
// colour of its kind (a hairline as its line and the point inward), and the selected zone's
// vertices to drag. Sizes are divided by the view's scale so that lines stay thin when zoomed.
import type { Point, ZoneInput } from '../../preview/zone-editing.js';
import type { StageTool } from './ZoneStage.js';

const COLOURS: Record<ZoneInput['kind'], string> = {
  fill: '#1c7ed6',
  scar: '#d6336c',
  exclude: '#495057',
  hairline: '#2b8a3e',
};

export function ZoneShapes({
  zones,
  suggestions,
  showZones,
  selectedId,
  tool,
  view,
}: {
  zones: ZoneInput[];
  suggestions: { id: string; polygon: Point[] }[];
  showZones: boolean;
  selectedId: string | null;
  tool: StageTool;
  view: { scale: number };
}) {
  const r = 8 / view.scale;
  const stroke = 2 / view.scale;
  const selected = zones.find((z) => z.id === selectedId);
  return (
    <>
      {suggestions.map((sug) => (
        <polygon
          key={sug.id}
          points={sug.polygon.map((p) => p.join(',')).join(' ')}
          fill="#fd7e14"
          fillOpacity={0.15}
          stroke="#fd7e14"
          strokeWidth={2 / view.scale}
          strokeDasharray={`${6 / view.scale} ${3 / view.scale}`}
          data-testid={`suggestion-${sug.id}`}
        />
      ))}
      {showZones &&
        zones.map((z) => {
          const colour = COLOURS[z.kind];
          const active = z.id === selectedId;
          if (z.kind === 'hairline') {
            const pts = z.polyline.map((p) => p.join(',')).join(' ');
            return (
              <g key={z.id} data-zone={z.id}>
                <polyline
                  points={pts}
                  fill="none"
                  stroke={colour}
                  strokeWidth={(active ? 3 : 2) / view.scale}
                />
                <circle cx={z.inward[0]} cy={z.inward[1]} r={5 / view.scale} fill={colour} />
                <line
                  x1={z.polyline[Math.floor((z.polyline.length - 1) / 2)]![0]}
                  y1={z.polyline[Math.floor((z.polyline.length - 1) / 2)]![1]}
                  x2={z.inward[0]}
                  y2={z.inward[1]}
                  stroke={colour}
                  strokeWidth={1 / view.scale}
                  strokeDasharray={`${4 / view.scale}`}
                />
              </g>
            );
          }
          return (
            <polygon
              key={z.id}
              data-zone={z.id}
              points={z.polygon.map((p) => p.join(',')).join(' ')}
              fill={colour}
              fillOpacity={z.kind === 'exclude' ? 0.35 : active ? 0.12 : 0.05}
              fillRule="evenodd"
              stroke={colour}
              strokeWidth={(active ? 3 : 1.5) / view.scale}
              strokeDasharray={z.kind === 'exclude' ? `${5 / view.scale}` : undefined}
            />
          );
        })}
      {selected &&
        showZones &&
        tool === 'select' &&
        (selected.kind === 'hairline' ? selected.polyline : selected.polygon).map((p, i) => (
          <circle
            key={i}
            data-vertex={i}
            cx={p[0]}
            cy={p[1]}
            r={r}
            fill="#fff"
            stroke={COLOURS[selected.kind]}
            strokeWidth={stroke}
            style={{ cursor: 'move' }}
            data-testid={`vertex-${i}`}
          />
        ))}
    </>
  );
}
