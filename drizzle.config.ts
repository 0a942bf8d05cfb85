import { defineConfig } from 'drizzle-kit';

// `generate` needs no database; the same SQL migrates PGlite and PostgreSQL (see src/lib/server/db).
export default defineConfig({
	dialect: 'postgresql',
	schema: './src/lib/server/db/*schema.ts',
	out: './drizzle',
	casing: 'snake_case'
});
