import { text } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** docs/contract.md §5: 200 while the process serves. */
export const GET: RequestHandler = () => text('ok', { headers: { 'Cache-Control': 'no-store' } });
