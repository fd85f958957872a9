// Who is asking, and may they: resolves the session cookie, checks the CSRF token on
// state-changing requests, and the role a route needs. Runs before the body is parsed, so
// strangers get their 401 without the server reading what they sent.
import type { SessionInfo } from '@stipple/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config.js';
import type { Actor } from '../auth/actor.js';
import type { AuthService } from '../auth/auth.service.js';
import type { PortalActor, PortalAuthService } from '../portal/portal-auth.service.js';
import { sameSecret } from '../auth/tokens.js';
import { AppError, forbidden, unauthenticated } from './app-error.js';

export const SESSION_COOKIE = 'stipple_session';
export const CSRF_HEADER = 'x-csrf-token';

/**
 * What a route needs: `public` (anyone), `optional` (a session is used when present), `staff`
 * (any signed-in role), `owner`. API routes that say nothing need `staff`.
 */
export type Access = 'public' | 'optional' | 'staff' | 'owner' | 'portal';

/** The client portal's own cookie: a staff session and a client session never mix. */
export const PORTAL_COOKIE = 'stipple_portal';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionInfo: SessionInfo | null;
    portal: PortalSession | null;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface PortalSession {
  actor: PortalActor;
  csrfToken: string;
  expiresAt: Date;
}

const cookieOptions = (config: Pick<Config, 'cookieSecure'>) =>
  ({ httpOnly: true, sameSite: 'lax', secure: config.cookieSecure, path: '/' }) as const;

export function setPortalCookie(
  reply: FastifyReply,
  config: Pick<Config, 'cookieSecure'>,
  token: string,
  expiresAt: Date,
): void {
  void reply.setCookie(PORTAL_COOKIE, token, { ...cookieOptions(config), expires: expiresAt });
}

export function clearPortalCookie(reply: FastifyReply, config: Pick<Config, 'cookieSecure'>): void {
  void reply.clearCookie(PORTAL_COOKIE, cookieOptions(config));
}

/** The signed-in client of a portal route (the hook has already refused everyone else). */
export function portalOf(request: FastifyRequest): PortalSession {
  if (!request.portal) throw unauthenticated('portalSignInFirst');
  return request.portal;
}

function checkCsrf(request: FastifyRequest, expected: string): void {
  if (!STATE_CHANGING.has(request.method)) return;
  const sent = request.headers[CSRF_HEADER];
  const value = Array.isArray(sent) ? sent[0] : sent;
  if (!value || !sameSecret(value, expected)) {
    throw new AppError(403, 'csrf_failed', 'csrfFailed', {}, [
      { in: 'headers', field: CSRF_HEADER, code: value ? 'invalid' : 'required' },
    ]);
  }
}

export function setSessionCookie(
  reply: FastifyReply,
  config: Pick<Config, 'cookieSecure'>,
  token: string,
  expiresAt: Date,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Pick<Config, 'cookieSecure'>): void {
  void reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
  });
}

/** The signed-in actor of a route that requires one (the hook has already refused everyone else). */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

function accessOf(request: FastifyRequest): Access {
  const declared = request.routeOptions.config?.access;
  if (declared) return declared;
  // The web app's static files (the catch-all route): unknown /api paths fall through it to a 404.
  if (request.routeOptions.url === '/*') return 'public';
  const path = request.url.split('?')[0] ?? '';
  return path.startsWith('/api/') ? 'staff' : 'public';
}

function authPlugin(
  app: FastifyInstance,
  opts: { auth: AuthService; portal: PortalAuthService; config: Config },
  done: () => void,
): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionInfo', null);
  app.decorateRequest('portal', null);

  app.addHook('onRequest', async (request, reply) => {
    // Unknown routes fall through to the not-found handler, which answers without a session.
    if (request.is404) return;
    const access = accessOf(request);
    if (access === 'public') return;
    if (access === 'portal') {
      const portalToken = request.cookies[PORTAL_COOKIE];
      const portal = portalToken ? await opts.portal.resolve(portalToken) : null;
      if (!portal) {
        if (portalToken) clearPortalCookie(reply, opts.config);
        throw unauthenticated(portalToken ? 'portalClosed' : 'portalSignInFirst');
      }
      checkCsrf(request, portal.csrfToken);
      request.portal = { actor: portal.actor, csrfToken: portal.csrfToken, expiresAt: portal.expiresAt };
      if (portal.extended) setPortalCookie(reply, opts.config, portalToken!, portal.expiresAt);
      return;
    }

    const token = request.cookies[SESSION_COOKIE];
    const resolved = token ? await opts.auth.resolve(token) : null;
    if (!resolved) {
      if (access === 'optional') return;
      if (token) clearSessionCookie(reply, opts.config);
      throw token ? unauthenticated('sessionEnded') : unauthenticated();
    }

    checkCsrf(request, resolved.info.csrfToken);
    if (access === 'owner' && resolved.actor.role !== 'owner') throw forbidden('ownerOnly');

    request.actor = resolved.actor;
    request.sessionInfo = resolved.info;
    if (resolved.extended) setSessionCookie(reply, opts.config, token!, new Date(resolved.info.expiresAt));
  });
  done();
}

export default fp(authPlugin, { name: 'stipple-auth', dependencies: ['@fastify/cookie'] });
