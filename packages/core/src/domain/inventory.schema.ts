import { z } from 'zod';
import { Id, IsoDate, Timestamp } from './common.schema.js';

export const PRODUCT_KINDS = ['pigment', 'needle'] as const;
export const ProductKind = z.enum(PRODUCT_KINDS);
export type ProductKind = z.infer<typeof ProductKind>;

const text = (max: number) => z.string().trim().max(max);
const required = (max: number) => text(max).min(1, { message: 'required' });

/** Needle groupings as artists write them: 1RL, 3RL, 5RL, 7RL, 3RS, 5M1 ... */
export const NeedleConfiguration = z
  .string()
  .trim()
  .regex(/^\d{1,2}(RL|RS|F|M1|M2|RM)$/i, { message: 'needleGrouping' })
  .transform((s) => s.toUpperCase());

const productFields = {
  kind: ProductKind,
  name: required(200),
  manufacturer: required(200),
  /** Pigments: the shade as the maker names it ("Shade 30", "Medium"). */
  shade: text(100).nullable().default(null),
  /** Needles: grouping and diameter. */
  needleConfiguration: NeedleConfiguration.nullable().default(null),
  needleDiameterMm: z.number().min(0.1).max(1).nullable().default(null),
  /** The label's ingredient list (EU REACH Annex XVII entry 75), for pigments. */
  ingredients: text(5000).default(''),
  /** Warnings on the label (pH regulator, nickel, chromium ...). */
  warnings: text(2000).default(''),
};

function productRules<T extends z.ZodType<{ kind: string; needleConfiguration?: unknown; shade?: unknown }>>(
  schema: T,
) {
  return schema.superRefine((p, ctx) => {
    if (p.kind === 'needle' && !p.needleConfiguration)
      ctx.addIssue({ code: 'custom', path: ['needleConfiguration'], message: 'requiredForNeedle' });
  });
}

export const CreateProductRequest = productRules(z.strictObject(productFields));
export type CreateProductRequest = z.infer<typeof CreateProductRequest>;

export const UpdateProductRequest = z
  .strictObject({
    name: required(200).optional(),
    manufacturer: required(200).optional(),
    shade: text(100).nullable().optional(),
    ingredients: text(5000).optional(),
    warnings: text(2000).optional(),
    active: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothingToChange' });
export type UpdateProductRequest = z.infer<typeof UpdateProductRequest>;

export const CreateLotRequest = z
  .strictObject({
    /** The lot / batch number printed on the label. */
    lotNumber: required(100),
    expiresOn: IsoDate,
    manufacturedOn: IsoDate.nullable().default(null),
    receivedOn: IsoDate.nullable().default(null),
    openedOn: IsoDate.nullable().default(null),
  })
  .superRefine((l, ctx) => {
    if (l.manufacturedOn && l.manufacturedOn > l.expiresOn)
      ctx.addIssue({ code: 'custom', path: ['expiresOn'], message: 'expiryAfterManufacture' });
  });
export type CreateLotRequest = z.infer<typeof CreateLotRequest>;

export const UpdateLotRequest = z
  .strictObject({ openedOn: IsoDate.nullable().optional(), archived: z.boolean().optional() })
  .refine((v) => Object.keys(v).length > 0, { message: 'nothingToChange' });
export type UpdateLotRequest = z.infer<typeof UpdateLotRequest>;

export const InventoryLot = z.object({
  id: Id,
  productId: Id,
  lotNumber: z.string(),
  expiresOn: IsoDate,
  manufacturedOn: IsoDate.nullable(),
  receivedOn: IsoDate.nullable(),
  openedOn: IsoDate.nullable(),
  archived: z.boolean(),
  /** Expired on the server's date today. */
  expired: z.boolean(),
  createdAt: Timestamp,
});
export type InventoryLot = z.infer<typeof InventoryLot>;

export const InventoryProduct = z.object({
  id: Id,
  kind: ProductKind,
  name: z.string(),
  manufacturer: z.string(),
  shade: z.string().nullable(),
  needleConfiguration: z.string().nullable(),
  needleDiameterMm: z.number().nullable(),
  ingredients: z.string(),
  warnings: z.string(),
  active: z.boolean(),
  lots: z.array(InventoryLot),
  createdAt: Timestamp,
});
export type InventoryProduct = z.infer<typeof InventoryProduct>;

export const InventoryList = z.object({ items: z.array(InventoryProduct) });
export type InventoryList = z.infer<typeof InventoryList>;

export const RecallUse = z.object({
  sessionId: Id,
  appointmentId: Id,
  clientId: Id,
  clientName: z.string(),
  artistId: Id,
  artistName: z.string(),
  performedOn: IsoDate,
  sessionNumber: z.number().int().nullable(),
  status: z.enum(['draft', 'completed']),
});
export type RecallUse = z.infer<typeof RecallUse>;

export const RecallReport = z.object({
  lot: InventoryLot,
  product: InventoryProduct.omit({ lots: true }),
  clients: z.number().int(),
  uses: z.array(RecallUse),
});
export type RecallReport = z.infer<typeof RecallReport>;
