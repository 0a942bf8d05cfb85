/**
 * The import's progress on stderr: on a terminal, one bar redrawn in place (%, events/s, ETA);
 * otherwise (CI logs, a pipe) a plain line every few seconds. And the final summary's text.
 */
import type { ImportProgress, ImportSummary } from './import';

const BAR_WIDTH = 28;
const TTY_REDRAW_S = 0.1;
const LOG_LINE_EVERY_S = 5;

type Out = { write(text: string): unknown; isTTY?: boolean };

export function describeProgress(p: ImportProgress): string {
	const fraction = p.bytesTotal === 0 ? 1 : Math.min(1, p.bytesDone / p.bytesTotal);
	const rate = p.seconds > 0 ? p.events / p.seconds : 0;
	const eta = fraction > 0 ? (p.seconds / fraction) * (1 - fraction) : Number.NaN;
	return (
		`${(100 * fraction).toFixed(0).padStart(3)}% ${p.events} events, ${Math.round(rate)} events/s, ` +
		`ETA ${Number.isFinite(eta) ? `${eta.toFixed(0)} s` : '?'} ` +
		`(accepted ${p.accepted}, duplicates ${p.duplicates}, rejected ${p.rejected})`
	);
}

/** Returns the onProgress callback and `end()`, which clears the bar. */
export function createProgressReporter(out: Out, clock = () => performance.now() / 1000) {
	let last = -Infinity;
	let drawn = false;
	return {
		update(p: ImportProgress) {
			const t = clock();
			if (t - last < (out.isTTY ? TTY_REDRAW_S : LOG_LINE_EVERY_S)) return;
			last = t;
			if (out.isTTY) {
				const fraction = p.bytesTotal === 0 ? 1 : Math.min(1, p.bytesDone / p.bytesTotal);
				const full = Math.round(fraction * BAR_WIDTH);
				out.write(
					`\r[${'#'.repeat(full)}${'-'.repeat(BAR_WIDTH - full)}] ${describeProgress(p)}\x1b[K`
				);
				drawn = true;
			} else {
				out.write(`import: ${describeProgress(p)}\n`);
			}
		},
		end() {
			if (drawn) out.write('\r\x1b[K');
		}
	};
}

export function describeSummary(s: ImportSummary): string {
	const lines = [
		`imported ${s.files} file(s), ${s.records} records in ${s.seconds.toFixed(1)} s ` +
			`(${Math.round(s.events / Math.max(s.seconds, 0.001))} events/s): ` +
			`${s.events} events — accepted ${s.accepted}, duplicates ${s.duplicates}; ` +
			`rejected records ${s.rejected}`
	];
	for (const r of s.rejectedSamples) {
		lines.push(`  rejected ${r.file}:${r.line}: ${r.errors.join('; ')}`);
	}
	const skipped = Object.entries(s.skipped).sort((a, b) => b[1] - a[1]);
	if (skipped.length > 0) lines.push('skipped records:');
	for (const [reason, n] of skipped.slice(0, 10)) lines.push(`  ${n} × ${reason}`);
	if (skipped.length > 10) lines.push(`  … and ${skipped.length - 10} other reasons`);
	return lines.join('\n') + '\n';
}
