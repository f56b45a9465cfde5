/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { double, integer } from '@_types/Numeric'

/** Value used in place of a missing field value. */
export type Missing = string | integer | double | boolean

/** Where the bucket for documents without a value is placed. */
export enum MissingOrder {
  first,
  last,
  default
}
