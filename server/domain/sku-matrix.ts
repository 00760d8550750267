/**
 * Spec/SKU combinatorics for a goods: all combinations of its specs, the SKU of a chosen combination, what the
 * SKU picker may still offer for a partial choice, and price ranges.
 */
import type { PriceRange, SkuDoc, SkuPickerState, SpecDef, SpecPickerRow } from '../../typings/shop/catalogue';

/** Upper bound on the number of spec combinations (= SKUs) of one goods. */
export const MAX_SPEC_COMBINATIONS = 1000;

/** A possibly partial choice: one entry per spec, null/undefined/'' = not chosen yet. */
export type SpecChoice = ReadonlyArray<string | null | undefined>;

type SkuLike = Pick<SkuDoc, '_id' | 'specValues' | 'priceFen' | 'onShelf' | 'stock'>;

/**
 * Problems with a goods' spec definition (empty array = valid): empty names or values, duplicate names, duplicate
 * values within a spec, or more than MAX_SPEC_COMBINATIONS combinations.
 */
export function specProblems(specs: readonly SpecDef[]): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  let combinations = 1;
  specs.forEach((spec, i) => {
    if (!spec.name.trim()) problems.push(`spec ${i + 1} has no name`);
    if (names.has(spec.name)) problems.push(`duplicate spec name "${spec.name}"`);
    names.add(spec.name);
    if (spec.values.length === 0) problems.push(`spec "${spec.name}" has no values`);
    const values = new Set<string>();
    for (const v of spec.values) {
      if (!v.trim()) problems.push(`spec "${spec.name}" has an empty value`);
      if (values.has(v)) problems.push(`spec "${spec.name}" repeats the value "${v}"`);
      values.add(v);
    }
    combinations *= Math.max(1, spec.values.length);
  });
  if (combinations > MAX_SPEC_COMBINATIONS) {
    problems.push(`${combinations} spec combinations exceed the maximum of ${MAX_SPEC_COMBINATIONS}`);
  }
  return problems;
}

/**
 * Every combination of spec values, first spec varying slowest: `[[红,S],[红,M],[蓝,S],[蓝,M]]`.
 * No specs → `[[]]` (the single default SKU). Throws if the spec definition is invalid (see specProblems).
 */
export function expandSpecs(specs: readonly SpecDef[]): string[][] {
  const problems = specProblems(specs);
  if (problems.length > 0) throw new RangeError(`invalid specs: ${problems.join('; ')}`);
  let combos: string[][] = [[]];
  for (const spec of specs) combos = combos.flatMap((prefix) => spec.values.map((v) => [...prefix, v]));
  return combos;
}

/** True when `values` has exactly one valid value per spec, in spec order. */
export function matchesSpecs(specs: readonly SpecDef[], values: readonly string[]): boolean {
  return values.length === specs.length && specs.every((spec, i) => spec.values.includes(values[i]));
}

/** A stable string key for a combination (for maps and unique indexes). */
export function specKey(values: readonly string[]): string {
  return JSON.stringify(values);
}

/** The SKU with exactly these spec values, if any. */
export function findSku<T extends Pick<SkuDoc, 'specValues'>>(skus: readonly T[], values: SpecChoice): T | undefined {
  return skus.find((s) => s.specValues.length === values.length && s.specValues.every((v, i) => v === values[i]));
}

/** On shelf with stock > 0. (Whether the goods is on shelf is the caller's concern.) */
export function isPurchasable(sku: Pick<SkuDoc, 'onShelf' | 'stock'>): boolean {
  return sku.onShelf && sku.stock > 0;
}

function chosen(value: string | null | undefined): value is string {
  return typeof value === 'string' && value !== '';
}

/** SKUs whose values agree with every chosen value of `choice` (unchosen specs match anything). */
export function skusMatching<T extends Pick<SkuDoc, 'specValues'>>(skus: readonly T[], choice: SpecChoice): T[] {
  return skus.filter((s) => choice.every((c, i) => !chosen(c) || s.specValues[i] === c));
}

/** Min and max priceFen over the given SKUs; null when there are none. */
export function priceRange(skus: readonly Pick<SkuDoc, 'priceFen'>[]): PriceRange | null {
  if (skus.length === 0) return null;
  let min = skus[0].priceFen;
  let max = min;
  for (const s of skus) {
    if (s.priceFen < min) min = s.priceFen;
    if (s.priceFen > max) max = s.priceFen;
  }
  return { minPriceFen: min, maxPriceFen: max };
}

/**
 * The price range to cache on a goods document: over its on-shelf SKUs, or over all its SKUs when none is on shelf
 * (so an off-shelf goods still shows its last prices); null when it has no SKUs.
 */
export function goodsPriceRange(skus: readonly Pick<SkuDoc, 'priceFen' | 'onShelf'>[]): PriceRange | null {
  const onShelf = skus.filter((s) => s.onShelf);
  return priceRange(onShelf.length > 0 ? onShelf : skus);
}

/**
 * The SKU picker for a (partial) choice. A value of spec i is selectable when some purchasable SKU has it at i and
 * agrees with the values chosen for the *other* specs (so the customer can always switch a chosen value).
 * `choice` shorter than `specs` is padded with "not chosen".
 */
export function skuPicker(specs: readonly SpecDef[], skus: readonly SkuLike[], choice: SpecChoice): SkuPickerState {
  const purchasable = skus.filter(isPurchasable);
  const rows: SpecPickerRow[] = specs.map((spec, i) => {
    const others = specs.map((_, j) => (j === i ? null : choice[j]));
    const candidates = skusMatching(purchasable, others);
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
  const sku = complete ? findSku(skus, specs.map((_, i) => choice[i] as string)) : undefined;
  return {
    rows,
    complete,
    skuId: sku ? sku._id : null,
    available: sku && sku.onShelf ? Math.max(0, sku.stock) : 0,
    price: priceRange(skusMatching(purchasable, choice)),
  };
}

/** `'颜色: 红; 尺码: L'` (spec names with the chosen values); '' for goods without specs. */
export function specText(specs: readonly Pick<SpecDef, 'name'>[], values: readonly string[]): string {
  return values.map((v, i) => (specs[i] ? `${specs[i].name}: ${v}` : v)).join('; ');
}
