/**
 * Builds what the project needs to run and deploy:
 *  - each cloud function: cloudfunctions/<name>/src/index.ts (+ shared server/ code) bundled by esbuild into
 *    cloudfunctions/<name>/index.js, with wx-server-sdk left external (installed by the cloud from the
 *    function's package.json, and by npm locally).
 * Usage: npm run build
 */
import { build } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
export const functionsDir = path.join(root, 'cloudfunctions');

export function functionNames(): string[] {
  if (!existsSync(functionsDir)) return [];
  return readdirSync(functionsDir)
    .filter((n) => statSync(path.join(functionsDir, n)).isDirectory())
    .filter((n) => existsSync(path.join(functionsDir, n, 'src', 'index.ts')))
    .sort();
}

export async function buildFunctions(opts: { quiet?: boolean } = {}): Promise<string[]> {
  const names = functionNames();
  await Promise.all(
    names.map((name) =>
      build({
        entryPoints: [path.join(functionsDir, name, 'src', 'index.ts')],
        outfile: path.join(functionsDir, name, 'index.js'),
        bundle: true,
        platform: 'node',
        target: 'node16',
        format: 'cjs',
        sourcemap: 'linked',
        external: ['wx-server-sdk'],
        tsconfig: path.join(root, 'tsconfig.json'),
        logLevel: opts.quiet ? 'error' : 'warning',
        banner: { js: '// Built by scripts/build.ts from src/ — edit the TypeScript, not this file.' },
      }),
    ),
  );
  if (!opts.quiet) console.log(`built ${names.length} cloud functions: ${names.join(', ')}`);
  return names;
}

export async function buildAll(opts: { quiet?: boolean } = {}): Promise<void> {
  await buildFunctions(opts);
  const npmLayout = path.join(root, 'scripts', 'build-miniprogram-npm.ts');
  if (existsSync(npmLayout)) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(npmLayout) as { buildMiniprogramNpm(o: { quiet?: boolean }): Promise<void> };
    await mod.buildMiniprogramNpm(opts);
  }
}

if (require.main === module) {
  buildAll().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
