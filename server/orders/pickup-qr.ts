/**
 * The pickup code as a mini-program code (wxacode.getUnlimited), stored in cloud storage and answered as a
 * temporary URL for the order page's <image>. The code's `scene` is `<orderNo>-<pickupCode>` (29 characters of the
 * 32 allowed): staff scanning it get the order number and, at the end, the 6-digit code they verify.
 * Costs one openapi call, one upload and one temp-URL call (no database write); the file is overwritten each time.
 */
import type { OrderDoc } from '@typings/shop/order';
import { getCloud } from '../lib/cloud';
import type { ActionContext } from '../lib/context';
import { AppError } from '../lib/errors';

/** The page a scanned pickup code opens (the staff back office); not checked against the published version. */
export const PICKUP_QR_PAGE = 'merchant/pages/index/index';

export function pickupScene(order: Pick<OrderDoc, 'orderNo' | 'fulfilment'>): string {
  return `${order.orderNo}-${order.fulfilment.pickupCode ?? ''}`;
}

export async function pickupQrUrl(ctx: ActionContext, order: OrderDoc): Promise<{ url: string; pickupCode: string }> {
  const code = order.fulfilment.pickupCode;
  if (order.fulfilment.type !== 'pickup' || !code) throw new AppError('PRECONDITION_FAILED', '该订单不是到店自提订单');
  if (order.status !== 'paid' && order.status !== 'ready') throw new AppError('PRECONDITION_FAILED', '订单支付后、取货前才能出示取货码');
  const cloud = getCloud();
  const image = (await cloud.openapi.wxacode.getUnlimited({
    scene: pickupScene(order),
    page: PICKUP_QR_PAGE,
    checkPath: false,
    width: 430,
  })) as { buffer?: Buffer; contentType?: string };
  if (!image.buffer) throw new Error('wxacode.getUnlimited answered no image');
  const { fileID } = await cloud.uploadFile({ cloudPath: `pickup-qr/${order._id}.png`, fileContent: image.buffer });
  const res = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ tempFileURL?: string; status?: number }> };
  const url = res.fileList[0]?.tempFileURL;
  if (!url) throw new Error(`no temp URL for ${fileID}`);
  ctx.log.info('pickup code image', { orderId: order._id, fileID });
  return { url, pickupCode: code };
}
