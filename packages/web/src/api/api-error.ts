import { ApiError, type MessageParams } from '@stipple/core';

export type ApiFieldError = NonNullable<ApiError['fields']>[number];

/**
 * A failed API call. `code` is the server's machine-readable `error` (e.g. `invalid_credentials`,
 * `conflict`, `validation_failed`), or one of our own for failures that never reached a JSON answer:
 * `network_error` (no answer at all) and `bad_response` (an answer that breaks the API contract).
 * `messageCode` and `params` are the server's message as a key of the shared catalogue
 * (`error.<messageCode>`), so the app can say it in the language the user reads now.
 */
export class ApiRequestError extends Error {
  override readonly name = 'ApiRequestError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: ApiFieldError[] = [],
    readonly messageCode: string | null = null,
    readonly params: MessageParams = {},
  ) {
    super(message);
  }

  /** The field errors about the request body, keyed by field path (`email`, `address.city`). */
  bodyFields(): Record<string, ApiFieldError> {
    const out: Record<string, ApiFieldError> = {};
    for (const f of this.fields) {
      if (f.in === 'body' && !(f.field in out)) out[f.field] = f;
    }
    return out;
  }
}

export function isApiRequestError(err: unknown): err is ApiRequestError {
  return err instanceof ApiRequestError;
}

/** Reads a non-2xx answer into an ApiRequestError, whether or not the server sent the JSON error shape. */
export async function errorFromResponse(res: Response): Promise<ApiRequestError> {
  let body: unknown = null;
  const text = await res.text().catch(() => '');
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  const parsed = ApiError.safeParse(body);
  if (parsed.success) {
    return new ApiRequestError(
      res.status,
      parsed.data.error,
      parsed.data.message,
      parsed.data.fields ?? [],
      parsed.data.code,
      parsed.data.params ?? {},
    );
  }
  return new ApiRequestError(res.status, fallbackCode(res.status), res.statusText || `HTTP ${res.status}`);
}

function fallbackCode(status: number): string {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server_error';
  return 'request_failed';
}
