/**
 * The figures for one range, fetched from the history API: the summary (KPIs, breakdowns) and
 * the chart's data (intraday for one day, daily for several). A newer request aborts the one
 * in flight, so a fast click-through of ranges ends on the last range asked for.
 */
import type { HistoryDaily, HistoryIntraday, HistorySummary } from '$lib/contract/history';
import { ApiError, apiFetch } from '$lib/client/api';
import type { DayRange } from '$lib/client/range';

export type LoadState = 'loading' | 'ready' | 'error';

export class HistoryData {
	state: LoadState = $state('loading');
	/** The range whose figures are shown (the one asked for, once `state` is ready). */
	range: DayRange | null = $state(null);
	summary: HistorySummary | null = $state(null);
	intraday: HistoryIntraday | null = $state(null);
	daily: HistoryDaily | null = $state(null);
	error: ApiError | null = $state(null);
	#controller: AbortController | null = null;
	#asked: { range: DayRange; queue: string | null } | null = null;

	/**
	 * Fetches the figures of `range`, the chart's for one `queue` (null: all queues); resolves
	 * when they are shown or the request failed.
	 */
	async load(range: DayRange, queue: string | null = null): Promise<void> {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		this.#asked = { range, queue };
		this.state = 'loading';
		this.error = null;
		const span = `from=${range.from}&to=${range.to}`;
		const only = queue === null ? '' : `&queue=${encodeURIComponent(queue)}`;
		const oneDay = range.from === range.to;
		try {
			const [summary, chart] = await Promise.all([
				apiFetch<HistorySummary>(`/api/v1/history/summary?${span}`, { signal: controller.signal }),
				oneDay
					? apiFetch<HistoryIntraday>(`/api/v1/history/intraday?day=${range.from}${only}`, {
							signal: controller.signal
						})
					: apiFetch<HistoryDaily>(`/api/v1/history/daily?${span}${only}`, {
							signal: controller.signal
						})
			]);
			if (controller.signal.aborted) return;
			this.summary = summary;
			this.intraday = oneDay ? (chart as HistoryIntraday) : null;
			this.daily = oneDay ? null : (chart as HistoryDaily);
			this.range = range;
			this.state = 'ready';
		} catch (err) {
			if (controller.signal.aborted) return;
			this.error =
				err instanceof ApiError
					? err
					: new ApiError(null, err instanceof Error ? err.message : String(err));
			this.state = 'error';
		}
	}

	/** Asks again for the last range asked for. */
	retry(): Promise<void> {
		return this.#asked ? this.load(this.#asked.range, this.#asked.queue) : Promise.resolve();
	}

	close(): void {
		this.#controller?.abort();
	}
}
