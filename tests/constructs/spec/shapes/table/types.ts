/*
 * A test-only specification. Licensed under the Apache License, Version 2.0.
 */

/** One row of the table. */
export class TableRow {
  /** The shape's name. */
  name?: string
  /** How many there are, as text. */
  count?: string
}
