/** A package part's XML as text, for the parts read whole (the reader's core properties, `annotate`'s rewriting). */

/**
 * The text of an XML part: UTF-16 by its byte-order mark (either order), else UTF-8, a UTF-8 mark dropped.
 * `utf16`: it was UTF-16 (whoever writes the text back as UTF-8 must say so in its declaration).
 */
export function xmlPartText(data: Uint8Array): { readonly text: string; readonly utf16: boolean } {
  if (data[0] === 0xff && data[1] === 0xfe) return { text: new TextDecoder("utf-16le").decode(data), utf16: true };
  if (data[0] === 0xfe && data[1] === 0xff) return { text: new TextDecoder("utf-16be").decode(data), utf16: true };
  return { text: new TextDecoder("utf-8").decode(data), utf16: false };
}
