// pdfkit's standard fonts (Helvetica, WinAnsi) have no glyph for the real minus sign (U+2212) or the narrow
// no-break space (U+202F) that Intl uses for sv-SE: every text drawn in a PDF goes through pdfText first.
export function pdfText(text: string): string {
  return text.replaceAll('\u2212', '-').replaceAll('\u202f', '\u00a0').replaceAll('\u2009', ' ')
}
