// Bundles a benchmark like the server is bundled (server/build.mjs): the workspace's TypeScript
// in, npm dependencies left external, next to the server build so they resolve from server/.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../server/package.json', import.meta.url));
const { build } = require('esbuild');
const pkg = require('./package.json');
const rootPkg = JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(new URL('../package.json', import.meta.url), 'utf8')));
const external = Object.keys(pkg.dependencies).filter((d) => !d.startsWith('@tiendo/'));

await build({
  entryPoints: { 'export-audit': new URL('./export-audit.ts', import.meta.url).pathname },
  outdir: new URL('../server/dist/bench/', import.meta.url).pathname,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: [...external, ...external.map((d) => `${d}/*`)],
  define: { __TIENDO_VERSION__: JSON.stringify(rootPkg.version) },
  logLevel: 'warning',
}).catch(() => process.exit(1));
