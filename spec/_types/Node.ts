/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { ErrorCause } from './Errors'
import { integer } from './Numeric'

/**
 * Summary of how the nodes targeted by a request responded.
 */
export class NodeStatistics {
  /** Errors reported by nodes that failed. */
  failures?: ErrorCause[]
  /** How many nodes the request was sent to. */
  total: integer
  /** How many nodes answered successfully. */
  successful: integer
  /** How many nodes failed or did not answer; see `failures` for the reasons. */
  failed: integer
}
