/**
 * The demo shop's catalogue: 6 categories, 32 goods of a coffee-and-bakery shop with spec/SKU matrices.
 * Prices are integer fen; a SKU's price = the goods' base price + the deltas of its spec values.
 */
import type { SpecDef } from '../../typings/shop/catalogue';

export type Shape = 'cup' | 'glass' | 'loaf' | 'slice' | 'bean' | 'box';

export interface DemoCategory {
  id: string;
  name: string;
  /** Tile colour [r, g, b]. */
  color: [number, number, number];
  shape: Shape;
}

/** One spec axis with a price delta per value. */
export interface DemoSpec {
  name: string;
  values: Array<[value: string, deltaFen: number]>;
}

export interface DemoGoods {
  id: string;
  categoryId: string;
  title: string;
  description: string;
  basePriceFen: number;
  /** Crossed-out price over the base price (display only). */
  originalExtraFen?: number;
  specs: DemoSpec[];
  tags: string[];
  onShelf?: boolean;
  /** Values of SKUs that start sold out (stock 0). */
  soldOut?: string[][];
}

export const DEMO_CATEGORIES: DemoCategory[] = [
  { id: 'c-espresso', name: '意式咖啡', color: [121, 85, 72], shape: 'cup' },
  { id: 'c-brew', name: '手冲·冷萃', color: [62, 39, 35], shape: 'glass' },
  { id: 'c-tea', name: '茶饮与特调', color: [104, 159, 56], shape: 'glass' },
  { id: 'c-bread', name: '现烤面包', color: [230, 162, 60], shape: 'loaf' },
  { id: 'c-dessert', name: '甜点蛋糕', color: [233, 30, 99], shape: 'slice' },
  { id: 'c-beans', name: '咖啡豆与周边', color: [69, 90, 100], shape: 'bean' },
];

const CUP: DemoSpec = { name: '杯型', values: [['中杯', 0], ['大杯', 400]] };
const TEMP: DemoSpec = { name: '温度', values: [['热', 0], ['冰', 0]] };
const SUGAR: DemoSpec = { name: '甜度', values: [['标准糖', 0], ['少糖', 0], ['不另外加糖', 0]] };
const MILK: DemoSpec = { name: '奶', values: [['全脂牛奶', 0], ['燕麦奶', 300]] };
const CAKE: DemoSpec = { name: '规格', values: [['切块', 0], ['6寸整只', 0]] };
const WEIGHT: DemoSpec = { name: '重量', values: [['250g', 0], ['500g', 0]] };
const GRIND: DemoSpec = { name: '研磨', values: [['咖啡豆', 0], ['中细研磨（手冲）', 0], ['细研磨（意式）', 0]] };

/** A box of 4 costs 3.5 pieces. */
function pieces(singleFen: number): DemoSpec {
  return { name: '规格', values: [['单个', 0], ['4个装', Math.round(singleFen * 2.5)]] };
}

export const DEMO_GOODS: DemoGoods[] = [
  // 意式咖啡
  { id: 'g-americano', categoryId: 'c-espresso', title: '美式咖啡', description: '双份意式浓缩加水，拼配豆深烘，焦糖与坚果的回甘，清爽不苦涩。', basePriceFen: 1800, specs: [CUP, TEMP], tags: ['招牌', '咖啡'] },
  { id: 'g-latte', categoryId: 'c-espresso', title: '拿铁', description: '意式浓缩与蒸汽牛奶 1:4，奶泡细腻绵密，可换燕麦奶。', basePriceFen: 2400, originalExtraFen: 400, specs: [CUP, TEMP, MILK], tags: ['推荐', '招牌', '咖啡', '奶咖'] },
  { id: 'g-cappuccino', categoryId: 'c-espresso', title: '卡布奇诺', description: '更厚的奶泡层，撒一点可可粉，适合喜欢绵软口感的你。', basePriceFen: 2400, specs: [CUP, { name: '温度', values: [['热', 0]] }], tags: ['咖啡', '奶咖'] },
  { id: 'g-flatwhite', categoryId: 'c-espresso', title: '馥芮白', description: '里斯特雷托浓缩配薄奶泡，咖啡味更浓郁，小杯更出彩。', basePriceFen: 2600, specs: [{ name: '杯型', values: [['小杯', 0]] }, TEMP], tags: ['咖啡', '奶咖'] },
  { id: 'g-macchiato', categoryId: 'c-espresso', title: '焦糖玛奇朵', description: '香草糖浆、牛奶与浓缩分层，顶部淋焦糖酱，甜而不腻。', basePriceFen: 2800, specs: [CUP, TEMP, SUGAR], tags: ['咖啡', '甜'] },
  { id: 'g-mocha', categoryId: 'c-espresso', title: '摩卡', description: '比利时黑巧克力酱遇上浓缩咖啡，顶部手打奶油。', basePriceFen: 2800, specs: [CUP, TEMP], tags: ['咖啡', '巧克力'] },
  { id: 'g-dirty', categoryId: 'c-espresso', title: 'Dirty 脏咖啡', description: '冰牛奶上直接萃取热浓缩，冷热交融的层次，请尽快饮用。', basePriceFen: 2600, specs: [{ name: '温度', values: [['冰', 0]] }], tags: ['咖啡', '限定'] },
  // 手冲·冷萃
  { id: 'g-yirga-pour', categoryId: 'c-brew', title: '耶加雪菲手冲', description: '埃塞俄比亚水洗，柑橘、茉莉花香，明亮的酸质。', basePriceFen: 3200, specs: [TEMP], tags: ['手冲', '单品'] },
  { id: 'g-colombia-pour', categoryId: 'c-brew', title: '哥伦比亚慧兰手冲', description: '红糖、红苹果与坚果调性，平衡顺口。', basePriceFen: 3000, specs: [TEMP], tags: ['手冲', '单品'] },
  { id: 'g-coldbrew', categoryId: 'c-brew', title: '12小时冷萃', description: '低温慢萃 12 小时，低酸、顺滑，带巧克力尾韵。', basePriceFen: 2600, specs: [CUP, { name: '加料', values: [['原味', 0], ['加椰子水', 300], ['加燕麦奶', 300]] }], tags: ['推荐', '冷萃'] },
  { id: 'g-nitro', categoryId: 'c-brew', title: '氮气冷萃', description: '注入氮气，如啤酒般绵密的泡沫，天然微甜。', basePriceFen: 3200, specs: [{ name: '杯型', values: [['中杯', 0]] }], tags: ['冷萃', '限定'], soldOut: [['中杯']] },
  // 茶饮与特调
  { id: 'g-matcha', categoryId: 'c-tea', title: '抹茶拿铁', description: '宇治抹茶现刷，配鲜牛奶，茶香浓郁。', basePriceFen: 2600, specs: [CUP, TEMP, SUGAR], tags: ['茶饮', '奶'] },
  { id: 'g-osmanthus', categoryId: 'c-tea', title: '桂花乌龙', description: '冻顶乌龙冷泡，加入金桂花蜜，清香回甘。', basePriceFen: 2200, specs: [CUP, SUGAR], tags: ['茶饮', '季节'] },
  { id: 'g-lemontea', categoryId: 'c-tea', title: '手打柠檬红茶', description: '香水柠檬现打，锡兰红茶底，酸甜解腻。', basePriceFen: 1900, specs: [CUP, SUGAR], tags: ['茶饮'] },
  { id: 'g-cocoa', categoryId: 'c-tea', title: '热可可', description: '70% 黑巧克力熬煮，配棉花糖，冬日暖饮。', basePriceFen: 2200, specs: [CUP], tags: ['巧克力', '不含咖啡'] },
  { id: 'g-orange-americano', categoryId: 'c-tea', title: '橙C美式', description: '鲜榨橙汁与冰美式，果香与咖啡的夏日组合。', basePriceFen: 2400, specs: [CUP], tags: ['特调', '咖啡'], onShelf: false },
  // 现烤面包
  { id: 'g-croissant', categoryId: 'c-bread', title: '法式黄油可颂', description: '法国 AOP 发酵黄油，27 层起酥，每天早上 8 点出炉。', basePriceFen: 1200, specs: [{ name: '口味', values: [['原味', 0], ['杏仁', 400], ['巧克力', 300]] }, pieces(1200)], tags: ['推荐', '面包', '早餐'] },
  { id: 'g-baguette', categoryId: 'c-bread', title: '传统法棍', description: '只用面粉、水、盐和酵母，外壳酥脆，内部大孔洞。', basePriceFen: 1500, specs: [{ name: '口味', values: [['原味', 0], ['蒜香黄油', 500]] }], tags: ['面包'] },
  { id: 'g-cinnamon', categoryId: 'c-bread', title: '肉桂卷', description: '锡兰肉桂与红糖内馅，顶部奶油奶酪霜。', basePriceFen: 1600, specs: [pieces(1600)], tags: ['面包', '甜'] },
  { id: 'g-toast', categoryId: 'c-bread', title: '全麦吐司', description: '30% 全麦粉，不加糖油，适合做三明治。', basePriceFen: 1800, specs: [{ name: '规格', values: [['半条', 0], ['整条', 1400]] }], tags: ['面包', '健康'] },
  { id: 'g-pretzel', categoryId: 'c-bread', title: '德式碱水结', description: '传统碱水工艺，表面粗盐，有嚼劲。', basePriceFen: 1000, specs: [{ name: '口味', values: [['原味', 0], ['芝士', 400]] }], tags: ['面包'] },
  { id: 'g-bagel', categoryId: 'c-bread', title: '纽约贝果', description: '先煮后烤，扎实有嚼劲，可加奶油奶酪。', basePriceFen: 1200, specs: [{ name: '口味', values: [['原味', 0], ['蓝莓', 200], ['全麦', 100]] }, { name: '夹馅', values: [['不加', 0], ['奶油奶酪', 600]] }], tags: ['面包', '早餐'] },
  // 甜点蛋糕
  { id: 'g-tiramisu', categoryId: 'c-dessert', title: '提拉米苏', description: '马斯卡彭奶酪与浸透浓缩咖啡的手指饼干，冷藏一夜。', basePriceFen: 3200, specs: [CAKE], tags: ['推荐', '甜点', '招牌'] },
  { id: 'g-basque', categoryId: 'c-dessert', title: '巴斯克芝士蛋糕', description: '高温烤出焦香外皮，内心流心半熟。', basePriceFen: 3000, specs: [CAKE], tags: ['甜点'] },
  { id: 'g-lemontart', categoryId: 'c-dessert', title: '柠檬挞', description: '酥脆挞皮，酸甜柠檬凝乳，顶部意式蛋白霜。', basePriceFen: 2600, specs: [{ name: '规格', values: [['单个', 0]] }], tags: ['甜点'] },
  { id: 'g-matcha-crepe', categoryId: 'c-dessert', title: '抹茶千层', description: '二十层手摊可丽饼皮，夹抹茶奶油。', basePriceFen: 3400, specs: [CAKE], tags: ['甜点', '抹茶'] },
  { id: 'g-brownie', categoryId: 'c-dessert', title: '核桃布朗尼', description: '浓郁黑巧克力，加入烘烤核桃，湿润扎实。', basePriceFen: 1800, specs: [{ name: '加热', values: [['常温', 0], ['加热', 0]] }, { name: '配冰淇淋', values: [['不加', 0], ['香草冰淇淋', 800]] }], tags: ['甜点', '巧克力'] },
  // 咖啡豆与周边
  { id: 'g-beans-house', categoryId: 'c-beans', title: '招牌意式拼配豆', description: '巴西 + 哥伦比亚 + 埃塞俄比亚拼配，中深烘焙，适合意式与奶咖。烘焙后 7 天内发货。', basePriceFen: 6800, specs: [WEIGHT, GRIND], tags: ['推荐', '咖啡豆', '拼配'] },
  { id: 'g-beans-yirga', categoryId: 'c-beans', title: '埃塞俄比亚耶加雪菲咖啡豆', description: '浅烘，花香与柑橘明亮，适合手冲。', basePriceFen: 8800, specs: [WEIGHT, GRIND], tags: ['咖啡豆', '单品'] },
  { id: 'g-beans-yunnan', categoryId: 'c-beans', title: '云南保山小粒咖啡豆', description: '国产精品豆，红糖与坚果风味，醇厚低酸。', basePriceFen: 5800, specs: [WEIGHT, GRIND], tags: ['咖啡豆', '单品', '云南'] },
  { id: 'g-dripbag', categoryId: 'c-beans', title: '挂耳咖啡礼盒', description: '三款单品各 4 包，共 12 包，随时随地一杯好咖啡。', basePriceFen: 7800, originalExtraFen: 1000, specs: [{ name: '规格', values: [['12包装', 0], ['24包装', 6800]] }], tags: ['挂耳', '礼盒'] },
  { id: 'g-mug', categoryId: 'c-beans', title: '店标陶瓷马克杯', description: '手工上釉陶瓷杯，350ml，可进洗碗机。', basePriceFen: 6800, specs: [{ name: '颜色', values: [['奶白', 0], ['雾蓝', 0], ['墨绿', 0]] }], tags: ['周边'], soldOut: [['墨绿']] },
  { id: 'g-tumbler', categoryId: 'c-beans', title: '保温随行杯', description: '双层不锈钢真空保温，自带杯来店里购买饮品减 2 元。', basePriceFen: 12800, specs: [{ name: '容量', values: [['350ml', 0], ['500ml', 2000]] }, { name: '颜色', values: [['黑', 0], ['白', 0]] }], tags: ['周边', '环保'] },
];

/** A goods' spec axes as stored (`GoodsDoc.specs`). */
export function specDefs(g: DemoGoods): SpecDef[] {
  return g.specs.map((s) => ({ name: s.name, values: s.values.map(([v]) => v) }));
}

/** The price of one combination of spec values. */
export function skuPriceFen(g: DemoGoods, values: readonly string[]): number {
  return values.reduce((sum, v, i) => sum + (g.specs[i].values.find(([x]) => x === v)?.[1] ?? 0), g.basePriceFen);
}
