// What the editor and the previews list make of a job's status (an analysis, a render).

/** A render that will not change any more: made, failed, or replaced by a newer save. */
export function renderFinished(status: string): boolean {
  return status === 'done' || status === 'failed' || status === 'superseded';
}

export function jobStatusColor(status: string): string {
  if (status === 'done') return 'teal';
  if (status === 'failed') return 'red';
  return status === 'superseded' ? 'gray' : 'blue';
}
