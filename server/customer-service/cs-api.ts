/**
 * The platform calls customer service makes, behind one small interface (the real one wraps wx-server-sdk; unit
 * tests pass a double): send a message, turn a cloud-storage image into a card thumbnail.
 */
import { getCloud } from '../lib/cloud';

export type CsMessage =
  | { msgtype: 'text'; text: { content: string } }
  | { msgtype: 'miniprogrampage'; miniprogrampage: { title: string; pagepath: string; thumbMediaId: string } };

export interface CsApi {
  send(touser: string, message: CsMessage): Promise<void>;
  /** A temporary media id (valid 3 days) for the image stored at `fileID`; throws when it cannot be made. */
  thumbMediaId(fileID: string): Promise<string>;
}

const MEDIA_TTL_MS = 2.5 * 24 * 3600 * 1000;
/** fileID → media id, per warm instance (temporary media lives 3 days; refreshed well before). */
const mediaCache = new Map<string, { mediaId: string; until: number }>();

function contentTypeOf(fileID: string): string {
  const ext = fileID.split('.').pop()?.toLowerCase();
  return ext === 'png' ? 'image/png' : ext === 'gif' ? 'image/gif' : 'image/jpeg';
}

export function platformCsApi(now: () => number): CsApi {
  const cloud = getCloud();
  const openapi = cloud.openapi as unknown as {
    customerServiceMessage: {
      send(args: Record<string, unknown>): Promise<unknown>;
      uploadTempMedia(args: Record<string, unknown>): Promise<{ mediaId?: string }>;
    };
  };
  return {
    async send(touser, message) {
      await openapi.customerServiceMessage.send({ touser, ...message });
    },
    async thumbMediaId(fileID) {
      const cached = mediaCache.get(fileID);
      if (cached && cached.until > now()) return cached.mediaId;
      const file = (await cloud.downloadFile({ fileID })) as { fileContent: Buffer };
      const res = await openapi.customerServiceMessage.uploadTempMedia({
        type: 'image',
        media: { contentType: contentTypeOf(fileID), value: file.fileContent },
      });
      if (!res.mediaId) throw new Error('uploadTempMedia answered no mediaId');
      mediaCache.set(fileID, { mediaId: res.mediaId, until: now() + MEDIA_TTL_MS });
      return res.mediaId;
    },
  };
}
