/** Builds the cloud functions (esbuild, ~100 ms) once before any test runs, so tests exercise what deploys. */
export default async function globalSetup(): Promise<void> {
  const { buildAll } = await import('../scripts/build');
  await buildAll({ quiet: true });
}
