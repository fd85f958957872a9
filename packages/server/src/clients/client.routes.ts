// Client records: any signed-in role. A client of another studio is simply not found (404).
import {
  Client,
  ClientListPage,
  ClientListQuery,
  CreateClientRequest,
  UpdateClientRequest,
} from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.plugin.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import type { ClientService } from './client.service.js';

export const clientRoutes: FastifyPluginCallbackZod<{ clients: ClientService }> = (
  app,
  { clients },
  done,
) => {
  const access = { access: 'staff' as const };

  app.get(
    '/api/clients',
    {
      config: access,
      schema: {
        tags: ['clients'],
        summary:
          'Search and page through clients (q matches names, email and phone digits, ignoring accents and case)',
        querystring: ClientListQuery,
        response: { 200: ClientListPage, ...errorResponses },
      },
    },
    async (request) => clients.list(actorOf(request), request.query),
  );

  app.post(
    '/api/clients',
    {
      config: access,
      schema: {
        tags: ['clients'],
        summary: 'Create a client',
        body: CreateClientRequest,
        response: { 201: Client, ...errorResponses },
      },
    },
    async (request, reply) => reply.status(201).send(await clients.create(actorOf(request), request.body)),
  );

  app.get(
    '/api/clients/:id',
    {
      config: access,
      schema: {
        tags: ['clients'],
        summary: 'One client',
        params: IdParams,
        response: { 200: Client, ...errorResponses },
      },
    },
    async (request) => clients.get(actorOf(request), request.params.id),
  );

  app.patch(
    '/api/clients/:id',
    {
      config: access,
      schema: {
        tags: ['clients'],
        summary: 'Edit a client; send the version you read to get 409 if someone saved in between',
        params: IdParams,
        body: UpdateClientRequest,
        response: { 200: Client, ...errorResponses },
      },
    },
    async (request) => clients.update(actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/clients/:id/archive',
    {
      config: access,
      schema: {
        tags: ['clients'],
        summary: 'Archive a client',
        params: IdParams,
        response: { 200: Client, ...errorResponses },
      },
    },
    async (request) => clients.setArchived(actorOf(request), request.params.id, true),
  );

  app.post(
    '/api/clients/:id/restore',
    {
      config: access,
      schema: {
        tags: ['clients'],
        summary: 'Restore an archived client',
        params: IdParams,
        response: { 200: Client, ...errorResponses },
      },
    },
    async (request) => clients.setArchived(actorOf(request), request.params.id, false),
  );
  done();
};
