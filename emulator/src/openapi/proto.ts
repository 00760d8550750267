import { Root, type Type } from 'protobufjs';

/**
 * The protobuf messages of `wx.openApi`, as reflection JSON. Field numbers and types were read from the encoders
 * and decoders that wx-server-sdk 4.0.2 ships (`node_modules/wx-server-sdk/index.js`, `src/protobuf/openapi.js`):
 *
 *   CommApiData      1 apiType (enum, int32)   2 openapiData   3 innerData   4 svrkitData   5 tokenData   6 appid
 *   OpenApiData      1 pairs (repeated KeyValuePair)
 *   KeyValuePair     1 key   2 value (bytes: JSON text, or raw media)   3 contenttype   4 filename
 *   SvrkitApiData    1 apiName   2 reqData (bytes)
 *   CommOpenApiResp  1 respData (bytes)   2 contentType   3 errorCode   4 httpCode   5 headers   6 svrkitErrorCode
 *   ApiGetOpenDataByCloudIdReq   2 cloudidList (repeated)   3 appid
 *   ApiGetOpenDataByCloudIdResp  1 dataList (repeated OpDataItem{1 cloudId, 2 json})
 */
const schema = {
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    TokenApiData: { fields: { resourceAppid: { type: 'string', id: 1 }, resourceEnv: { type: 'string', id: 2 } } },
    InnerApiData: {
      fields: {
        modid: { type: 'uint32', id: 1 },
        cmdid: { type: 'uint32', id: 2 },
        url: { type: 'string', id: 3 },
        useHttps: { type: 'bool', id: 4 },
        method: { type: 'int32', id: 5 },
        headers: { rule: 'repeated', type: 'string', id: 6 },
        body: { type: 'bytes', id: 7 },
      },
    },
    SvrkitApiData: { fields: { apiName: { type: 'string', id: 1 }, reqData: { type: 'bytes', id: 2 } } },
    CommApiData: {
      fields: {
        apiType: { type: 'ApiType', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        innerData: { type: 'InnerApiData', id: 3 },
        svrkitData: { type: 'SvrkitApiData', id: 4 },
        tokenData: { type: 'TokenApiData', id: 5 },
        appid: { type: 'string', id: 6 },
      },
      nested: { ApiType: { values: { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } } },
    },
    HttpHeader: { fields: { key: { type: 'string', id: 1 }, value: { type: 'string', id: 2 } } },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        headers: { rule: 'repeated', type: 'HttpHeader', id: 5 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
    ApiGetOpenDataByCloudIdReq: {
      fields: { cloudidList: { rule: 'repeated', type: 'string', id: 2 }, appid: { type: 'string', id: 3 } },
    },
    ApiGetOpenDataByCloudIdResp: {
      fields: { dataList: { rule: 'repeated', type: 'OpDataItem', id: 1 } },
      nested: { OpDataItem: { fields: { cloudId: { type: 'string', id: 1 }, json: { type: 'string', id: 2 } } } },
    },
  },
};

const root = Root.fromJSON(schema);
const T = (name: string): Type => root.lookupType(name);

export const ApiType = { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } as const;

export interface KeyValuePair {
  key: string;
  value: Buffer;
  contenttype?: string;
  filename?: string;
}

export interface CommApiData {
  apiType: number;
  openapiData?: { pairs: KeyValuePair[] };
  svrkitData?: { apiName: string; reqData: Buffer };
  appid?: string;
}

export interface CommOpenApiResp {
  respData?: Buffer;
  contentType?: string;
  errorCode?: number;
  svrkitErrorCode?: number;
}

function toPlain<X>(type: Type, bytes: Uint8Array): X {
  return type.toObject(type.decode(bytes), { defaults: true, arrays: true, bytes: Buffer }) as X;
}

function encode(type: Type, value: object): Buffer {
  const err = type.verify(value);
  if (err) throw new Error(`${type.name}: ${err}`);
  return Buffer.from(type.encode(type.fromObject(value)).finish());
}

export function decodeCommApiData(bytes: Uint8Array): CommApiData {
  return toPlain<CommApiData>(T('CommApiData'), bytes);
}

export function encodeCommApiData(v: CommApiData): Buffer {
  return encode(T('CommApiData'), v);
}

export function encodeCommOpenApiResp(v: CommOpenApiResp): Buffer {
  return encode(T('CommOpenApiResp'), v);
}

export function decodeCommOpenApiResp(bytes: Uint8Array): Required<CommOpenApiResp> {
  return toPlain<Required<CommOpenApiResp>>(T('CommOpenApiResp'), bytes);
}

export function decodeGetOpenDataReq(bytes: Uint8Array): { cloudidList: string[]; appid: string } {
  return toPlain(T('ApiGetOpenDataByCloudIdReq'), bytes);
}

export function encodeGetOpenDataResp(v: { dataList: Array<{ cloudId: string; json: string }> }): Buffer {
  return encode(T('ApiGetOpenDataByCloudIdResp'), v);
}
