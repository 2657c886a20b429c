/** helpers/fileFormat.ts: a downloaded file is checked against the format asked for, by its first bytes. */
import { fileFormatProblem } from '../../../../nodes/Dastra/helpers/fileFormat';

const csv = (text: string) => fileFormatProblem('csv', Buffer.from(text, 'utf8'));

describe('fileFormatProblem', () => {
	it('a CSV export: a JSON error body or a sign-in page saved as CSV is refused, a real CSV passes', () => {
		expect(csv('id;title\n1;Erase Camille\n')).toBeUndefined();
		expect(csv('{"message":"Unauthorized","status":401}')).toBe('it is an error message, not CSV');
		expect(csv('\uFEFF<!DOCTYPE html><html><body>Sign in</body></html>')).toBe('it is a web page, not CSV');
		expect(fileFormatProblem('csv', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]))).toBe('it is not text');
	});

	it('a CSV whose first cell starts with a brace is CSV, not a JSON error (it does not parse as JSON)', () => {
		expect(csv('{id};{title}\n1;Erase Camille\n')).toBeUndefined();
		// JSON that is not only an error's keys is data, not an error message.
		expect(csv('{"message":"hello","id":1}')).toBeUndefined();
	});

	it('a format without a check (one Dastra may add) is not refused; an empty file always is', () => {
		expect(fileFormatProblem('xml', Buffer.from('<export/>'))).toBeUndefined();
		expect(fileFormatProblem('xml', Buffer.alloc(0))).toBe('the file is empty');
	});
});
