/**
 * One browser clock for the whole screen, ticking on every whole second: the clock display, the
 * locally ticking longest wait, the countdowns and the staleness age all read `now`.
 */
export class Clock {
	now = $state(Date.now());
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor() {
		this.#schedule();
	}

	#schedule() {
		// Aligned to the second so every figure changes at the same instant.
		this.#timer = setTimeout(
			() => {
				this.now = Date.now();
				this.#schedule();
			},
			1000 - (Date.now() % 1000) + 5
		);
	}

	close() {
		clearTimeout(this.#timer);
		this.#timer = undefined;
	}
}
