/*
 * The floor for bench:ingest's single posts: the least a server can do with one post and still
 * keep it. Express parses the JSON body, the product's own zod schema validates it, and one INSERT
 * stores it, on the same PostgreSQL database as the product under the same load. Run by
 * bench/ingest.ts as its own process (PORT, DATABASE_URL); not a product route.
 */
import express from 'express';
import pg from 'pg';
import { postInputSchema } from '../contract/schemas/ingest';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 });
await pool.query(
  'create table if not exists floor_posts (id bigserial primary key, source text not null, external_id text not null, body jsonb not null, created_at timestamptz not null)',
);

const app = express();
app.use(express.json({ limit: '12mb' }));
app.post('/api/v1/posts', async (req, res) => {
  const parsed = postInputSchema.safeParse(req.body);
  if (!parsed.success) {
    res.status(422).json({ errors: parsed.error.issues });
    return;
  }
  await pool.query('insert into floor_posts (source, external_id, body, created_at) values ($1, $2, $3, now())', [
    'bench',
    parsed.data.id,
    JSON.stringify(parsed.data),
  ]);
  res.status(201).json({ items: [{ externalId: parsed.data.id, created: true }] });
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('listening\n'));
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
