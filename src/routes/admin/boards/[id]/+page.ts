/**
 * The board editor is interactive only (pointer, keyboard, the live preview's socket): it renders
 * in the browser, loading the board and the list of boards (for the ids of copies).
 */
import { ApiError } from '$lib/client/api';
import { getBoard, listBoards, messageOf } from '../api';
import type { PageLoad } from './$types';

export const ssr = false;

export const load: PageLoad = async ({ fetch, params }) => {
	try {
		const [board, boards] = await Promise.all([getBoard(params.id, fetch), listBoards(fetch)]);
		return { id: params.id, board, boards, error: null, notFound: false };
	} catch (err) {
		return {
			id: params.id,
			board: null,
			boards: [],
			error: messageOf(err),
			notFound: err instanceof ApiError && err.status === 404
		};
	}
};
