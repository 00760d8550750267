export { StorageService, storageService, STORAGE_ROUTE, DEFAULT_MAX_AGE_SEC, MAX_FILES_PER_CALL } from './storage';
export { cloudPathProblem, cloudPathOfFileId, fileIdFor, bucketFor } from './paths';
export type { StoredFile } from './blob-store';
