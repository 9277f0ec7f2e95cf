// Control characters (NUL, ESC, ...) and unpaired UTF-16 surrogates. The first are invisible and
// break drivers and terminals (PostgreSQL text cannot hold NUL at all); the second are not text,
// and would come back altered (as U+FFFD) from any UTF-8 store, under an unchanged ETag.
const UNSAFE_CHARACTERS = /[\p{Cc}\p{Cs}]/u;

// Something a reader can see: not only spaces, zero-width or other format characters.
const VISIBLE_CHARACTER = /[^\p{Z}\p{Cf}\p{Cc}\s]/u;

/** True when the text holds a character that may not be stored or searched. */
export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE_CHARACTERS.test(text);
}

// Format characters (zero-width space, soft hyphen, bidi controls): legitimate in names (emoji
// joiners, some scripts), but in an address they only make one look like another.
const INVISIBLE_CHARACTER = /\p{Cf}/u;

export function hasInvisibleCharacter(text: string): boolean {
  return INVISIBLE_CHARACTER.test(text);
}

export function hasVisibleCharacter(text: string): boolean {
  return VISIBLE_CHARACTER.test(text);
}
