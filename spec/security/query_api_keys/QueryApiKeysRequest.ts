/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { RequestBase } from '@_types/Base'
import { MediaType } from '@_types/common'
import { integer } from '@_types/Numeric'
import { Sort, SortResults } from '@_types/sort'
import { Dictionary } from '@spec_utils/Dictionary'
import { ApiKeyAggregationContainer, ApiKeyQueryContainer } from './types'

/**
 * Search API keys.
 *
 * Returns a page of API keys, optionally filtered by a query, sorted, and summarised with
 * aggregations. Callers with only `manage_own_api_key` see just their own keys;
 * `read_security`, `manage_api_key` and higher privileges see every key.
 * @rest_spec_name security.query_api_keys
 * @availability stack since=7.15.0 stability=stable
 * @availability serverless visibility=public stability=stable
 * @cluster_privileges manage_own_api_key, read_security
 * @ext_doc_id security-query-api-keys
 * @doc_id security-api-query-api-key
 */
export interface Request extends RequestBase {
  urls: [
    {
      path: '/_security/_query/api_key'
      methods: ['GET', 'POST']
    }
  ]
  request_media_type: MediaType.Json
  response_media_type: MediaType.Json
  query_parameters: {
    /**
     * Also return `limited_by`, the owner permissions snapshot that caps each key. A caller
     * authenticated with an API key needs `manage_api_key` or more to see it, even for itself.
     * @server_default false
     * @availability stack since=8.5.0
     * @availability serverless
     */
    with_limited_by?: boolean
    /**
     * Also return `profile_uid`, the user profile ID of each key's owner, when one exists.
     * @server_default false
     * @availability stack since=8.14.0
     * @availability serverless
     */
    with_profile_uid?: boolean
    /**
     * Prefix each aggregation name in the response with its type (`<type>#<name>`).
     * @server_default false
     * @availability stack since=8.14.0
     * @availability serverless
     */
    typed_keys?: boolean
  }
  body?: {
    /**
     * Aggregations computed over the keys that match the query. Only some kinds are
     * supported (`terms`, `range`, `date_range`, `missing`, `cardinality`, `value_count`,
     * `composite`, `filter`, `filters`), on the same fields the query can use.
     * @aliases aggs */
    aggregations?: Dictionary<string, ApiKeyAggregationContainer>
    /**
     * Which keys to return; all of them when omitted. Supported query kinds: `match_all`,
     * `bool`, `term`, `terms`, `match`, `ids`, `prefix`, `wildcard`, `exists`, `range` and
     * `simple_query_string`. Queryable fields: `id`, `type`, `name`, `creation`, `expiration`,
     * `invalidated`, `invalidation`, `username`, `realm` and `metadata`.
     *
     * NOTE: string fields are keywords, so a `match` without an `analyzer` acts as a `term` query.
     */
    query?: ApiKeyQueryContainer
    /**
     * Offset of the first key to return; must not be negative. `from` + `size` cannot go past
     * 10,000 by default; use `search_after` to go further.
     * @server_default 0
     */
    from?: integer
    /**
     * Sort order. Every public field except `id` can be used, as well as `_doc` for index order.
     * @ext_doc_id sort-search-results */
    sort?: Sort
    /**
     * How many keys to return; must not be negative. `0` returns only aggregations.
     * `from` + `size` cannot go past 10,000 by default; use `search_after` to go further.
     * @server_default 10
     */
    size?: integer
    /**
     * Sort values of the last key of the previous page, to continue after it.
     * @ext_doc_id search-after
     */
    search_after?: SortResults
  }
}
