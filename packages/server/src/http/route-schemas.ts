// Pieces shared by route schemas: the error answers every route documents, and id params.
import { ApiError, Id } from '@stipple/core';
import { z } from 'zod';

export const IdParams = z.strictObject({ id: Id });

/** Documented error answers; the error handler's bodies match ApiError. */
export const errorResponses = {
  400: ApiError,
  401: ApiError,
  403: ApiError,
  404: ApiError,
  409: ApiError,
  410: ApiError,
  413: ApiError,
  415: ApiError,
  422: ApiError,
  429: ApiError,
} as const;

export const NoContent = z.null().describe('no content');
