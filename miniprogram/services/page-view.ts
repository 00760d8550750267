/**
 * `page_view` on a page's onShow, for every main page: `onShow() { trackPageView(this); }`. The route is the page
 * instance's own (`this.route`, e.g. `pages/home/index`), so pages do not repeat their paths. Queued and sent in a
 * batch by services/tracking.ts; never throws.
 */
import { track } from './tracking';

export function trackPageView(page: object): void {
  const r = (page as { route?: unknown } | undefined)?.route;
  const route = typeof r === 'string' ? r.replace(/^\//, '') : '';
  if (route) track({ type: 'page_view', page: route });
}
