/**
 * The first load of a data page: `status: 'loading'`, then `ready` with what `fetch` answers in one setData, or the
 * failure's status (`error` unless `failedAs` says otherwise) and its message in words. `fetch` answers null where
 * its answer is stale (the user switched meanwhile): the page is left as it is for the newer load.
 *
 *   load() { return loadPage(this, async () => ({ shop: await getShopSettings() })); }
 */
import { userMessage } from '../services/cloud';

/** The part of a page instance a load writes to. */
export interface LoadingPage {
  setData(data: Record<string, unknown>): void;
}

/** Answers true where the page is ready with `fetch`'s answer. */
export async function loadPage(
  page: LoadingPage,
  fetch: () => Promise<Record<string, unknown> | null>,
  failedAs: (e: unknown) => string = () => 'error',
): Promise<boolean> {
  page.setData({ status: 'loading', errorMessage: '' });
  try {
    const data = await fetch();
    if (!data) return false;
    page.setData({ status: 'ready', ...data });
    return true;
  } catch (e) {
    page.setData({ status: failedAs(e), errorMessage: userMessage(e) });
    return false;
  }
}
