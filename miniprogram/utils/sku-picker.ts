/**
 * The goods page's SKU picker for a later choice, from the SKUs `catalogue.goodsDetail` answered. Same rule as the
 * server's skuPicker (server/domain/sku-matrix.ts; a parity test keeps the two in step): a value is selectable when
 * some SKU that can be bought (`available > 0`) has it and agrees with the values chosen for the other specs.
 */
import type { PublicSku } from '../../typings/api/catalogue';
import type { PriceRange, SkuPickerState, SpecDef } from '../../typings/shop/catalogue';

/** One entry per spec: the chosen value, or null. */
export type Choice = ReadonlyArray<string | null | undefined>;

function chosen(v: string | null | undefined): v is string {
  return typeof v === 'string' && v !== '';
}

function matching(skus: readonly PublicSku[], choice: Choice): PublicSku[] {
  return skus.filter((s) => choice.every((c, i) => !chosen(c) || s.specValues[i] === c));
}

function range(skus: readonly PublicSku[]): PriceRange | null {
  if (skus.length === 0) return null;
  const prices = skus.map((s) => s.priceFen);
  return { minPriceFen: Math.min(...prices), maxPriceFen: Math.max(...prices) };
}

export function pickerState(specs: readonly SpecDef[], skus: readonly PublicSku[], choice: Choice): SkuPickerState {
  const buyable = skus.filter((s) => s.available > 0);
  const rows = specs.map((spec, i) => {
    const candidates = matching(
      buyable,
      specs.map((_, j) => (j === i ? null : choice[j])),
    );
    return {
      name: spec.name,
      options: spec.values.map((value) => ({
        value,
        selected: choice[i] === value,
        selectable: candidates.some((s) => s.specValues[i] === value),
      })),
    };
  });
  const complete = specs.every((_, i) => chosen(choice[i]));
  const sku = complete
    ? skus.find((s) => s.specValues.length === specs.length && s.specValues.every((v, i) => v === choice[i]))
    : undefined;
  return {
    rows,
    complete,
    skuId: sku ? sku._id : null,
    available: sku ? Math.max(0, sku.available) : 0,
    price: range(matching(buyable, choice)),
  };
}

/** The choice after tapping `value` of spec `row`: chosen, or un-chosen when it was chosen. */
export function toggle(choice: Choice, row: number, value: string): Array<string | null> {
  return choice.map((c, i) => (i === row ? (c === value ? null : value) : (c ?? null)));
}

/** `'杯型: 大杯; 温度: 热'` for the chosen values; names of the missing specs as `'请选择 温度'`. */
export function choiceText(specs: readonly SpecDef[], choice: Choice): string {
  const missing = specs.filter((_, i) => !chosen(choice[i])).map((s) => s.name);
  if (missing.length) return `请选择 ${missing.join(' ')}`;
  return specs.map((s, i) => `${s.name}: ${choice[i]}`).join('; ');
}
