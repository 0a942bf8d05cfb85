/**
 * Masking of personal data for supervisors' screens: what reaches a browser is enough to tell two
 * callers apart and never enough to call them. Pure; the server applies it before anything
 * leaves, displays never get these fields at all.
 */

const MASK = '***';
/** Han characters (CJK Unified Ideographs and Extension A) and the middle dot of transcribed names. */
const HAN_NAME = /^[\u3400-\u4dbf\u4e00-\u9fff·•]+$/u;

/**
 * A phone number with its middle hidden: '13812340000' → '138****0000' (11 digits or more: the
 * first 3 and last 4 kept), '65123456' → '65****56' (7–10 digits: 2 and 2), anything shorter or
 * without enough digits → '***'. Spaces, dashes and a leading + are dropped first.
 */
export function maskPhone(phone: string): string {
	const digits = phone.replace(/[\s\-+().]/g, '');
	if (!/^\d+$/.test(digits) || digits.length < 7) return MASK;
	const [head, tail] = digits.length >= 11 ? [3, 4] : [2, 2];
	return digits.slice(0, head) + '*'.repeat(digits.length - head - tail) + digits.slice(-tail);
}

/**
 * A person's name: a Chinese name keeps its first character (the family name): '张三' → '张*',
 * '欧阳娜娜' → '欧***'. Any other name keeps only its first letter and a fixed mask ('Li Na' →
 * 'L***'), so neither its length nor its rest shows; one character alone → '*'.
 */
export function maskName(name: string): string {
	const chars = [...name.trim()];
	if (chars.length === 0) return MASK;
	if (chars.length === 1) return '*';
	if (HAN_NAME.test(chars.join(''))) return chars[0] + '*'.repeat(chars.length - 1);
	return chars[0] + MASK;
}

/** The `caller` of a call: a number masked as a phone, anything else fully masked. */
export function maskCaller(caller: string | null | undefined): string | null {
	if (caller === null || caller === undefined || caller.trim() === '') return null;
	return maskPhone(caller);
}
