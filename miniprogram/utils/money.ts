/** Money on screen. Amounts are integer fen (typings/shop/common.ts); these only format them, never compute prices. */

/** `1805 → '18.05'`, `5 → '0.05'` (integer arithmetic, no float rounding). */
export function yuan(fen: number): string {
  const abs = Math.abs(Math.round(fen));
  const cents = abs % 100;
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${cents < 10 ? '0' : ''}${cents}`;
}

/** `'¥18.05'` */
export function price(fen: number): string {
  return `¥${yuan(fen)}`;
}

/** A price range as one text: `'¥18.00'`, or `'¥18.00 - ¥22.00'`; '' without a range. */
export function rangeText(range: { minPriceFen: number; maxPriceFen: number } | null | undefined): string {
  if (!range) return '';
  return range.minPriceFen === range.maxPriceFen ? price(range.minPriceFen) : `${price(range.minPriceFen)} - ${price(range.maxPriceFen)}`;
}

/** The list-page price of a goods: `'¥18.00'`, or `'¥18.00起'` when its SKUs differ in price. */
export function fromPrice(range: { minPriceFen: number; maxPriceFen: number }): string {
  return range.minPriceFen === range.maxPriceFen ? price(range.minPriceFen) : `${price(range.minPriceFen)}起`;
}
