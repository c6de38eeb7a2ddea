/**
 * Identifiers arrive from spreadsheets and web pages typed with a Chinese IME, so full-width digits and letters
 * (`９１４４…`), ideographic spaces and zero-width characters are common. We fold only those, not full NFKC,
 * because NFKC would also turn `①` or `²` into digits and let garbage pass as a valid code.
 */
const FULL_WIDTH_START = 0xff01;
const FULL_WIDTH_END = 0xff5e;
const FULL_WIDTH_OFFSET = 0xfee0;
const IDEOGRAPHIC_SPACE = 0x3000;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;

export const toHalfWidth = (text: string): string => {
  let out = '';
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp >= FULL_WIDTH_START && cp <= FULL_WIDTH_END) out += String.fromCodePoint(cp - FULL_WIDTH_OFFSET);
    else if (cp === IDEOGRAPHIC_SPACE) out += ' ';
    else out += ch;
  }
  return out;
};

/** Trim, fold full-width to half-width, drop zero-width characters and upper-case. */
export const normaliseIdentifier = (text: string): string =>
  toHalfWidth(text).replace(ZERO_WIDTH, '').trim().toUpperCase();
