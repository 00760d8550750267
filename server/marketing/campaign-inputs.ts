/**
 * The zod schemas of the staff campaign actions: money in integer fen, a 满X减Y's threshold above its reduction,
 * dates ordered, a per-group cap only on community templates. A bad input is refused as INVALID_INPUT naming the
 * field, before anything is read or written.
 */
import { z } from 'zod';

export const idSchema = z.string().trim().min(1).max(64);
const fen = z.number().int().min(1).max(100_000_000);
const epoch = z.number().int().min(0).max(8_640_000_000_000);
const title = z.string().trim().min(1).max(20);

export const benefitSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('fixed'), amountFen: fen }),
  z.strictObject({
    kind: z.literal('percentage'),
    percentOff: z.number().int().min(1).max(99),
    capFen: fen.optional(),
    minSpendFen: fen.optional(),
  }),
  z
    .strictObject({ kind: z.literal('threshold'), thresholdFen: fen, amountFen: fen })
    .refine((b) => b.thresholdFen > b.amountFen, { message: '门槛必须大于减免金额', path: ['amountFen'] }),
]);

export const scopeSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('shop') }),
  z.strictObject({ type: z.literal('categories'), categoryIds: z.array(idSchema).min(1).max(50) }),
  z.strictObject({ type: z.literal('goods'), goodsIds: z.array(idSchema).min(1).max(200) }),
]);

export const validitySchema = z.discriminatedUnion('type', [
  z
    .strictObject({ type: z.literal('dates'), startsAt: epoch, endsAt: epoch })
    .refine((v) => v.endsAt > v.startsAt, { message: '有效期结束须晚于开始', path: ['endsAt'] }),
  z.strictObject({ type: z.literal('days_after_claim'), days: z.number().int().min(1).max(365) }),
]);

export const templateInputSchema = z
  .strictObject({
    id: idSchema.optional(),
    title,
    benefit: benefitSchema,
    scope: scopeSchema,
    validity: validitySchema,
    totalQuantity: z.number().int().min(1).max(10_000_000).nullable(),
    perUserLimit: z.number().int().min(1).max(100),
    communityOnly: z.boolean(),
    perGroupLimit: z.number().int().min(1).max(100_000).optional(),
    claimStartsAt: epoch,
    claimEndsAt: epoch,
    enabled: z.boolean(),
  })
  .refine((t) => t.claimEndsAt > t.claimStartsAt, { message: '领取结束须晚于领取开始', path: ['claimEndsAt'] })
  .refine((t) => t.perGroupLimit === undefined || t.communityOnly, { message: '仅社群券可设置每群上限', path: ['perGroupLimit'] })
  .refine((t) => t.validity.type !== 'dates' || t.validity.endsAt > t.claimStartsAt, {
    message: '有效期须在领取开始之后结束',
    path: ['validity', 'endsAt'],
  });

const tierSchema = z.strictObject({ thresholdFen: fen, reduceFen: fen });

const fullReductionSchema = z
  .strictObject({
    id: idSchema.optional(),
    kind: z.literal('full_reduction'),
    title,
    scope: scopeSchema,
    tiers: z.array(tierSchema).min(1).max(5),
    startsAt: epoch,
    endsAt: epoch,
    enabled: z.boolean(),
    minTier: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
  })
  .refine((p) => p.tiers.every((t) => t.thresholdFen > t.reduceFen), { message: '每档门槛必须大于减免金额', path: ['tiers'] })
  .refine((p) => new Set(p.tiers.map((t) => t.thresholdFen)).size === p.tiers.length, { message: '各档门槛不能相同', path: ['tiers'] })
  .refine((p) => p.endsAt > p.startsAt, { message: '结束时间须晚于开始时间', path: ['endsAt'] });

const newUserOfferSchema = z
  .strictObject({
    id: idSchema.optional(),
    kind: z.literal('new_user_price'),
    title,
    items: z.array(z.strictObject({ goodsId: idSchema, skuId: idSchema.optional(), priceFen: fen })).min(1).max(50),
    startsAt: epoch,
    endsAt: epoch,
    enabled: z.boolean(),
  })
  .refine((p) => p.endsAt > p.startsAt, { message: '结束时间须晚于开始时间', path: ['endsAt'] });

export const promotionInputSchema = z.union([fullReductionSchema, newUserOfferSchema]);

export const setEnabledSchema = z.strictObject({ kind: z.enum(['template', 'promotion']), id: idSchema, enabled: z.boolean() });

export const setInviteSchema = z
  .strictObject({ enabled: z.boolean(), inviterTemplateId: idSchema, inviteeTemplateId: idSchema });
