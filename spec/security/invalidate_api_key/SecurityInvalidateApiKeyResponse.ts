/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { ErrorCause } from '@_types/Errors'
import { integer } from '@_types/Numeric'

export class Response {
  /**
   * Which keys were invalidated by this call, which already were, and what went wrong.
   */
  body: {
    /**
     * How many errors occurred.
     */
    error_count: integer
    /**
     * The errors; left out when `error_count` is `0`.
     */
    error_details?: ErrorCause[]
    /**
     * Keys invalidated by this call.
     */
    invalidated_api_keys: string[]
    /**
     * Keys that had been invalidated before.
     */
    previously_invalidated_api_keys: string[]
  }
}
