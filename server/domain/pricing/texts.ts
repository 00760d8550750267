/** Human texts of the pricing engine (reasons shown at checkout). */
import type { CouponBenefit } from '../../../typings/marketing/coupon';
import type { NotAppliedCode } from '../../../typings/marketing/pricing';
import type { Fen } from '../../../typings/shop/common';

/** 30000 → '300', 2550 → '25.5', 2505 → '25.05' (yuan, no symbol, no trailing zeros). */
export function yuanText(fen: Fen): string {
  const yuan = Math.floor(fen / 100);
  const cents = fen % 100;
  if (cents === 0) return String(yuan);
  return `${yuan}.${cents % 10 === 0 ? cents / 10 : String(cents).padStart(2, '0')}`;
}

/** 5 → '9.5折', 20 → '8折' (percent off as a Chinese discount). */
export function zheText(percentOff: number): string {
  return `${(100 - percentOff) / 10}折`;
}

/** `满300减30`. */
export function thresholdText(thresholdFen: Fen, reduceFen: Fen): string {
  return `满${yuanText(thresholdFen)}减${yuanText(reduceFen)}`;
}

/** `无门槛减10` / `8折 最多减20` / `满50打8折` / `满100减10`. */
export function benefitText(b: CouponBenefit): string {
  switch (b.kind) {
    case 'fixed':
      return `无门槛减${yuanText(b.amountFen)}`;
    case 'percentage': {
      const min = b.minSpendFen ? `满${yuanText(b.minSpendFen)}打` : '';
      const cap = b.capFen !== undefined ? ` 最多减${yuanText(b.capFen)}` : '';
      return `${min}${zheText(b.percentOff)}${cap}`;
    }
    case 'threshold':
      return thresholdText(b.thresholdFen, b.amountFen);
  }
}

export const NOT_APPLIED_MESSAGES: Record<NotAppliedCode, string> = {
  DISABLED: '活动已关闭',
  NOT_STARTED: '尚未开始',
  EXPIRED: '已过期',
  NOT_OWNER: '不是你的优惠券',
  LOCKED: '已被未支付订单占用',
  USED: '已使用',
  WRONG_SCOPE: '购物车中没有适用商品',
  BELOW_THRESHOLD: '未达到使用门槛',
  NOT_NEW_USER: '仅限新用户（无已支付订单）',
  TIER_TOO_LOW: '会员等级不足',
  NO_BENEFIT: '没有可优惠的金额',
  ONE_PER_CUSTOMER: '新人价每人限一件',
  ONE_PER_ORDER: '每单限用一个',
  FLOOR_REACHED: '已达到最低价，无法再优惠',
  NO_POINTS: '积分不足',
  NOT_SELECTED: '未选择使用',
  NOT_BEST: '不使用更划算',
};

/** The message of a code, with the missing amount for BELOW_THRESHOLD. */
export function notAppliedMessage(code: NotAppliedCode, missingFen?: Fen): string {
  if (code === 'BELOW_THRESHOLD' && missingFen !== undefined) return `还差¥${yuanText(missingFen)}可用`;
  return NOT_APPLIED_MESSAGES[code];
}
