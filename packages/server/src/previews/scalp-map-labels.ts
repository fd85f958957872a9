// The head and scalp map as the server keeps it: a one-channel PNG of class labels (0 other,
// 1 face and ears, 2 bare scalp, 3 hair-bearing scalp) at the map's own resolution, stored in the
// blob store by content, like every other blob. The API carries the same labels run-length
// encoded; this module turns one into the other and checks what an artist sends.
import { MAP_CLASS_NAMES, type FieldCode, type MessageParams, type ScalpMapLabels } from '@stipple/core';
import type { BlobStore } from '../blobs/blob-store.js';
import type { FieldError } from '../http/app-error.js';
import { decodeLabelPng, encodeLabelPng } from '../media/image-processing.js';

export interface LabelImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export function runLengths(values: Uint8Array): number[] {
  const out: number[] = [];
  let i = 0;
  while (i < values.length) {
    const v = values[i]!;
    let j = i + 1;
    while (j < values.length && values[j] === v) j++;
    out.push(v, j - i);
    i = j;
  }
  return out;
}

const CLASS_LIST = MAP_CLASS_NAMES.map((name, value) => `${value} ${name}`).join(', ');

/** The labels of a run-length encoded map, or the field errors that say why they cannot be. */
export function labelsOf(
  encoded: ScalpMapLabels,
  expected: { width: number; height: number },
  field = 'scalpMap',
): LabelImage | FieldError[] {
  const errors: FieldError[] = [];
  if (encoded.width !== expected.width)
    errors.push({
      in: 'body',
      field: `${field}.width`,
      code: 'mapSizeMismatch',
      params: { actual: encoded.width, width: expected.width, height: expected.height },
    });
  if (encoded.height !== expected.height)
    errors.push({
      in: 'body',
      field: `${field}.height`,
      code: 'mapSizeMismatch',
      params: { actual: encoded.height, width: expected.width, height: expected.height },
    });
  if (errors.length) return errors;
  const runs = encoded.classesRle;
  const length = encoded.width * encoded.height;
  const at = (code: FieldCode, params?: MessageParams): FieldError[] => [
    { in: 'body', field: `${field}.classesRle`, code, ...(params ? { params } : {}) },
  ];
  if (runs.length % 2 !== 0) return at('rleOdd');
  const data = new Uint8Array(length);
  let filled = 0;
  for (let k = 0; k < runs.length; k += 2) {
    const value = runs[k]!;
    const count = runs[k + 1]!;
    if (value >= MAP_CLASS_NAMES.length)
      return at('rleUnknownClass', { value, position: k, classes: CLASS_LIST });
    if (filled + count > length) return at('rleTooLong', { count: length });
    data.fill(value, filled, filled + count);
    filled += count;
  }
  if (filled !== length) return at('rleTooShort', { filled, count: length });
  return { width: encoded.width, height: encoded.height, data };
}

export function encodedOf(labels: LabelImage): ScalpMapLabels {
  return { width: labels.width, height: labels.height, classesRle: runLengths(labels.data) };
}

export async function putLabels(blobs: BlobStore, labels: LabelImage): Promise<string> {
  return (await blobs.put(await encodeLabelPng(labels.data, labels.width, labels.height))).sha256;
}

export async function getLabels(blobs: BlobStore, sha256: string): Promise<LabelImage> {
  return decodeLabelPng(await blobs.get(sha256));
}
