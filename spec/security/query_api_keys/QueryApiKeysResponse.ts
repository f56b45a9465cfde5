/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { AggregateName } from '@_types/common'
import { integer } from '@_types/Numeric'
import { ApiKey } from '@security/_types/ApiKey'
import { Dictionary } from '@spec_utils/Dictionary'
import { ApiKeyAggregate } from './types'

export class Response {
  body: {
    /**
     * How many keys matched.
     */
    total: integer
    /**
     * How many keys this page contains.
     */
    count: integer
    /**
     * The keys of this page.
     */
    api_keys: ApiKey[]
    /**
     * Aggregation results, when aggregations were requested.
     */
    aggregations?: Dictionary<AggregateName, ApiKeyAggregate>
  }
}
