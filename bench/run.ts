/**
 * `npm run bench`: every benchmark suite, printed as markdown tables. Performance targets live here, never in
 * timed tests. Pass suite names to run only some: `npm run bench -- emulator`.
 */
import { emulatorBench } from './emulator.bench';
import { shopBench } from './shop.bench';
import { analyticsBench } from './analytics.bench';
import { marketingBench } from './marketing.bench';
import { memberBench } from './member.bench';
import { growthBench } from './growth.bench';

const suites: Record<string, () => Promise<void>> = {
  emulator: emulatorBench,
  shop: shopBench,
  analytics: analyticsBench,
  marketing: marketingBench,
  member: memberBench,
  growth: growthBench,
};

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length ? wanted : Object.keys(suites);
  for (const n of names) {
    const run = suites[n];
    if (!run) throw new Error(`unknown bench suite "${n}" (have: ${Object.keys(suites).join(', ')})`);
    await run();
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
