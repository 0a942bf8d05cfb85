/**
 * The wall's optional alert sound: a short Web Audio beep (no asset file) for each NEW red alert,
 * and a louder repeated alarm while an escalated alert stays unacknowledged (alert-diff.ts).
 * Browsers keep audio suspended until a user gesture on the page, so sound starts off and a
 * visible control turns it on (the choice is remembered); when the browser keeps the audio
 * suspended anyway (a reload after enabling, autoplay policy), the state is 'blocked' and the
 * screen says so, with the control that fixes it.
 */
const STORAGE_KEY = 'wallboard.alertSound';
/** Two pulses of this pitch and length. */
const BEEP_HZ = 880;
const PULSE_S = 0.18;
/** The escalated alarm: a louder, harsher two-tone of this many pulses (alert-diff.ts repeats it). */
const ALARM_PULSES = 6;
const ALARM_HZ = [988, 1319] as const;
const ALARM_GAIN = 0.9;
const BEEP_GAIN = 0.4;

export type SoundState = 'off' | 'on' | 'blocked' | 'unsupported';

export class AlertSound {
	state = $state<SoundState>('off');
	/** Beeps played, for tests and for the screen (data attribute). */
	beeps = $state(0);
	/** Escalated alarms played (data attribute). */
	alarms = $state(0);
	#ctx: AudioContext | null = null;

	constructor() {
		if (typeof AudioContext === 'undefined') {
			this.state = 'unsupported';
			return;
		}
		if (localStorage.getItem(STORAGE_KEY) === 'on') {
			// Remembered: try; without a gesture since load the browser usually refuses.
			this.#open();
			void this.#ctx?.resume().catch(() => {});
			this.#sync();
		}
	}

	#open() {
		if (this.#ctx) return;
		this.#ctx = new AudioContext();
		this.#ctx.onstatechange = () => this.#sync();
	}

	#sync() {
		if (this.state === 'off' && localStorage.getItem(STORAGE_KEY) !== 'on') return;
		this.state = this.#ctx?.state === 'running' ? 'on' : 'blocked';
	}

	/** Call from a click or tap: that gesture is what lets the browser play. */
	async enable() {
		if (this.state === 'unsupported') return;
		localStorage.setItem(STORAGE_KEY, 'on');
		this.#open();
		try {
			await this.#ctx?.resume();
		} catch {
			// stays suspended: reported as blocked below
		}
		this.state = this.#ctx?.state === 'running' ? 'on' : 'blocked';
		if (this.state === 'on') this.beep();
	}

	disable() {
		localStorage.removeItem(STORAGE_KEY);
		this.state = 'off';
		void this.#ctx?.suspend().catch(() => {});
	}

	beep() {
		if (this.#play(2, [BEEP_HZ], 'sine', BEEP_GAIN)) this.beeps++;
	}

	/** The escalated alarm: a red alert nobody acknowledged (louder and longer than the beep). */
	alarm() {
		if (this.#play(ALARM_PULSES, ALARM_HZ, 'square', ALARM_GAIN)) this.alarms++;
	}

	#play(pulses: number, pitches: readonly number[], type: OscillatorType, peak: number): boolean {
		const ctx = this.#ctx;
		if (!ctx || this.state === 'off') return false;
		if (ctx.state !== 'running') {
			this.state = 'blocked';
			return false;
		}
		const t = ctx.currentTime;
		for (let i = 0; i < pulses; i++) {
			const start = t + i * PULSE_S * 1.6;
			const osc = ctx.createOscillator();
			const gain = ctx.createGain();
			osc.type = type;
			osc.frequency.value = pitches[i % pitches.length] ?? BEEP_HZ;
			gain.gain.setValueAtTime(0.0001, start);
			gain.gain.exponentialRampToValueAtTime(peak, start + 0.02);
			gain.gain.exponentialRampToValueAtTime(0.0001, start + PULSE_S);
			osc.connect(gain).connect(ctx.destination);
			osc.start(start);
			osc.stop(start + PULSE_S + 0.02);
		}
		return true;
	}

	close() {
		void this.#ctx?.close().catch(() => {});
		this.#ctx = null;
	}
}
