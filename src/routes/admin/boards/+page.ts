import { listBoards, listPlaylists, messageOf } from './api';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
	try {
		const [boards, playlists] = await Promise.all([listBoards(fetch), listPlaylists(fetch)]);
		return { boards, playlists, error: null };
	} catch (err) {
		return { boards: [], playlists: [], error: messageOf(err) };
	}
};
