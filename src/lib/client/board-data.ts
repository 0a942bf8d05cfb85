/**
 * What a board's tiles read besides the socket, fetched once per page and shared by every board
 * shown on it (a rotation does not refetch): the service-level targets for the labels and the
 * district boundaries for the map. A failed load is forgotten, so the next board mount retries.
 */
import type { ServiceTargets } from '$lib/contract';
import { apiFetch } from './api';
import type { DistrictCollection } from './district-map';

let targets: Promise<ServiceTargets> | undefined;
let geo: Promise<DistrictCollection> | undefined;

const once = <T>(load: () => Promise<T>, forget: () => void): Promise<T> =>
	load().catch((err: unknown) => {
		forget();
		throw err;
	});

export const loadTargets = (): Promise<ServiceTargets> =>
	(targets ??= once(
		() => apiFetch<ServiceTargets>('/api/v1/targets'),
		() => (targets = undefined)
	));

export const loadGeo = (): Promise<DistrictCollection> =>
	(geo ??= once(
		() => apiFetch<DistrictCollection>('/api/v1/geo/districts'),
		() => (geo = undefined)
	));
