/**
 * The assessment of one range and the trend of one topic, fetched from the history API; a newer
 * request aborts the one in flight.
 */
import type { AssessmentWeights, HistoryAssessment, TopicTrend } from '$lib/contract/assessment';
import { ApiError, apiFetch } from '$lib/client/api';

export type LoadState = 'loading' | 'ready' | 'error';

const asError = (err: unknown) =>
	err instanceof ApiError
		? err
		: new ApiError(null, err instanceof Error ? err.message : String(err));

export class AssessmentData {
	state: LoadState = $state('loading');
	data: HistoryAssessment | null = $state(null);
	error: ApiError | null = $state(null);
	trend: TopicTrend | null = $state(null);
	#controller: AbortController | null = null;
	#trendController: AbortController | null = null;
	#asked: { from: string; to: string } | null = null;

	async load(from: string, to: string): Promise<void> {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		this.#asked = { from, to };
		this.state = 'loading';
		this.error = null;
		try {
			const data = await apiFetch<HistoryAssessment>(
				`/api/v1/history/assessment?from=${from}&to=${to}`,
				{ signal: controller.signal }
			);
			if (controller.signal.aborted) return;
			this.data = data;
			this.state = 'ready';
		} catch (err) {
			if (controller.signal.aborted) return;
			this.error = asError(err);
			this.state = 'error';
		}
	}

	retry(): Promise<void> {
		return this.#asked ? this.load(this.#asked.from, this.#asked.to) : Promise.resolve();
	}

	/** The topic's last `months` months up to the month of `to`. */
	async loadTrend(topic: string, months: number, to: string): Promise<void> {
		this.#trendController?.abort();
		const controller = new AbortController();
		this.#trendController = controller;
		try {
			const q = `topic=${encodeURIComponent(topic)}&months=${months}&to=${to}`;
			const trend = await apiFetch<TopicTrend>(`/api/v1/history/topic-trend?${q}`, {
				signal: controller.signal
			});
			if (!controller.signal.aborted) this.trend = trend;
		} catch (err) {
			if (!controller.signal.aborted) this.trend = null;
			if (!controller.signal.aborted) this.error = asError(err);
		}
	}

	/** Stores new weights (admins); the caller reloads the ranking. */
	saveWeights(weights: AssessmentWeights): Promise<AssessmentWeights> {
		return apiFetch<AssessmentWeights>('/api/v1/assessment-weights', {
			method: 'PUT',
			json: weights
		});
	}

	close(): void {
		this.#controller?.abort();
		this.#trendController?.abort();
	}
}
