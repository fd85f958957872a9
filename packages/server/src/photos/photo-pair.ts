// Two photos of a client compared over time (an outcome, a gallery pair): the same view, the
// later one taken on a later day. The refusal names the field that chose the wrong photo.
import { bodyField, unprocessable } from '../http/app-error.js';

interface Dated {
  view: string;
  takenOn: string;
}

export function requireLaterOfSameView(earlier: Dated, later: Dated, field: string): void {
  if (earlier.view !== later.view)
    throw unprocessable('not_same_view', 'notSameView', { earlier: earlier.view, later: later.view }, [
      bodyField(field, 'invalid'),
    ]);
  if (earlier.takenOn >= later.takenOn)
    throw unprocessable('not_later', 'notLater', {}, [bodyField(field, 'invalid')]);
}
