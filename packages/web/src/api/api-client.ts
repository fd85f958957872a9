import type { z } from 'zod';
import { ApiRequestError, errorFromResponse } from './api-error.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions<S extends z.ZodType | undefined> {
  body?: unknown;
  query?: Record<string, QueryValue>;
  /** Validates the answer: a server that breaks the contract fails loudly here, not deep in a component. */
  schema?: S;
  /** A 401 is an expected answer here (sign-in, the session probe): don't treat it as "session ended". */
  unauthorizedIsExpected?: boolean;
  /** A file sent as the body itself (photo uploads), with its own content type. */
  file?: Blob;
  /** Extra request headers (e.g. the upload token of a booking). */
  headers?: Record<string, string>;
}

export interface ApiClientOptions {
  /** Prefix for every path; '' in the browser (same origin), a full origin in tests. */
  baseUrl?: string;
  /** The CSRF token of the session the path belongs to (staff or portal), sent on every change. */
  getCsrfToken: (path: string) => string | null | undefined;
  /** Called when a request that needed a session got 401: the session ended or was revoked. */
  onUnauthorized?: (err: ApiRequestError) => void;
  /** The UI language, sent as Accept-Language: the server answers its messages in it. */
  getLocale?: () => string;
  fetch?: typeof fetch;
}

export type ApiClient = ReturnType<typeof createApiClient>;

const STATE_CHANGING: ReadonlySet<Method> = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);

export function createApiClient(options: ApiClientOptions) {
  const baseUrl = options.baseUrl ?? '';
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function request<S extends z.ZodType | undefined = undefined>(
    method: Method,
    path: string,
    opts: RequestOptions<S> = {},
  ): Promise<S extends z.ZodType ? z.infer<S> : unknown> {
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    const locale = options.getLocale?.();
    if (locale) headers['accept-language'] = locale;
    if (opts.file) headers['content-type'] = opts.file.type || 'application/octet-stream';
    else if (opts.body !== undefined) headers['content-type'] = 'application/json';
    if (STATE_CHANGING.has(method)) {
      const token = options.getCsrfToken(path);
      if (token) headers['x-csrf-token'] = token;
    }

    let res: Response;
    try {
      res = await doFetch(baseUrl + path + queryString(opts.query), {
        method,
        headers,
        credentials: 'same-origin',
        body: opts.file ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
      });
    } catch (cause) {
      throw new ApiRequestError(0, 'network_error', cause instanceof Error ? cause.message : String(cause));
    }

    if (!res.ok) {
      const err = await errorFromResponse(res);
      if (res.status === 401 && !opts.unauthorizedIsExpected) options.onUnauthorized?.(err);
      throw err;
    }
    if (res.status === 204) return undefined as never;

    const text = await res.text();
    let data: unknown;
    try {
      data = text ? JSON.parse(text) : undefined;
    } catch {
      throw new ApiRequestError(res.status, 'bad_response', `${method} ${path}: the answer is not JSON`);
    }
    if (!opts.schema) return data as never;
    const parsed = opts.schema.safeParse(data);
    if (!parsed.success) {
      const where = parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      throw new ApiRequestError(
        res.status,
        'bad_response',
        `${method} ${path}: unexpected answer (${where})`,
      );
    }
    return parsed.data as never;
  }

  return {
    request,
    get: <S extends z.ZodType | undefined = undefined>(path: string, opts?: RequestOptions<S>) =>
      request<S>('GET', path, opts),
    post: <S extends z.ZodType | undefined = undefined>(
      path: string,
      body?: unknown,
      opts?: RequestOptions<S>,
    ) => request<S>('POST', path, { ...opts, body }),
    patch: <S extends z.ZodType | undefined = undefined>(
      path: string,
      body?: unknown,
      opts?: RequestOptions<S>,
    ) => request<S>('PATCH', path, { ...opts, body }),
    put: <S extends z.ZodType | undefined = undefined>(
      path: string,
      body?: unknown,
      opts?: RequestOptions<S>,
    ) => request<S>('PUT', path, { ...opts, body }),
  };
}

export function queryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
