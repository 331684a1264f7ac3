/**
 * The ceiling: the fastest this machine answers an HTTP request that reads the database — a bare
 * Fastify route doing one indexed better-sqlite3 read (a target by its primary key) on the same
 * database file with the server's page cache, no authentication, no schema, no logging.
 * `node ceiling.mjs DB PORT`.
 */
import Database from 'better-sqlite3';
import Fastify from 'fastify';

const [file, port] = process.argv.slice(2);
const db = new Database(file!, { readonly: true });
// The server's page cache (64 MiB, `TIENDO_DB_CACHE_MB`'s default): with SQLite's 2 MiB the bare
// route re-reads its pages from the operating system, which on a machine that reclaims idle page
// cache means from the disk, and the ceiling would measure that instead of the route.
db.pragma('cache_size = -65536');
const stmt = db.prepare('SELECT id, code, name_vi, unit_id, measure, target_value, target_date FROM indicators WHERE id = ?');
const app = Fastify({ logger: false });
app.get<{ Params: { id: string } }>('/ceiling/:id', (req) => stmt.get(Number(req.params.id)) ?? {});
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write('ready\n');
