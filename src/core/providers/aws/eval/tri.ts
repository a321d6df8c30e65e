/** Three-valued logic: a condition the export cannot decide is `unknown`, never guessed. */
export type Tri = true | false | 'unknown';

export const and = (a: Tri, b: Tri): Tri => (a === false || b === false ? false : a === 'unknown' || b === 'unknown' ? 'unknown' : true);
export const or = (a: Tri, b: Tri): Tri => (a === true || b === true ? true : a === 'unknown' || b === 'unknown' ? 'unknown' : false);
export const not = (a: Tri): Tri => (a === 'unknown' ? a : !a);
