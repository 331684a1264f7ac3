/**
 * The ceiling: the fastest this machine answers an HTTP request that reads the database — a bare
 * Fastify route doing one indexed better-sqlite3 read (a target by its primary key) on the same
 * database file, no authentication, no schema, no logging. `node ceiling.mjs DB PORT`.
 */
import Database from 'better-sqlite3';
import Fastify from 'fastify';

const [file, port] = process.argv.slice(2);
const db = new Database(file!, { readonly: true });
const stmt = db.prepare('SELECT id, code, name_vi, unit_id, measure, target_value, target_date FROM indicators WHERE id = ?');
const app = Fastify({ logger: false });
app.get<{ Params: { id: string } }>('/ceiling/:id', (req) => stmt.get(Number(req.params.id)) ?? {});
await app.listen({ port: Number(port), host: '127.0.0.1' });
process.stdout.write('ready\n');
