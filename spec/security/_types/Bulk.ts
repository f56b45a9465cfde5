/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { ErrorCause } from '@_types/Errors'
import { integer } from '@_types/Numeric'
import { Dictionary } from '@spec_utils/Dictionary'

/** Failures of a bulk security operation. */
export class BulkError {
  /**
   * How many items failed.
   */
  count: integer
  /**
   * The error of each failed item, keyed by the item's identifier.
   */
  details: Dictionary<string, ErrorCause>
}
