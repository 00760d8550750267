export { seedDataset, seedOnce, wasSeeded, forgetSeed, META_FILE } from './seed';
export type { SeedReport, SeedOnceResult } from './seed';
export { loadDataset } from './dataset';
export type { Dataset } from './dataset';
