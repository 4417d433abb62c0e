/**
 * A list that names every member of the union `T` and nothing else, checked by the compiler:
 * `everyMember<OfferState>()(["offered", …])`. The unions are declared once, with the columns
 * they type (db/schema.ts); the rule book's lists are held to them in both directions, so a
 * state added on one side only is a type error naming what is missing.
 */
export function everyMember<T extends string>() {
  return <const L extends readonly T[]>(list: L & MissingMembers<T, L>): L => list;
}

type MissingMembers<T, L extends readonly unknown[]> = [Exclude<T, L[number]>] extends [never]
  ? unknown
  : { "missing from the list": Exclude<T, L[number]> };
