/** CSV of a report: quoting, BOM, formula guard. */
import { BOM, csvField, toCsv } from './csv';

it('quotes fields with commas, quotes, line breaks and edge spaces, doubling the quotes', () => {
  expect(csvField('拿铁')).toBe('拿铁');
  expect(csvField('a,b')).toBe('"a,b"');
  expect(csvField('say "hi"')).toBe('"say ""hi"""');
  expect(csvField('two\nlines')).toBe('"two\nlines"');
  expect(csvField(' padded')).toBe('" padded"');
  expect(csvField(12345)).toBe('12345');
  expect(csvField(-3)).toBe('-3');
  expect(csvField(0.25)).toBe('0.25');
  expect(csvField(null)).toBe('');
  expect(csvField(undefined)).toBe('');
  expect(csvField(NaN)).toBe('');
});

it('neutralises text a spreadsheet would run as a formula', () => {
  expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
  expect(csvField('+1')).toBe("'+1");
  expect(csvField('@me')).toBe("'@me");
});

it('starts with a UTF-8 BOM and ends each line with CRLF', () => {
  const csv = toCsv(['日期', '访客'], [['2026-03-31', 3], ['备注,含逗号', null]]);
  expect(csv).toBe(`${BOM}日期,访客\r\n2026-03-31,3\r\n"备注,含逗号",\r\n`);
  expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
});
