export { DatabaseService } from './service';
export type { DatabaseServiceOptions } from './service';
export { LocalCollection } from './api';
export type { LocalFindOptions } from './api';
export { INDEX_FILE, parseIndexConfig } from './indexes';
export type { IndexConfig, IndexSpec } from './indexes';
export { DbCodes } from './errors';
