/**
 * The stem every file the app writes is named after: the project's title ("Brette CUBA" ->
 * "brette-cuba"), else its file name, made safe for every file system (no path separators,
 * control characters or characters Windows refuses; letters of any script are kept).
 */
const MAX_STEM = 60; // characters; a whole title can be a sentence
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const UNTITLED = 'untitled';

/** `text` as a lowercase, hyphenated file-name stem, or '' when nothing usable is left. */
export function safeFileStem(text: string): string {
  let stem = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '') // accents, after NFKD split them off their letters
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-') // separators, control characters, punctuation, spaces
    .replace(/^-+|-+$/g, '');
  if (stem.length > MAX_STEM) {
    const cut = stem.slice(0, MAX_STEM + 1); // one more, so a hyphen right after the limit counts as a word end
    stem = cut.lastIndexOf('-') > 0 ? cut.slice(0, cut.lastIndexOf('-')) : stem.slice(0, MAX_STEM);
  }
  return WINDOWS_RESERVED.test(stem) ? `${stem}-project` : stem;
}

/** The stem for a project with this title and file name ("untitled" when neither says anything). */
export function projectStem(title: string | undefined, fileName: string): string {
  return safeFileStem(title ?? '') || safeFileStem(fileName.replace(/\.snn$/i, '')) || UNTITLED;
}

/** Title "Brette CUBA" + "brian2" -> "brette-cuba-brian2.py" (the file name's stem when there is no title). */
export function scriptFileName(title: string | undefined, fileName: string, target: string): string {
  return `${projectStem(title, fileName)}-${safeFileStem(target) || 'script'}.py`;
}

/** "raster.png" for the project in `state` -> "brette-cuba-raster.png" (name and extension made safe). */
export function projectFileName(name: string, state: { doc: { meta?: { title?: string } }; fileName: string }): string {
  const dot = name.lastIndexOf('.');
  const base = safeFileStem(dot > 0 ? name.slice(0, dot) : name);
  const ext = dot > 0 ? safeFileStem(name.slice(dot + 1)) : '';
  const stem = projectStem(state.doc.meta?.title, state.fileName);
  return `${base ? `${stem}-${base}` : stem}${ext ? `.${ext}` : ''}`;
}
