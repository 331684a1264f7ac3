// Bundles the benchmarks like the server is bundled (server/build.mjs): the workspace's TypeScript in,
// npm dependencies left external. The runners that drive the server's own code go next to the server
// build (server/dist/bench/) so its dependencies resolve from server/; the load generator and the
// ceiling use only the bench package's own dependencies and go to bench/dist/.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../server/package.json', import.meta.url));
const { build } = require('esbuild');
const serverPkg = require('./package.json');
const benchPkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const rootPkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const externalOf = (pkg) => {
  const deps = Object.keys(pkg.dependencies).filter((d) => !d.startsWith('@tiendo/'));
  return [...deps, ...deps.map((d) => `${d}/*`)];
};
const common = { outExtension: { '.js': '.mjs' }, bundle: true, platform: 'node', format: 'esm', target: 'node20', define: { __TIENDO_VERSION__: JSON.stringify(rootPkg.version) }, logLevel: 'warning' };
const entry = (file) => new URL(file, import.meta.url).pathname;

await Promise.all([
  build({ ...common, entryPoints: { 'export-audit': entry('./export-audit.ts'), national: entry('./national.ts') }, outdir: entry('../server/dist/bench/'), external: externalOf(serverPkg) }),
  build({ ...common, entryPoints: { load: entry('./national/load.ts'), ceiling: entry('./national/ceiling.ts') }, outdir: entry('./dist/'), external: externalOf(benchPkg) }),
]).catch(() => process.exit(1));
