/**
 * Time-of-day independence for tests that post "recent" traffic: a fixed-offset zone in which it
 * is about noon now, so that the business day ("today") holds the last few hours and cannot roll
 * over during a test, whatever the hour CI runs at. (Under Asia/Shanghai a run at 16:05 UTC sees
 * a business day five minutes old, and traffic seeded "two hours ago" lands in yesterday.)
 *
 * Etc/GMT-N is UTC+N (POSIX sign convention); 12 - utcHour stays within -11..12, all valid zones.
 */
export function noonZone(now = Date.now()): string {
	// HW_TEST_ZONE pins the zone instead, e.g. Etc/GMT-6 at 18:10 UTC to see a business day ten
	// minutes old (what the wall shows just after midnight).
	if (process.env.HW_TEST_ZONE) return process.env.HW_TEST_ZONE;
	const offset = 12 - new Date(now).getUTCHours();
	return offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}
