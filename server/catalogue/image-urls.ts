/**
 * Goods images are stored as cloud file ids (`cloud://…`) or plain URLs. Replies carry displayable URLs: every
 * cloud file id of a reply is turned into a temporary URL with ONE `getTempFileURL` call per 50 ids (so the same
 * reply works on the real cloud and against the local emulator, where `<image src="cloud://…">` cannot load).
 * A file the storage does not know, or a failing call, leaves the id as it was: an image never breaks a page.
 */
import { getCloud } from '../lib/cloud';
import type { Logger } from '../lib/logger';

/** The storage service takes at most 50 files per call. */
export const FILES_PER_CALL = 50;

/** Maps each given source to a displayable URL (sources that are not cloud file ids map to themselves). */
export type ImageResolver = (sources: readonly string[]) => Promise<Map<string, string>>;

export function isCloudFileId(source: string): boolean {
  return source.startsWith('cloud://');
}

type TempUrlResult = { fileList?: Array<{ fileID: string; tempFileURL?: string; status?: number }> };

/** The resolver backed by wx-server-sdk's getTempFileURL. */
export function cloudImageResolver(log?: Logger): ImageResolver {
  return async (sources) => {
    const out = new Map<string, string>(sources.map((s) => [s, s]));
    const ids = [...new Set(sources.filter(isCloudFileId))];
    const parts: string[][] = [];
    for (let i = 0; i < ids.length; i += FILES_PER_CALL) parts.push(ids.slice(i, i + FILES_PER_CALL));
    await Promise.all(
      parts.map(async (fileList) => {
        try {
          const res = (await getCloud().getTempFileURL({ fileList })) as TempUrlResult;
          for (const f of res.fileList ?? []) {
            if (f.tempFileURL && (f.status === undefined || f.status === 0)) out.set(f.fileID, f.tempFileURL);
          }
        } catch (e) {
          log?.warn('getTempFileURL failed; answering file ids', { error: e, count: fileList.length });
        }
      }),
    );
    return out;
  };
}

/** A resolver that answers every source unchanged (unit tests, or a shop that stores https URLs only). */
export const identityImageResolver: ImageResolver = async (sources) => new Map(sources.map((s) => [s, s]));
