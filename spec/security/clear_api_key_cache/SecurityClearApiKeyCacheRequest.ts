/*
 * Part of this project's own Elasticsearch API specification.
 * Licensed under the Apache License, Version 2.0.
 */

import { RequestBase } from '@_types/Base'
import { Ids, MediaType } from '@_types/common'

/**
 * Evict API keys from the cache.
 *
 * Removes some or all entries from the in-memory API key cache on every node. The cache is
 * also cleared automatically whenever the security index changes state.
 * @rest_spec_name security.clear_api_key_cache
 * @availability stack since=7.10.0 stability=stable
 * @availability serverless visibility=private stability=stable
 * @cluster_privileges manage_security
 * @doc_id security-api-clear-api-key-cache
 */
export interface Request extends RequestBase {
  urls: [
    {
      path: '/_security/api_key/{ids}/_clear_cache'
      methods: ['POST']
    }
  ]
  path_parts: {
    /**
     * Comma-separated identifiers of the keys to evict, or `*` for all of them.
     * No other wildcard pattern is supported.
     */
    ids: Ids
  }
  response_media_type: MediaType.Json
}
