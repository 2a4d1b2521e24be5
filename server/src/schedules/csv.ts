/**
 * RFC 4180 CSV: quoted fields with commas, quotes ("") and line breaks; CRLF or LF. Returns
 * records with the line each starts on, so errors can name the line. A `;` separator is
 * accepted when the header has no comma (spreadsheets in many locales write it).
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export function parseCsv(text: string): CsvRecord[] {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = source.slice(0, source.search(/\r?\n|$/));
  const separator = !firstLine.includes(',') && firstLine.includes(';') ? ';' : ',';
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let index = 0; index < source.length; index += 1) {
    const character = source[index]!;
    if (quoted) {
      if (character === '"' && source[index + 1] === '"') {
        field += '"';
        index += 1;
      } else if (character === '"') {
        quoted = false;
      } else {
        if (character === '\n') line += 1;
        field += character;
      }
      continue;
    }
    if (character === '"' && field === '') quoted = true;
    else if (character === separator) {
      fields.push(field);
      field = '';
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && source[index + 1] === '\n') index += 1;
      fields.push(field);
      if (fields.some((value) => value.trim() !== '')) records.push({ line: recordLine, fields });
      fields = [];
      field = '';
      line += 1;
      recordLine = line;
    } else field += character;
  }
  fields.push(field);
  if (fields.some((value) => value.trim() !== '')) records.push({ line: recordLine, fields });
  return records;
}
