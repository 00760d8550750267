/**
 * The first load of a back-office page: like `loadPage`, but a caller who is not staff sees `status: 'forbidden'`
 * (the server decides access; the page only shows the refusal).
 */
import { loadPage, type LoadingPage } from '../../utils/page-load';
import { isForbidden } from './format';

export function loadStaffPage(page: LoadingPage, fetch: () => Promise<Record<string, unknown> | null>): Promise<boolean> {
  return loadPage(page, fetch, (e) => (isForbidden(e) ? 'forbidden' : 'error'));
}
