// Bundles the server and the admin CLI into dist/ with esbuild; npm dependencies stay external
// (loaded from node_modules) but for the few in BUNDLED, and the workspace's own TypeScript
// (@tiendo/shared) is bundled in.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
const rootPkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
// Pure JavaScript packages made of hundreds of small modules, used only by this code: loading them
// file by file (typebox alone has over 700) took about a quarter of the server's start.
const BUNDLED = new Set(['typebox', 'drizzle-orm']);
const external = Object.keys(pkg.dependencies).filter((d) => !d.startsWith('@tiendo/') && !BUNDLED.has(d));
const cliOnly = process.argv.includes('--cli-only');

await build({
  entryPoints: cliOnly ? { cli: 'src/cli/index.ts' } : { server: 'src/server.ts', writer: 'src/writer.ts', cli: 'src/cli/index.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  external: [...external, ...external.map((d) => `${d}/*`)],
  define: { __TIENDO_VERSION__: JSON.stringify(rootPkg.version) },
  logLevel: 'warning',
}).catch(() => process.exit(1));
