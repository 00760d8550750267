/** Chinese names of the dashboard's keys: channels, launch scenes, funnel steps, segments, headline numbers. */
import type { FunnelStepName, SegmentName } from '../../../typings/api/analytics';
import type { TouchChannel } from '../../../typings/shop/attribution';

export const CHANNEL_NAMES: Record<TouchChannel, string> = {
  qr: '扫码',
  share: '分享',
  search: '搜索',
  official_account: '公众号',
  direct: '直接打开',
  other: '其他',
};

/** The launch scenes a small shop sees most (others show as `场景 1234`). */
const SCENE_NAMES: Record<string, string> = {
  '1001': '发现栏',
  '1005': '搜索',
  '1006': '搜索',
  '1007': '单人聊天',
  '1008': '群聊',
  '1011': '扫二维码',
  '1012': '长按二维码',
  '1013': '相册二维码',
  '1023': '桌面图标',
  '1035': '公众号菜单',
  '1036': 'App 分享',
  '1043': '公众号模板消息',
  '1044': '群聊(带 shareTicket)',
  '1047': '扫小程序码',
  '1048': '长按小程序码',
  '1049': '相册小程序码',
  '1053': '搜一搜',
  '1058': '公众号文章',
  '1074': '公众号会话',
  '1082': '公众号会话',
  '1089': '最近使用',
  '1103': '我的小程序',
  '1104': '我的小程序',
  '1154': '朋友圈单页',
  '1155': '朋友圈单页',
};

export function channelName(key: string): string {
  return CHANNEL_NAMES[key as TouchChannel] ?? key;
}

export function sceneName(key: string): string {
  const name = SCENE_NAMES[key];
  return name ? `${name} ${key}` : `场景 ${key}`;
}

export const FUNNEL_STEP_NAMES: Record<FunnelStepName, string> = {
  visited: '访问',
  viewedGoods: '浏览商品',
  addedToCart: '加入购物车',
  startedCheckout: '去结算',
  paid: '支付',
};

export const SEGMENT_ORDER: readonly SegmentName[] = ['new_first_visit', 'new_returning', 'active_customer', 'at_risk', 'churned'];

export const SEGMENT_NAMES: Record<SegmentName, string> = {
  new_first_visit: '首访新客',
  new_returning: '回访新客',
  active_customer: '活跃顾客',
  at_risk: '流失风险',
  churned: '已流失',
};
