/**
 * A card title cut where it may wrap: at spaces, and after an arrow ("E0->E6" wraps as "E0->"
 * then "E6"), never inside a name. Zoomed far out in presentation mode the title wraps over two
 * lines; a part wider than the card is ellipsized there (the card's tooltip holds the full title).
 */

/** The title's words, each cut into the parts a line may end after. */
export function titleParts(title: string): string[][] {
  return title
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((word) => word.split(/(?<=->)/).filter((p) => p !== ''));
}
