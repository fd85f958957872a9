// Command line: the follicle-window statistics of every annotation in a folder, as a Markdown table.
//   node bench/dist/annotations/window-stats.js bench/annotations/photos
import { AnnotationError, loadAnnotations } from './load-annotations.js';
import { windowStatistics } from './window-statistics.js';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: window-stats.js <annotation folder>');
  process.exit(2);
}
const fixed = (v: number | null, digits: number) => (v === null ? '–' : v.toFixed(digits));
try {
  console.log(
    '| photo | window (x, y, w×h) | points | uncertain | per cm² | NN mean px (mm) | NN CV | NN n |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const a of loadAnnotations(dir)) {
    a.follicleWindows.forEach((w, i) => {
      const s = windowStatistics(w, a.pxPerMm);
      // A window with nothing countable but smudges left uncertain is unresolved, not empty.
      const density = s.count === 0 && w.uncertain.length > 0 ? 'unresolved' : fixed(s.densityPerCm2, 1);
      console.log(
        `| ${a.image} | ${i + 1}: ${w.x}, ${w.y}, ${w.w}×${w.h} | ${s.count} | ${w.uncertain.length} | ${density} | ${fixed(s.nnMeanPx, 1)} (${fixed(s.nnMeanMm, 2)}) | ${fixed(s.nnCv, 2)} | ${s.nnCount} |`,
      );
    });
  }
} catch (error) {
  if (!(error instanceof AnnotationError)) throw error;
  console.error(error.message);
  process.exit(2);
}
