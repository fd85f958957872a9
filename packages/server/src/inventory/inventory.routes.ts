// Inventory: products, lots and recalls.
import {
  CreateLotRequest,
  CreateProductRequest,
  InventoryList,
  InventoryLot,
  InventoryProduct,
  RecallReport,
  UpdateLotRequest,
  UpdateProductRequest,
} from '@stipple/core';
import type { FastifyPluginCallbackZod } from 'fastify-type-provider-zod';
import { actorOf } from '../http/auth.plugin.js';
import { IdParams, errorResponses } from '../http/route-schemas.js';
import type { InventoryService } from './inventory.service.js';

export const inventoryRoutes: FastifyPluginCallbackZod<{ inventory: InventoryService }> = (
  app,
  { inventory },
  done,
) => {
  app.get(
    '/api/inventory',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Pigment and needle products with their lots (owners and artists)',
        response: { 200: InventoryList, ...errorResponses },
      },
    },
    async (request) => inventory.list(actorOf(request)),
  );
  app.post(
    '/api/inventory/products',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Add a product with its label data (owner)',
        body: CreateProductRequest,
        response: { 201: InventoryProduct, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inventory.createProduct(actorOf(request), request.body)),
  );
  app.patch(
    '/api/inventory/products/:id',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Change a product (owner)',
        params: IdParams,
        body: UpdateProductRequest,
        response: { 200: InventoryProduct, ...errorResponses },
      },
    },
    async (request) => inventory.updateProduct(actorOf(request), request.params.id, request.body),
  );
  app.post(
    '/api/inventory/products/:id/lots',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Add a lot (batch) of a product (owner)',
        params: IdParams,
        body: CreateLotRequest,
        response: { 201: InventoryLot, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await inventory.createLot(actorOf(request), request.params.id, request.body)),
  );
  app.patch(
    '/api/inventory/lots/:id',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Record when a lot was opened, or archive it (owner)',
        params: IdParams,
        body: UpdateLotRequest,
        response: { 200: InventoryLot, ...errorResponses },
      },
    },
    async (request) => inventory.updateLot(actorOf(request), request.params.id, request.body),
  );
  app.get(
    '/api/inventory/lots/:id/recall',
    {
      schema: {
        tags: ['inventory'],
        summary: 'Every client and session that used this lot, across artists (owners and artists)',
        params: IdParams,
        response: { 200: RecallReport, ...errorResponses },
      },
    },
    async (request) => inventory.recall(actorOf(request), request.params.id),
  );
  done();
};
