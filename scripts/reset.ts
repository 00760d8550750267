/**
 * `npm run reset`: deletes the emulator's data folder (default .emulator-data/), so the next `npm start` begins
 * with an empty emulator and seeds the demo shop again.   tsx scripts/reset.ts [--data DIR]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resetDataDir } from '../emulator/src/cli';

const ROOT = path.resolve(__dirname, '..');

if (require.main === module) {
  const { values } = parseArgs({ args: process.argv.slice(2), strict: true, options: { data: { type: 'string' } } });
  const dataDir = path.resolve(values.data ?? path.join(ROOT, '.emulator-data'));
  try {
    console.log(resetDataDir({ projectDir: ROOT, dataDir }) ? `deleted ${dataDir}` : `nothing to delete: ${dataDir} does not exist`);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
